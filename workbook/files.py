"""Workbook files: export to JSON, and import any file a person might pick.

An import always yields a *new* workbook (a fresh id) or one WorkbookFileError
with a short, plain message. It never touches the workbook that is open. A
workbook file with a damaged part opens with every valid part (see salvage);
only a file that is not a workbook at all is refused.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from workbook.model import SCHEMA_VERSION, Workbook, new_id
from workbook.salvage import salvage_raw

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 20


class WorkbookFileError(ValueError):
    """A file that cannot be opened. The message never quotes the file."""


def export_json(wb: Workbook) -> bytes:
    return wb.model_dump_json(indent=2).encode("utf-8")


def export_filename(wb: Workbook) -> str:
    # No name or health detail in the file name: it may be seen by others.
    return f"my-treatment-workbook-{wb.updated_at:%Y-%m-%d}.json"


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise WorkbookFileError(
            "This file is not a workbook file: its text is not in the UTF-8 "
            "format workbook files use. Choose a .json file saved from this workbook."
        ) from None


def _depth(value: Any, limit: int) -> int:
    """Nesting depth, stopping early once past the limit."""
    stack = [(value, 1)]
    deepest = 0
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            break
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def parse(data: bytes) -> dict[str, Any]:
    """Bytes to the file's raw dict (any older version), or WorkbookFileError."""
    if len(data) > MAX_FILE_BYTES:
        raise WorkbookFileError(
            "This file is too large to be a workbook file (over 5 MB). "
            "Choose the .json file you saved from this workbook."
        )
    if not data.strip():
        raise WorkbookFileError("This file is empty. Choose a workbook file (.json).")
    try:
        raw = json.loads(_decode(data))
    except (ValueError, RecursionError):
        raise WorkbookFileError(
            "This file is not a workbook file (it is not valid JSON). "
            "Choose the .json file you saved from this workbook."
        ) from None
    if not isinstance(raw, dict) or "schema_version" not in raw:
        raise WorkbookFileError(
            "This file is JSON, but not a workbook file. Choose the .json file you saved from this workbook."
        )
    if _depth(raw, MAX_DEPTH) > MAX_DEPTH:
        raise WorkbookFileError("This file is not a workbook file (it is nested too deeply).")
    version = raw["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise WorkbookFileError(
            "This file has no valid version number, so it cannot be opened. "
            "Choose the .json file you saved from this workbook."
        )
    if version > SCHEMA_VERSION:
        raise WorkbookFileError(
            "This file was made by a newer version of the workbook. "
            "Update this app, then open the file again."
        )
    return raw


def import_salvaged(
    data: bytes,
    titles: Mapping[str, str] | None = None,
) -> tuple[Workbook, list[str]]:
    """A new workbook from a file's bytes, and the plain names of damaged parts
    that were reset. Raises WorkbookFileError only for a file that is not a workbook."""
    wb, damaged = salvage_raw(parse(data), titles)
    # An imported file opens beside the current one, never over it.
    wb.id = new_id()
    return wb, damaged


def import_json(data: bytes) -> Workbook:
    """A new workbook from a file's bytes (damaged parts reset). Raises WorkbookFileError."""
    return import_salvaged(data)[0]
