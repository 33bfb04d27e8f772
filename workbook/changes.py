"""What changed between two versions of a workbook, in plain words.

describe(old, new, titles) -> ["Hormone therapy: 2 questions added, notes changed",
"About me changed"], for "Earlier versions".
"""

from __future__ import annotations

from collections.abc import Mapping

from workbook.model import SECTION_IDS, Question, Section, Workbook
from workbook.parts import AREAS, DEFAULT_TITLES


def _count(n: int, one: str, many: str) -> str:
    return f"1 {one}" if n == 1 else f"{n} {many}"


def _question_changes(old: list[Question], new: list[Question]) -> list[str]:
    before = {q.id: q for q in old}
    after = {q.id: q for q in new}
    added = len(after.keys() - before.keys())
    removed = len(before.keys() - after.keys())
    common = before.keys() & after.keys()
    out = []
    if added:
        out.append(_count(added, "question", "questions") + " added")
    if removed:
        out.append(_count(removed, "question", "questions") + " removed")
    if any(before[i].text != after[i].text for i in common):
        out.append("a question reworded")
    if any(before[i].answers != after[i].answers for i in common):
        out.append("answers changed")
    if any(before[i].starred != after[i].starred for i in common):
        out.append("stars changed")
    return out


def _section_changes(old: Section, new: Section) -> list[str]:
    out = _question_changes(old.questions, new.questions)
    if old.notes != new.notes:
        out.append("notes changed")
    # Starting a page by adding to it is not news; choosing a status is.
    started = (old.status, new.status) == ("not_started", "in_progress") and out
    if old.status != new.status and not started:
        out.append("status changed")
    if old.set_aside != new.set_aside and not out:
        out.append("unticked questions changed")
    return out


def _sections(old: Workbook, new: Workbook, titles: Mapping[str, str]) -> list[str]:
    lines = []
    for sid in SECTION_IDS:
        parts = _section_changes(old.sections.get(sid, Section()), new.sections.get(sid, Section()))
        if old.drafts.get(sid, "") != new.drafts.get(sid, ""):
            parts.append("a question typed but not added")
        if parts:
            lines.append(f"{titles.get(sid, DEFAULT_TITLES[sid])}: {', '.join(parts)}")
    return lines


def _appointments(old: Workbook, new: Workbook) -> list[str]:
    before = {a.id: a for a in old.appointments}
    after = {a.id: a for a in new.appointments}
    parts = []
    if added := len(after.keys() - before.keys()):
        parts.append(_count(added, "appointment", "appointments") + " added")
    if removed := len(before.keys() - after.keys()):
        parts.append(_count(removed, "appointment", "appointments") + " removed")
    if any(before[i] != after[i] for i in before.keys() & after.keys()) or (
        old.next_appointment_id != new.next_appointment_id and not parts
    ):
        parts.append("details changed")
    return [f"{AREAS['appointments']}: {', '.join(parts)}"] if parts else []


def describe(old: Workbook, new: Workbook, titles: Mapping[str, str] | None = None) -> list[str]:
    """One plain line per part that changed; empty when nothing a person sees changed."""
    titles = titles or DEFAULT_TITLES
    lines = []
    if old.profile != new.profile:
        lines.append(f"{AREAS['profile']} changed")
    if old.values != new.values:
        lines.append(f"{AREAS['values']} changed")
    lines += _sections(old, new, titles)
    lines += _appointments(old, new)
    if old.sharing != new.sharing:
        lines.append(f"{AREAS['sharing']} changed")
    if old.future_opt_in != new.future_opt_in:
        lines.append("Questions about the future " + ("shown" if new.future_opt_in else "hidden"))
    if old.order != new.order and not lines:
        lines.append("Questions put in a new order")
    return lines


def summary(old: Workbook | None, new: Workbook, titles: Mapping[str, str] | None = None) -> str:
    """One line for a version in the history list."""
    if old is None:
        return "The first version kept"
    return "; ".join(describe(old, new, titles)) or "No visible change"
