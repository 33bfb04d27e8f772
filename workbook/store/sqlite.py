"""Personal mode: workbooks in an embedded SQLite file on this computer.

One connection per operation (Streamlit sessions run on many threads), WAL
and synchronous=FULL so a committed save survives a killed server. Each save
names the revision it was based on; if another tab saved in between, the save
is refused with ConflictError (carrying the newer version) instead of
silently overwriting. Every save first keeps the version it replaces
(workbook.history), a deleted workbook stays restorable for 30 days, and a
damaged stored workbook opens with every valid part (workbook.salvage).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from workbook import history as versions
from workbook.labels import long_date
from workbook.model import Workbook
from workbook.store.common import (
    DB_NAME,
    KEEP_DELETED,
    ConflictError,
    DeletedError,
    Listing,
    Saved,
    StoreError,
    StoreMissingError,
    Version,
    data_dir,
    history_of,
    now,
    read,
    stamp,
    validated,
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS workbooks (
    id         TEXT PRIMARY KEY,
    revision   INTEGER NOT NULL,
    label      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    data       TEXT NOT NULL
);
"""
# Columns added after the first release; an older database gains them at open.
_ADDED_COLUMNS = {"deleted_at": "TEXT", "questions": "INTEGER NOT NULL DEFAULT 0"}
_DB_VERSION = 2

# Data folders this process has opened: never silently made again if they vanish.
_opened: set[Path] = set()


def available() -> bool:
    """False when the store this process opened is gone (save again once it is back)."""
    folder = data_dir()
    return folder not in _opened or (folder / DB_NAME).is_file()


_MISSING = (
    "The folder where your workbooks are kept cannot be found (it may have been "
    "moved, renamed or on a drive that was unplugged). Your change is kept on this "
    "screen and is saved when the folder is back."
)


