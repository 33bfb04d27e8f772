"""Every change a person can make, as a small function on the workbook.

Each function changes only the workbook it is given: no I/O and no screen. Views call these and then save; tests call them directly.
"""

from __future__ import annotations

from typing import Any, Iterator

from pydantic import BaseModel

from workbook.model import (
    Answer, Appointment, Importance, Question, SectionId, SECTION_IDS,
    ShareId, Status, Workbook, new_id,
)

MAX_STARS = 3


class EditError(ValueError):
    """A change that cannot be made; the message is safe to show a person."""


# --- questions -----------------------------------------------------------

def iter_questions(wb: Workbook) -> Iterator[tuple[SectionId, Question]]:
    for sid in SECTION_IDS:
        for q in wb.section(sid).questions:
            yield sid, q


def find_question(wb: Workbook, qid: str) -> tuple[SectionId, Question]:
    for sid, q in iter_questions(wb):
        if q.id == qid:
            return sid, q
    raise EditError("That question is no longer in your workbook.")


def agenda(wb: Workbook) -> list[tuple[SectionId, Question]]:
    """Every chosen question: the starred top three first, then page by page."""
    chosen = list(iter_questions(wb))
    return [item for item in chosen if item[1].starred] + [
        item for item in chosen if not item[1].starred]


def is_chosen(wb: Workbook, sid: SectionId, qid: str) -> bool:
    return any(q.id == qid for q in wb.section(sid).questions)


def choose_question(wb: Workbook, sid: SectionId, qid: str, text: str) -> None:
    """Add a library question; choosing it twice changes nothing."""
    if not is_chosen(wb, sid, qid):
        wb.section(sid).questions.append(Question(id=qid, text=text))
        _mark_started(wb, sid)


def drop_question(wb: Workbook, sid: SectionId, qid: str) -> None:
    section = wb.section(sid)
    section.questions = [q for q in section.questions if q.id != qid]


def set_chosen(wb: Workbook, sid: SectionId, qid: str, text: str, chosen: bool) -> None:
    if chosen:
        choose_question(wb, sid, qid, text)
    else:
        drop_question(wb, sid, qid)


def _clean_question(text: str) -> str:
    text = text.strip()
    if not text:
        raise EditError("Please type your question first.")
    return text


def add_own_question(wb: Workbook, sid: SectionId, text: str) -> Question:
    q = Question(id="own-" + new_id(6), text=_clean_question(text), own=True)
    wb.section(sid).questions.append(q)
    _mark_started(wb, sid)
    return q


def edit_own_question(wb: Workbook, qid: str, text: str) -> None:
    _, q = find_question(wb, qid)
    if not q.own:
        raise EditError("Only your own questions can be reworded.")
    q.text = _clean_question(text)


def delete_question(wb: Workbook, qid: str) -> None:
    sid, _ = find_question(wb, qid)
    drop_question(wb, sid, qid)


def set_star(wb: Workbook, qid: str, starred: bool) -> None:
    _, q = find_question(wb, qid)
    if starred and not q.starred:
        if sum(1 for _, other in iter_questions(wb) if other.starred) >= MAX_STARS:
            raise EditError(
                "You already have three top questions. Remove a star first.")
    q.starred = starred


def move_question(wb: Workbook, qid: str, step: int) -> None:
    """Move a question up (step -1) or down (+1) within its page."""
    sid, q = find_question(wb, qid)
    items = wb.section(sid).questions
    i = items.index(q)
    j = max(0, min(len(items) - 1, i + step))
    items.insert(j, items.pop(i))


def record_answer(wb: Workbook, qid: str, appointment_id: str | None, text: str) -> None:
    """One answer per question per visit: a later visit never overwrites an earlier one."""
    _, q = find_question(wb, qid)
    existing = next((a for a in q.answers if a.appointment_id == appointment_id), None)
    if not text.strip():
        q.answers = [a for a in q.answers if a is not existing]
    elif existing is not None:
        existing.text = text
    else:
        q.answers.append(Answer(appointment_id=appointment_id, text=text))


