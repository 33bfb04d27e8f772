"""The symptom diary read for a visit: series to chart, what changed since a day.

Pure functions over the workbook; no screen, no content files. The rule for
"severe" is content's (content/diary.toml); callers pass it, with 3 as the default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from workbook.model import CheckIn, Medicine, SymptomId, Workbook, utcnow

SEVERE_AT = 3  # the default of content's urgent rule: a rating of 3 (severe) or more
WINDOW = dt.timedelta(weeks=4)  # "since" with no last visit: the last four weeks

Point = tuple[dt.date, int]


@dataclass(frozen=True)
class Since:
    """What changed in the window: for the "Since my last visit" block."""

    start: dt.date | None  # check-ins after this day count
    checkins: list[CheckIn] = field(default_factory=list)
    worse: list[SymptomId] = field(default_factory=list)
    severe: list[SymptomId] = field(default_factory=list)
    medicine_changes: list[tuple[Medicine, str]] = field(default_factory=list)


def _today(today: dt.date | None) -> dt.date:
    return today or utcnow().date()


def ordered(checkins: Iterable[CheckIn]) -> list[CheckIn]:
    """By day, then by when recorded (two check-ins on one day keep their order)."""
    return sorted(checkins, key=lambda c: (c.day, c.recorded_at))


def series(wb: Workbook) -> dict[SymptomId, list[Point]]:
    """Each rated symptom's ratings over time, sorted by day."""
    out: dict[SymptomId, list[Point]] = {}
    for c in ordered(wb.checkins):
        for symptom, rating in c.ratings.items():
            out.setdefault(symptom, []).append((c.day, rating))
    return out


def interference_series(wb: Workbook) -> list[Point]:
    return [(c.day, c.interference) for c in ordered(wb.checkins) if c.interference is not None]


def last_visit_day(wb: Workbook, today: dt.date | None = None) -> dt.date | None:
    """The latest appointment day before today, or None."""
    now = _today(today)
    past = [a.date for a in wb.appointments if a.date is not None and a.date < now]
    return max(past, default=None)


def is_severe(c: CheckIn, severe_at: int = SEVERE_AT) -> bool:
    """A check-in with a rating at or above the rule, or an urgent sign ticked."""
    return bool(c.signs) or any(r >= severe_at for r in c.ratings.values())


def severe_symptoms(c: CheckIn, severe_at: int = SEVERE_AT) -> list[SymptomId]:
    return [s for s, r in c.ratings.items() if r >= severe_at]


def since(
    wb: Workbook, day: dt.date | None, severe_at: int = SEVERE_AT, today: dt.date | None = None
) -> Since:
    """Check-ins after `day` (None: the last four weeks) and what they show."""
    start = day if day is not None else _today(today) - WINDOW
    window = ordered(c for c in wb.checkins if c.day > start)
    first: dict[SymptomId, int] = {}
    last: dict[SymptomId, int] = {}
    severe: dict[SymptomId, None] = {}
    for c in window:
        for symptom, rating in c.ratings.items():
            first.setdefault(symptom, rating)
            last[symptom] = rating
            if rating >= severe_at:
                severe[symptom] = None
    worse = [s for s in last if last[s] > first[s]]
    changes: list[tuple[Medicine, str]] = []
    for m in wb.medicines:
        if m.started is not None and m.started > start:
            changes.append((m, "started"))
        if m.stopped is not None and m.stopped > start:
            changes.append((m, "stopped"))
    return Since(start, window, worse, list(severe), changes)


def current_medicines(wb: Workbook, today: dt.date | None = None) -> list[Medicine]:
    """Medicines not stopped by today (a stop in the future still counts as current)."""
    now = _today(today)
    return [m for m in wb.medicines if m.stopped is None or m.stopped >= now]


def current_drug_ids(wb: Workbook, today: dt.date | None = None) -> list[str]:
    """Register ids of the medicines taken now (picked from the register)."""
    return [m.drug_id for m in current_medicines(wb, today) if m.drug_id]


def treatment_starts(wb: Workbook) -> list[tuple[dt.date, str]]:
    """Start days of cancer medicines, for marks on the charts, sorted by day."""
    return sorted((m.started, m.name) for m in wb.medicines if m.kind == "cancer" and m.started is not None)


def latest(wb: Workbook) -> CheckIn | None:
    items = ordered(wb.checkins)
    return items[-1] if items else None