def _tighten(path: Path, private: int) -> None:
    """Make a file or folder private to this user, or say plainly why not."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        try:
            os.chmod(path, mode & ~0o077 | private)
        except OSError:
            folder = path if path.is_dir() else path.parent
            raise StoreError(
                f"Others on this computer could read the workbooks in {folder}, and this app "
                "cannot change that. Ask whoever looks after this computer to make that "
                "folder private to you."
            ) from None


def _tighten_all(folder: Path, db: Path) -> None:
    if os.name != "posix":
        return
    _tighten(folder, 0o700)
    for path in (db, db.with_name(DB_NAME + "-wal"), db.with_name(DB_NAME + "-shm")):
        if path.exists():
            _tighten(path, 0o600)


def _db_path() -> Path:
    folder = data_dir()
    db = folder / DB_NAME
    if folder in _opened:
        if not db.is_file():
            raise StoreMissingError(_MISSING)
    else:
        # Only the first open in this process may make the folder and the file.
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not db.exists():
            db.touch(mode=0o600)  # before SQLite creates it with the default, wider mode
    _tighten_all(folder, db)
    return db


def _columns(con: sqlite3.Connection) -> set[str]:
    return {row[1] for row in con.execute("PRAGMA table_info(workbooks)")}


def _prepare(con: sqlite3.Connection) -> None:
    """Create or upgrade the tables (a database from an older version gains columns)."""
    if con.execute("PRAGMA user_version").fetchone()[0] >= _DB_VERSION:
        return
    con.executescript(_SCHEMA + versions.SCHEMA)
    have = _columns(con)
    for name, kind in _ADDED_COLUMNS.items():
        if name not in have:
            try:
                con.execute(f"ALTER TABLE workbooks ADD COLUMN {name} {kind}")
            except sqlite3.OperationalError:
                if name not in _columns(con):  # not just another process adding it first
                    raise
    con.execute(f"PRAGMA user_version = {_DB_VERSION}")


@contextmanager
def _connect() -> Iterator[sqlite3.Connection]:
    db = _db_path()
    try:
        # mode=rw: SQLite must never make a new, empty database behind our back.
        with closing(
            sqlite3.connect(db.as_uri() + "?mode=rw", uri=True, timeout=10, isolation_level=None)
        ) as con:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=FULL")
            _prepare(con)
            _opened.add(db.parent)
            _tighten_all(db.parent, db)  # the WAL and SHM files exist now
            con.execute("BEGIN IMMEDIATE")  # one writer at a time: read, check, write
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
    except sqlite3.Error:
        if db.parent in _opened and not db.is_file():
            raise StoreMissingError(_MISSING) from None
        raise


# --- reading ---------------------------------------------------------------


def _ts(when: datetime) -> str:
    # Fixed width, so timestamps sort as text.
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def _readable(con: sqlite3.Connection, workbook_id: str, revision: int, data: str) -> Saved:
    """The current version; if it is unreadable, the newest earlier version that is."""
    found = read(workbook_id, data)
    if found is not None:
        return Saved(found[0], revision, found[1])
    for _, saved_at, older in versions.rows(con, workbook_id, 10_000):
        found = read(workbook_id, older)
        if found is not None:
            when = datetime.fromisoformat(saved_at)
            note = (
                f"The latest save could not be read, so the version saved on "
                f"{long_date(when.date())} at {when:%H:%M} (UTC) was opened"
            )
            return Saved(found[0], revision, (note, *found[1]))
    raise StoreError("This saved workbook could not be read, and no earlier version of it could either.")


def _row(con: sqlite3.Connection, workbook_id: str) -> tuple[int, str, str, str | None] | None:
    found: tuple[int, str, str, str | None] | None = con.execute(
        "SELECT revision, updated_at, data, deleted_at FROM workbooks WHERE id = ?", (workbook_id,)
    ).fetchone()
    return found


def load(workbook_id: str) -> Saved | None:
    """The workbook, salvaged if a part is damaged; None if unknown or deleted."""
    with _connect() as con:
        row = _row(con, workbook_id)
        if row is None or row[3] is not None:
            return None
        saved = _readable(con, workbook_id, row[0], row[2])
        if saved.damaged:
            # The damaged original goes into history now, before anything is saved over it.
            versions.keep(con, workbook_id, row[0], row[1], row[2])
        return saved


# --- writing ---------------------------------------------------------------


def create(wb: Workbook) -> int:
    """Save a new workbook; returns its first revision."""
    clean = validated(wb)
    new = stamp(clean)
    with _connect() as con:
        if _row(con, wb.id) is not None:
            raise StoreError("A workbook with this id is already saved. Nothing was changed.")
        con.execute(
            "INSERT INTO workbooks (id, revision, label, updated_at, data, questions) "
            "VALUES (?, 1, ?, ?, ?, ?)",
            (wb.id, new.label, _ts(new.updated_at), new.data, new.questions),
        )
    wb.updated_at = clean.updated_at
    return 1


_DELETED = (
    "This workbook was deleted in another tab or window. You can keep it as a new workbook or let it go."
)


def save(wb: Workbook, base_revision: int) -> int:
    """Write the workbook if nobody saved since base_revision; returns the new revision."""
    clean = validated(wb)
    new = stamp(clean)
    with _connect() as con:
        row = _row(con, wb.id)
        if row is None or row[3] is not None:
            raise DeletedError(_DELETED)
        revision, old_updated, old_data, _ = row
        if revision != base_revision:
            raise ConflictError(
                "This workbook was changed in another tab or window.",
                _readable(con, wb.id, revision, old_data),
            )
        versions.keep(con, wb.id, revision, old_updated, old_data)
        con.execute(
            "UPDATE workbooks SET revision = ?, label = ?, updated_at = ?, data = ?, "
            "questions = ? WHERE id = ?",
            (revision + 1, new.label, _ts(new.updated_at), new.data, new.questions, wb.id),
        )
        versions.thin(con, wb.id, clean.updated_at)
    wb.updated_at = clean.updated_at
    return revision + 1


# --- listing, deleting ------------------------------------------------------


def _purge_expired(con: sqlite3.Connection) -> None:
    cutoff = _ts(now() - KEEP_DELETED)
    ids = [
        r[0]
        for r in con.execute(
            "SELECT id FROM workbooks WHERE deleted_at IS NOT NULL AND deleted_at < ?", (cutoff,)
        )
    ]
    versions.forget(con, ids)
    con.executemany("DELETE FROM workbooks WHERE id = ?", [(i,) for i in ids])


def _listing(row: tuple[str, str, str, int, str | None]) -> Listing:
    wid, label, updated, questions, deleted = row
    return Listing(
        wid,
        label,
        datetime.fromisoformat(updated),
        questions or 0,
        datetime.fromisoformat(deleted) if deleted else None,
    )


def list_saved() -> list[Listing]:
    with _connect() as con:
        rows = con.execute(
            "SELECT id, label, updated_at, questions, deleted_at FROM workbooks "
            "WHERE deleted_at IS NULL ORDER BY updated_at DESC"
        ).fetchall()
    return [_listing(r) for r in rows]


def list_deleted() -> list[Listing]:
    """Recently deleted workbooks, restorable for 30 days; older ones are purged here."""
    with _connect() as con:
        _purge_expired(con)
        rows = con.execute(
            "SELECT id, label, updated_at, questions, deleted_at FROM workbooks "
            "WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC"
        ).fetchall()
    return [_listing(r) for r in rows]


def delete(workbook_id: str) -> None:
    """Move a workbook to "Recently deleted" (restorable for 30 days)."""
    with _connect() as con:
        con.execute(
            "UPDATE workbooks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
            (_ts(now()), workbook_id),
        )
        _purge_expired(con)


def undelete(workbook_id: str) -> None:
    with _connect() as con:
        cur = con.execute("UPDATE workbooks SET deleted_at = NULL WHERE id = ?", (workbook_id,))
        if cur.rowcount == 0:
            raise StoreError("This workbook is no longer kept, so it cannot be brought back.")


# --- history ---------------------------------------------------------------


def history(workbook_id: str, titles: Mapping[str, str] | None = None, limit: int = 100) -> list[Version]:
    """The kept versions, newest (the current one) first, each with what it changed."""
    with _connect() as con:
        row = _row(con, workbook_id)
        if row is None:
            return []
        earlier = [v for v in versions.rows(con, workbook_id, limit + 1) if v[0] != row[0]]
        kept = [(row[0], row[1], row[2]), *earlier[:limit]]
    return history_of(workbook_id, [(r, datetime.fromisoformat(at), d) for r, at, d in kept], titles, limit)


def _version_data(con: sqlite3.Connection, workbook_id: str, revision: int) -> str:
    row = _row(con, workbook_id)
    if row is not None and row[0] == revision:
        return row[2]
    kept = versions.row(con, workbook_id, revision)
    if row is None or kept is None:
        raise StoreError("That earlier version is no longer kept.")
    return kept[1]


def load_version(workbook_id: str, revision: int) -> Workbook:
    """One kept version (salvaged), to preview or restore."""
    with _connect() as con:
        data = _version_data(con, workbook_id, revision)
    found = read(workbook_id, data)
    if found is None:
        raise StoreError("That earlier version could not be read.")
    return found[0]
