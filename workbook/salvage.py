"""Open what can be opened: a workbook with a damaged part keeps every valid part.

Each damaged part is reset to its default (an item of a list or map is left
out, a too-long text or list is shortened to fit) and named in plain words.
Only data that is not a workbook at all is refused (NotAWorkbook).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from workbook.migrations import migrate
from workbook.model import SCHEMA_VERSION, Workbook
from workbook.parts import part_name

Path_ = tuple[Any, ...]
MAX_PASSES = 40  # each pass fixes every error pydantic reports; nesting is shallower


class NotAWorkbook(ValueError):
    """The data is not a workbook at all; nothing can be salvaged."""


def _target(error: Mapping[str, Any]) -> tuple[Path_, str]:
    """Where to act for one error and how: 'drop' the value there, or 'cut' it to fit."""
    loc = tuple(error.get("loc", ()))
    kind = error.get("type", "")
    if loc and loc[-1] == "[key]":
        return loc[:-1], "drop"  # a map entry under a key this version does not know
    if kind == "missing":
        return loc[:-1], "drop"  # a required part is gone: the item holding it goes
    if kind in ("string_too_long", "too_long"):
        return loc, "cut"
    return loc, "drop"


def _container(data: Any, path: Path_) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _apply(data: dict[str, Any], path: Path_, action: str, limit: int | None) -> None:
    parent = _container(data, path[:-1])
    key = path[-1]
    if not isinstance(parent, (dict, list)) or (
        isinstance(parent, list) and (not isinstance(key, int) or not -len(parent) <= key < len(parent))
    ):
        return
    if isinstance(parent, dict) and key not in parent:
        return
    if action == "cut" and limit is not None and isinstance(parent[key], (str, list)):
        parent[key] = parent[key][:limit]
    else:
        del parent[key]


def _sort_key(path: Path_) -> tuple[tuple[int, Any], ...]:
    # Deepest and last first, so removing one list item never shifts another's index.
    return tuple((0, p) if isinstance(p, int) else (1, str(p)) for p in path)


def _repair(data: dict[str, Any], exc: ValidationError, titles: Mapping[str, str] | None) -> list[str]:
    """Fix every reported error in place; the names of the parts that were reset."""
    acts: dict[Path_, tuple[str, int | None, bool]] = {}
    for error in exc.errors(include_input=False, include_url=False):
        path, action = _target(error)
        limit = (error.get("ctx") or {}).get("max_length")
        acts.setdefault(path, (action, limit, error.get("type") == "extra_forbidden"))
    names = []
    for path in sorted(acts, key=_sort_key, reverse=True):
        action, limit, unknown = acts[path]
        if not path:
            data.clear()  # the whole workbook is damaged: start from defaults
        else:
            _apply(data, path, action, limit)
        names.append(part_name(path, titles, unknown=unknown))
    return names


def salvage(
    raw: dict[str, Any],
    titles: Mapping[str, str] | None = None,
) -> tuple[Workbook, list[str]]:
    """A valid workbook from raw data of the current version, and what was reset."""
    from workbook.edits import normalize_order  # edits imports nothing of salvage

    if not isinstance(raw, dict):
        raise NotAWorkbook("not a workbook")
    data = copy.deepcopy(raw)
    names: list[str] = []
    for _ in range(MAX_PASSES):
        try:
            wb = Workbook.model_validate(data)
            break
        except ValidationError as exc:
            names += _repair(data, exc, titles)
    else:
        wb, names = Workbook(), [*names, "Your workbook"]
    normalize_order(wb)
    return wb, list(dict.fromkeys(names))


def error_parts(exc: ValidationError, titles: Mapping[str, str] | None = None) -> list[str]:
    """Plain names of the parts a validation error is about (never key names)."""
    names = [
        part_name(_target(e)[0], titles, unknown=e.get("type") == "extra_forbidden")
        for e in exc.errors(include_input=False, include_url=False)
    ]
    return list(dict.fromkeys(names))


def _version(raw: dict[str, Any]) -> int | None:
    version = raw.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and 1 <= version <= SCHEMA_VERSION:
        return version
    return None


def salvage_raw(raw: Any, titles: Mapping[str, str] | None = None) -> tuple[Workbook, list[str]]:
    """Migrate raw data of any version, then salvage it. A bad version counts as current."""
    if not isinstance(raw, dict):
        raise NotAWorkbook("not a workbook")
    version = _version(raw)
    names: list[str] = [] if version else [part_name(("schema_version",), titles)]
    data = copy.deepcopy(raw)
    try:
        data = migrate(data, version or SCHEMA_VERSION, SCHEMA_VERSION)
    except (TypeError, AttributeError, KeyError, ValueError):
        # An old file of an odd shape: keep what fits the current shape.
        data = {**copy.deepcopy(raw), "schema_version": SCHEMA_VERSION}
    data["schema_version"] = SCHEMA_VERSION
    wb, more = salvage(data, titles)
    return wb, list(dict.fromkeys(names + more))


def salvage_text(text: str, titles: Mapping[str, str] | None = None) -> tuple[Workbook, list[str]]:
    """A stored workbook's JSON text to a workbook, or NotAWorkbook."""
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):
        raise NotAWorkbook("not JSON") from None
    return salvage_raw(raw, titles)