def answer_for(q: Question, appointment_id: str | None) -> str:
    return next((a.text for a in q.answers if a.appointment_id == appointment_id), "")


# --- sections ------------------------------------------------------------

def set_status(wb: Workbook, sid: SectionId, status: Status) -> None:
    wb.section(sid).status = status


def set_notes(wb: Workbook, sid: SectionId, text: str) -> None:
    wb.section(sid).notes = text
    if text.strip():
        _mark_started(wb, sid)


def _mark_started(wb: Workbook, sid: SectionId) -> None:
    section = wb.section(sid)
    if section.status == "not_started":
        section.status = "in_progress"


# --- profile, values, sharing -------------------------------------------

def _validated_update(model: BaseModel, changes: dict[str, Any]) -> BaseModel:
    """The model with changes applied, validated as a whole (bad values raise)."""
    return type(model).model_validate({**model.model_dump(), **changes})


def update_profile(wb: Workbook, **changes: Any) -> None:
    wb.profile = _validated_update(wb.profile, changes)  # type: ignore[assignment]


def set_biomarker(wb: Workbook, marker: str, result: str | None) -> None:
    markers = dict(wb.profile.biomarkers)
    if result is None:
        markers.pop(marker, None)
    else:
        markers[marker] = result
    update_profile(wb, biomarkers=markers)


def set_importance(wb: Workbook, item: str, level: Importance | None) -> None:
    if level is None:
        wb.values.importance.pop(item, None)
    else:
        wb.values = _validated_update(  # type: ignore[assignment]
            wb.values, {"importance": {**wb.values.importance, item: level}})


def set_values_text(wb: Workbook, field: str, text: str) -> None:
    if field not in ("side_effects_to_avoid", "in_my_words"):
        raise EditError("Unknown field.")
    wb.values = _validated_update(wb.values, {field: text})  # type: ignore[assignment]


def set_readiness(wb: Workbook, item: str, ready: bool | None) -> None:
    if ready is None:
        wb.values.readiness.pop(item, None)
    else:
        wb.values.readiness[item] = ready


def set_sharing(wb: Workbook, part: ShareId, shared: bool) -> None:
    wb.sharing = {**wb.sharing, part: shared}


def set_future_opt_in(wb: Workbook, wanted: bool) -> None:
    wb.future_opt_in = wanted


# --- appointments --------------------------------------------------------

def add_appointment(wb: Workbook, **fields: Any) -> Appointment:
    appt = Appointment.model_validate(fields)
    wb.appointments.append(appt)
    if wb.next_appointment_id is None:
        wb.next_appointment_id = appt.id
    return appt


def _find_appointment(wb: Workbook, aid: str) -> Appointment:
    for appt in wb.appointments:
        if appt.id == aid:
            return appt
    raise EditError("That appointment is no longer in your workbook.")


def update_appointment(wb: Workbook, aid: str, **changes: Any) -> None:
    appt = _find_appointment(wb, aid)
    i = wb.appointments.index(appt)
    wb.appointments[i] = _validated_update(appt, changes)  # type: ignore[assignment]


def delete_appointment(wb: Workbook, aid: str) -> None:
    """Answers recorded at that visit are kept, no longer tied to a date."""
    _find_appointment(wb, aid)
    wb.appointments = [a for a in wb.appointments if a.id != aid]
    for _, q in iter_questions(wb):
        for ans in q.answers:
            if ans.appointment_id == aid:
                ans.appointment_id = None
    if wb.next_appointment_id == aid:
        wb.next_appointment_id = wb.appointments[0].id if wb.appointments else None


def set_next_appointment(wb: Workbook, aid: str) -> None:
    wb.next_appointment_id = _find_appointment(wb, aid).id


def ensure_next_appointment(wb: Workbook) -> Appointment:
    """The next appointment, created empty if there is none yet."""
    return wb.next_appointment() or add_appointment(wb)

