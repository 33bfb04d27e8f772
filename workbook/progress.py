"""The welcome page's task list: each part of the workbook and how far along it is."""

from __future__ import annotations

from dataclasses import dataclass

from workbook.model import SECTION_IDS, Status, Workbook

DONE: frozenset[Status] = frozenset({"ready", "not_for_me"})


@dataclass(frozen=True)
class Task:
    id: str  # "about", "values", a section id, or "questions"
    status: Status


def _about_status(wb: Workbook) -> Status:
    p = wb.profile
    if p.hormone_receptor and p.her2 and p.day_night_phone.strip():
        return "ready"
    touched = p.hormone_receptor or p.her2 or p.sites or p.biomarkers or p.day_night_phone.strip()
    return "in_progress" if touched else "not_started"


def _values_status(wb: Workbook) -> Status:
    v = wb.values
    if v.importance and len(v.readiness) == 4:
        return "ready"
    return "in_progress" if (v.importance or v.readiness or v.in_my_words.strip()) else "not_started"


def _questions_status(wb: Workbook) -> Status:
    chosen = [q for s in wb.sections.values() for q in s.questions]
    if not chosen:
        return "not_started"
    return "ready" if any(q.starred for q in chosen) else "in_progress"


def tasks(wb: Workbook) -> list[Task]:
    return (
        [Task("about", _about_status(wb)), Task("values", _values_status(wb))]
        + [Task(sid, wb.section(sid).status) for sid in SECTION_IDS]
        + [Task("questions", _questions_status(wb))]
    )


def done_count(items: list[Task]) -> int:
    return sum(1 for t in items if t.status in DONE)
