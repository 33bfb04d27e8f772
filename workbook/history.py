"""Earlier versions of each workbook: an append-only table beside `workbooks`.

Every save first copies the version it replaces here. Old versions are thinned
so the file stays small: every version for 2 days, then the newest of each
hour for 2 weeks, then the newest of each day; the newest KEEP_NEWEST are
always kept whatever their age.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta

ALL_FOR = timedelta(days=2)
HOURLY_FOR = timedelta(days=14)
KEEP_NEWEST = 20

SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
    workbook_id TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    saved_at    TEXT NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (workbook_id, revision)
);
CREATE TRIGGER IF NOT EXISTS versions_append_only BEFORE UPDATE ON versions
BEGIN SELECT RAISE(ABORT, 'versions are append-only'); END;
"""


def to_drop(versions: Iterable[tuple[int, datetime]], now: datetime) -> list[int]:
    """Revisions that thinning removes, from (revision, saved_at) pairs."""
    newest_first = sorted(versions, key=lambda v: v[0], reverse=True)
    seen: set[tuple[str, str]] = set()
    drop = []
    for n, (revision, saved_at) in enumerate(newest_first):
        age = now - saved_at
        if n < KEEP_NEWEST or age <= ALL_FOR:
            continue
        bucket = (
            ("hour", saved_at.strftime("%Y-%m-%dT%H"))
            if age <= HOURLY_FOR
            else ("day", saved_at.strftime("%Y-%m-%d"))
        )
        if bucket in seen:
            drop.append(revision)  # an older one in a bucket that already keeps a newer
        else:
            seen.add(bucket)
    return drop


def keep(con: sqlite3.Connection, workbook_id: str, revision: int, saved_at: str, data: str) -> None:
    """Keep the version a save is about to replace (once: a retry changes nothing)."""
    con.execute(
        "INSERT OR IGNORE INTO versions (workbook_id, revision, saved_at, data) VALUES (?, ?, ?, ?)",
        (workbook_id, revision, saved_at, data),
    )


def thin(con: sqlite3.Connection, workbook_id: str, now: datetime) -> None:
    rows = con.execute(
        "SELECT revision, saved_at FROM versions WHERE workbook_id = ?", (workbook_id,)
    ).fetchall()
    drop = to_drop(((r, datetime.fromisoformat(t)) for r, t in rows), now)
    con.executemany(
        "DELETE FROM versions WHERE workbook_id = ? AND revision = ?", [(workbook_id, r) for r in drop]
    )


def rows(con: sqlite3.Connection, workbook_id: str, limit: int) -> list[tuple[int, str, str]]:
    """(revision, saved_at, data) of the kept versions, newest first."""
    return con.execute(
        "SELECT revision, saved_at, data FROM versions WHERE workbook_id = ? ORDER BY revision DESC LIMIT ?",
        (workbook_id, limit),
    ).fetchall()


def row(con: sqlite3.Connection, workbook_id: str, revision: int) -> tuple[str, str] | None:
    """(saved_at, data) of one kept version."""
    found: tuple[str, str] | None = con.execute(
        "SELECT saved_at, data FROM versions WHERE workbook_id = ? AND revision = ?", (workbook_id, revision)
    ).fetchone()
    return found


def forget(con: sqlite3.Connection, workbook_ids: list[str]) -> None:
    """Every version of workbooks purged for good (deleted more than 30 days ago)."""
    con.executemany("DELETE FROM versions WHERE workbook_id = ?", [(i,) for i in workbook_ids])
