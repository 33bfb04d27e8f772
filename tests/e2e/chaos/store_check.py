"""Read the app's store behind its back, read-only, and validate every row raw.

A row that only loads because salvage repaired it still counts as unreadable
here: the promise is that invalid data never reaches the store at all.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from workbook.files import parse
from workbook.model import Workbook
from workbook.store import DB_NAME


@dataclass
class Snapshot:
    workbooks: dict[str, Workbook] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)  # id -> why (no content quoted)
    revisions: dict[str, int] = field(default_factory=dict)


def _why(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):  # a pydantic ValidationError: where, not what
        first = errors(include_input=False)[:3]
        return "; ".join(f"{'.'.join(map(str, e.get('loc', ())))}: {e.get('msg')}" for e in first)
    return f"{type(exc).__name__}: {exc}"


def read(data_dir: Path) -> Snapshot:
    snap = Snapshot()
    db = data_dir / DB_NAME
    if not db.exists():
        return snap
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)) as con:
        try:
            rows = con.execute("SELECT id, revision, data FROM workbooks").fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return snap
            raise
    for wb_id, revision, data in rows:
        snap.revisions[wb_id] = revision
        try:
            snap.workbooks[wb_id] = Workbook.model_validate(parse(data.encode("utf-8")))
        except Exception as exc:  # any failure to read is the finding
            snap.unreadable[wb_id] = _why(exc)
    return snap
