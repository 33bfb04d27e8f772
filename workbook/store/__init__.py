"""Autosave: one store interface, two backends, chosen by one setting.

Unset $WORKBOOK_DATABASE_URL (the personal mode): workbooks live in an embedded
SQLite file on this computer (sqlite.py). Set it to a PostgreSQL address (the
clinic mode): workbooks live in PostgreSQL (postgres.py), each owned by a
signed-in person, read by those she shared it with (workbook.access), checked
in code and again by row-level security. Callers never ask which one runs.

Both keep every version a save replaces, refuse a save based on a stale
revision with ConflictError (carrying the newer version), keep deleted
workbooks for 30 days and open a damaged workbook with every valid part.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Protocol

from workbook.model import Workbook, utcnow
from workbook.store import sqlite
from workbook.store.actor import Actor, acting, current_actor, set_actor_provider
from workbook.store.common import (
    DATA_DIR_ENV,
    DB_NAME,
    KEEP_DELETED,
    ConflictError,
    DeletedError,
    InvalidWorkbookError,
    Listing,
    NotAllowedError,
    NotSignedInError,
    Saved,
    StoreError,
    StoreMissingError,
    Version,
    data_dir,
)

__all__ = [
    "DATABASE_URL_ENV",
    "DATA_DIR_ENV",
    "DB_NAME",
    "KEEP_DELETED",
    "Actor",
    "ConflictError",
    "DeletedError",
    "InvalidWorkbookError",
    "Listing",
    "NotAllowedError",
    "NotSignedInError",
    "Saved",
    "StoreError",
    "StoreMissingError",
    "Version",
    "acting",
    "available",
    "backend_name",
    "clinic_mode",
    "clock",
    "create",
    "current_actor",
    "data_dir",
    "delete",
    "history",
    "list_deleted",
    "list_saved",
    "load",
    "load_version",
    "restore",
    "save",
    "set_actor_provider",
    "undelete",
]

DATABASE_URL_ENV = "WORKBOOK_DATABASE_URL"

# The clock, replaceable in tests of thinning and purging (both backends read it per call).
clock: Callable[[], datetime] = utcnow


class Backend(Protocol):
    def available(self) -> bool: ...
    def load(self, workbook_id: str) -> Saved | None: ...
    def create(self, wb: Workbook) -> int: ...
    def save(self, wb: Workbook, base_revision: int) -> int: ...
    def list_saved(self) -> list[Listing]: ...
    def list_deleted(self) -> list[Listing]: ...
    def delete(self, workbook_id: str) -> None: ...
    def undelete(self, workbook_id: str) -> None: ...
    def history(self, workbook_id: str, titles: Mapping[str, str] | None, limit: int) -> list[Version]: ...
    def load_version(self, workbook_id: str, revision: int) -> Workbook: ...


def clinic_mode() -> bool:
    """True when workbooks live in PostgreSQL ($WORKBOOK_DATABASE_URL is set)."""
    return bool(os.environ.get(DATABASE_URL_ENV))


def backend_name() -> str:
    return "postgres" if clinic_mode() else "sqlite"


def _backend() -> Backend:
    if clinic_mode():
        import workbook.store.postgres as postgres  # psycopg is only needed by clinics

        return postgres
    return sqlite


def available() -> bool:
    """False when the store this process opened is gone (save again once it is back)."""
    return _backend().available()


def load(workbook_id: str) -> Saved | None:
    """The workbook, salvaged if a part is damaged; None if unknown, deleted or not yours to see."""
    return _backend().load(workbook_id)


def create(wb: Workbook) -> int:
    """Save a new workbook; returns its first revision."""
    return _backend().create(wb)


def save(wb: Workbook, base_revision: int) -> int:
    """Write the workbook if nobody saved since base_revision; returns the new revision."""
    return _backend().save(wb, base_revision)


def list_saved() -> list[Listing]:
    """The workbooks (of the acting person, in clinic mode), newest first."""
    return _backend().list_saved()


def list_deleted() -> list[Listing]:
    """Recently deleted workbooks, restorable for 30 days; older ones are purged here."""
    return _backend().list_deleted()


def delete(workbook_id: str) -> None:
    """Move a workbook to "Recently deleted" (restorable for 30 days)."""
    _backend().delete(workbook_id)


def undelete(workbook_id: str) -> None:
    _backend().undelete(workbook_id)


def history(workbook_id: str, titles: Mapping[str, str] | None = None, limit: int = 100) -> list[Version]:
    """The kept versions, newest (the current one) first, each with what it changed."""
    return _backend().history(workbook_id, titles, limit)


def load_version(workbook_id: str, revision: int) -> Workbook:
    """One kept version (salvaged), to preview or restore."""
    return _backend().load_version(workbook_id, revision)


def restore(workbook_id: str, revision: int, base_revision: int) -> int:
    """Save an earlier version as a new revision; the current one is kept, so this is undoable."""
    return save(load_version(workbook_id, revision), base_revision)
