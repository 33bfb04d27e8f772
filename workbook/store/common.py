"""What both store backends share: the errors, the returned records, validation and reading.

A backend (sqlite.py, postgres.py) only moves rows; checking a workbook before
it is written, salvaging one that is read, and describing its history are the
same whichever database holds it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import ValidationError

from workbook.changes import summary
from workbook.model import Workbook
from workbook.salvage import NotAWorkbook, error_parts, salvage_text

DATA_DIR_ENV = "WORKBOOK_DATA_DIR"
DB_NAME = "workbooks.sqlite3"
KEEP_DELETED = timedelta(days=30)
LABEL_CHARS = 80  # the workbook list shows the name's first 80 characters


class StoreError(RuntimeError):
    """A saved workbook could not be read or written; the message is plain."""


class InvalidWorkbookError(StoreError):
    """A workbook with an invalid part: refused, the last good revision stays."""

    def __init__(self, message: str, parts: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.parts = parts


class DeletedError(StoreError):
    """The workbook was deleted elsewhere (another tab) while open here."""


class StoreMissingError(StoreError):
    """The data folder or database this process opened is gone (moved, unplugged)."""


class NotSignedInError(StoreError):
    """Clinic mode: no signed-in person is acting, so nothing opens (an id alone is not enough)."""


class NotAllowedError(StoreError):
    """Clinic mode: the acting person may not do this to this workbook (or it is not theirs to see)."""


@dataclass(frozen=True)
class Saved:
    workbook: Workbook
    revision: int
    # Plain names of parts that could not be read and were reset to their default.
    damaged: tuple[str, ...] = ()


class ConflictError(StoreError):
    """Another tab or window saved this workbook since it was opened here."""

    def __init__(self, message: str, latest: Saved) -> None:
        super().__init__(message)
        self.latest = latest


@dataclass(frozen=True)
class Listing:
    id: str
    label: str
    updated_at: datetime
    questions: int = 0
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class Version:
    revision: int
    saved_at: datetime
    summary: str


def data_dir() -> Path:
    """Where workbooks live: $WORKBOOK_DATA_DIR, or the user's data folder (not created here)."""
    return Path(os.environ.get(DATA_DIR_ENV) or user_data_dir("treatment-workbook", False))


def now() -> datetime:
    """The store's clock (workbook.store.clock, replaceable in tests), read at each call."""
    from workbook import store  # the package: tests replace its `clock`

    return store.clock()


# --- checking before writing ------------------------------------------------


def validated(wb: Workbook) -> Workbook:
    """The whole workbook checked again: an edit that slipped past a check stops here."""
    try:
        return Workbook.model_validate(wb.model_dump(warnings=False))
    except ValidationError as exc:
        parts = tuple(error_parts(exc))
        raise InvalidWorkbookError(
            f"This change could not be saved because a part is not valid ({'; '.join(parts[:3])}). "
            "Your last saved version is kept.",
            parts,
        ) from None


@dataclass(frozen=True)
class Row:
    """Column values of a validated copy stamped with the save time."""

    label: str
    updated_at: datetime
    data: str
    questions: int


def stamp(clean: Workbook) -> Row:
    clean.updated_at = now()
    questions = sum(len(s.questions) for s in clean.sections.values())
    return Row(clean.profile.name.strip()[:LABEL_CHARS], clean.updated_at, clean.model_dump_json(), questions)


# --- reading -----------------------------------------------------------------


def read(workbook_id: str, data: str) -> tuple[Workbook, tuple[str, ...]] | None:
    """A stored version, salvaged; None if it is not a workbook at all."""
    try:
        wb, damaged = salvage_text(data)
    except NotAWorkbook:
        return None
    wb.id = workbook_id  # the row's id is the truth, whatever the data says
    return wb, tuple(damaged)


def history_of(
    workbook_id: str,
    kept: Sequence[tuple[int, datetime, str]],
    titles: Mapping[str, str] | None,
    limit: int,
) -> list[Version]:
    """Versions (newest first) described by what each changed from the one before it."""
    readable = [(rev, at, read(workbook_id, data)) for rev, at, data in kept]
    out = []
    for i, (rev, at, this) in enumerate(readable[:limit]):
        older = readable[i + 1][2] if i + 1 < len(readable) else None
        text = (
            summary(older[0] if older else None, this[0], titles)
            if this
            else ("This version could not be read")
        )
        out.append(Version(rev, at, text))
    return out
