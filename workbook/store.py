"""Autosave: workbooks in an embedded SQLite file on this computer.

One connection per operation (Streamlit sessions run on many threads), WAL
and synchronous=FULL so a committed save survives a killed server. Each save
names the revision it was based on; if another tab saved in between, the save
is refused with ConflictError instead of silently overwriting.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

from platformdirs import user_data_dir
from pydantic import ValidationError

from workbook.files import WorkbookFileError, parse
from workbook.model import Workbook, utcnow

DATA_DIR_ENV = "WORKBOOK_DATA_DIR"
DB_NAME = "workbooks.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS workbooks (
    id         TEXT PRIMARY KEY,
    revision   INTEGER NOT NULL,
    label      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    data       TEXT NOT NULL
)
"""


class StoreError(RuntimeError):
    """A saved workbook could not be read or written; the message is plain."""


class ConflictError(StoreError):
    """Another tab or window saved this workbook since it was opened here."""


@dataclass(frozen=True)
class Saved:
    workbook: Workbook
    revision: int


@dataclass(frozen=True)
class Listing:
    id: str
    label: str
    updated_at: datetime


def data_dir() -> Path:
    """Where workbooks live: $WORKBOOK_DATA_DIR, or the user's data folder."""
    path = Path(os.environ.get(DATA_DIR_ENV) or user_data_dir("treatment-workbook", False))
    # Private to this user: others on a shared computer cannot read it.
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


@contextmanager
def _connect() -> Iterator[sqlite3.Connection]:
    db = data_dir() / DB_NAME
    if not db.exists():
        db.touch(mode=0o600)  # before SQLite creates it with the default, wider mode
    with closing(sqlite3.connect(db, timeout=10)) as con:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute(_SCHEMA)
        with con:  # one transaction: committed on success, rolled back on error
            yield con


def _row_values(wb: Workbook) -> tuple[str, str, str]:
    return wb.profile.name.strip()[:80], wb.updated_at.isoformat(), wb.model_dump_json()


def create(wb: Workbook) -> int:
    """Save a new workbook; returns its first revision."""
    wb.updated_at = utcnow()
    with _connect() as con:
        con.execute("INSERT INTO workbooks (id, revision, label, updated_at, data) "
                    "VALUES (?, 1, ?, ?, ?)", (wb.id, *_row_values(wb)))
    return 1


def save(wb: Workbook, base_revision: int) -> int:
    """Write the workbook if nobody saved since base_revision; returns the new revision."""
    wb.updated_at = utcnow()
    label, updated, data = _row_values(wb)
    with _connect() as con:
        cur = con.execute(
            "UPDATE workbooks SET revision = revision + 1, label = ?, updated_at = ?, data = ? "
            "WHERE id = ? AND revision = ?", (label, updated, data, wb.id, base_revision))
        if cur.rowcount == 1:
            return base_revision + 1
        row = con.execute("SELECT revision FROM workbooks WHERE id = ?", (wb.id,)).fetchone()
        if row is not None:
            raise ConflictError(
                "This workbook was changed in another tab or window. "
                "Reload it to see the latest version.")
        # Deleted elsewhere while open here: keep the person's work.
        con.execute("INSERT INTO workbooks (id, revision, label, updated_at, data) "
                    "VALUES (?, ?, ?, ?, ?)", (wb.id, base_revision + 1, label, updated, data))
        return base_revision + 1


def load(workbook_id: str) -> Saved | None:
    with _connect() as con:
        row = con.execute("SELECT revision, data FROM workbooks WHERE id = ?",
                          (workbook_id,)).fetchone()
    if row is None:
        return None
    revision, data = row
    try:
        # Through the file parser, so a workbook saved by an older version migrates.
        return Saved(Workbook.model_validate(parse(data.encode("utf-8"))), revision)
    except (WorkbookFileError, ValidationError):
        raise StoreError("This saved workbook could not be read.") from None


def list_saved() -> list[Listing]:
    with _connect() as con:
        rows = con.execute(
            "SELECT id, label, updated_at FROM workbooks ORDER BY updated_at DESC").fetchall()
    return [Listing(i, label, datetime.fromisoformat(ts)) for i, label, ts in rows]


def delete(workbook_id: str) -> None:
    with _connect() as con:
        con.execute("DELETE FROM workbooks WHERE id = ?", (workbook_id,))
