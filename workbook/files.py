"""Workbook files: export to JSON, and import any file a person might pick.

An import always yields a *new* workbook (a fresh id) or one WorkbookFileError
with a short, plain message. It never touches the workbook that is open.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

from workbook.migrations import migrate
from workbook.model import SCHEMA_VERSION, Workbook, new_id

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 20


class WorkbookFileError(ValueError):
    """A file that cannot be opened. The message never quotes the file."""


_DAMAGED = ("This workbook file is damaged, so it cannot be opened. "
            "Nothing was changed. Try an older copy of the file.")


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


_SAFE_PART = re.compile(r"[a-z0-9_]{1,40}")


def _field_path(error: dict[str, Any]) -> str:
    """Where the bad value is; parts that could be someone's text become '…'."""
    parts = [str(p) if isinstance(p, int) or _SAFE_PART.fullmatch(str(p)) else "…"
             for p in error.get("loc", ())]
    return " > ".join(parts) or "the file"


def parse(data: bytes) -> dict[str, Any]:
    """Bytes to a raw dict of the current schema version, or WorkbookFileError."""
    if len(data) > MAX_FILE_BYTES:
        raise WorkbookFileError(
            "This file is too large to be a workbook file (over 5 MB). "
            "Choose the .json file you saved from this workbook.")
    if not data.strip():
        raise WorkbookFileError("This file is empty. Choose a workbook file (.json).")
    try:
        raw = json.loads(_decode(data))
    except (ValueError, RecursionError):
        raise WorkbookFileError(
            "This file is not a workbook file (it is not valid JSON). "
            "Choose the .json file you saved from this workbook.") from None
    if not isinstance(raw, dict) or "schema_version" not in raw:
        raise WorkbookFileError(
            "This file is JSON, but not a workbook file. "
            "Choose the .json file you saved from this workbook.")
    if _depth(raw, MAX_DEPTH) > MAX_DEPTH:
        raise WorkbookFileError("This file is not a workbook file (it is nested too deeply).")
    version = raw["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise WorkbookFileError("This file has no valid version number, so it cannot be opened.")
    if version > SCHEMA_VERSION:
        raise WorkbookFileError(
            "This file was made by a newer version of the workbook. "
            "Update this app, then open the file again.")
    try:
        return migrate(raw, version, SCHEMA_VERSION)
    except (TypeError, AttributeError, KeyError, ValueError):
        # An old file of the wrong shape: the migration steps expect a workbook.
        raise WorkbookFileError(_DAMAGED) from None


def import_json(data: bytes) -> Workbook:
    """A new workbook from a file's bytes. Raises WorkbookFileError."""
    raw = parse(data)
    try:
        wb = Workbook.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors(include_input=False)[0]
        raise WorkbookFileError(
            f"This workbook file is damaged: a value at '{_field_path(first)}' "
            f"is not valid ({first.get('msg', 'wrong type')}). "
            "Nothing was changed. Try an older copy of the file.") from None
    # An imported file opens beside the current one, never over it.
    wb.id = new_id()
    return wb
