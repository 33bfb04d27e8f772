"""Every change a person can make, as a small function on the workbook.

Each function changes only the workbook it is given: no I/O and no screen. Views call these and then save; tests call them directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel

from workbook import team
from workbook.model import (
    MAX_CHECKINS,
    MAX_MEDICINES,
    MAX_TEAM,
    SECTION_IDS,
    Answer,
    Appointment,
    BiomarkerId,
    CheckIn,
    Importance,
    Medicine,
    Question,
    SectionId,
    ShareId,
    Status,
    TeamMember,
    TestResult,
    Workbook,
    latest_day,
    new_id,
    utcnow,
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


def _agenda_ids(wb: Workbook) -> list[str]:
    """Every chosen question id in the person's order; any the order misses, page by page."""
    chosen = [q.id for _, q in iter_questions(wb)]
    present = set(chosen)
    ordered = list(dict.fromkeys(qid for qid in wb.order if qid in present))
    seen = set(ordered)
    return ordered + [qid for qid in chosen if qid not in seen]


def normalize_order(wb: Workbook) -> None:
    """Make `order` hold every chosen question exactly once (after an import or a merge)."""
    ids = _agenda_ids(wb)
    if ids != wb.order:
        wb.order = ids


def agenda(wb: Workbook) -> list[tuple[SectionId, Question]]:
    """Every chosen question in the person's order, the starred top three first."""
    by_id = {q.id: (sid, q) for sid, q in iter_questions(wb)}
    chosen = [by_id[qid] for qid in _agenda_ids(wb)]
    return [item for item in chosen if item[1].starred] + [item for item in chosen if not item[1].starred]


def is_chosen(wb: Workbook, sid: SectionId, qid: str) -> bool:
    return any(q.id == qid for q in wb.section(sid).questions)


def _append(wb: Workbook, sid: SectionId, q: Question) -> None:
    # Assign new lists (not append) so validate_assignment checks the limits.
    section = wb.section(sid)
    section.questions = [*section.questions, q]
    wb.order = [*(i for i in wb.order if i != q.id), q.id]
    _mark_started(wb, sid)


def choose_question(wb: Workbook, sid: SectionId, qid: str, text: str) -> None:
    """Add a library question; choosing it twice changes nothing.

    A question set aside with its answers comes back with them.
    """
    if is_chosen(wb, sid, qid):
        return
    section = wb.section(sid)
    kept = next((q for q in section.set_aside if q.id == qid), None)
    if kept is not None:
        section.set_aside = [q for q in section.set_aside if q.id != qid]
    _append(wb, sid, kept or Question(id=qid, text=text))


def has_answers(wb: Workbook, qid: str) -> bool:
    """Whether a chosen or set-aside question holds any answer (views ask before removing)."""
    for sid in SECTION_IDS:
        section = wb.section(sid)
        for q in (*section.questions, *section.set_aside):
            if q.id == qid and any(a.text.strip() for a in q.answers):
                return True
    return False


def drop_question(wb: Workbook, sid: SectionId, qid: str) -> None:
    """Untick a question; one with answers is set aside (answers kept) to come back."""
    section = wb.section(sid)
    gone = [q for q in section.questions if q.id == qid]
    if not gone:
        return
    section.questions = [q for q in section.questions if q.id != qid]
    wb.order = [i for i in wb.order if i != qid]
    answered = [q for q in gone if any(a.text.strip() for a in q.answers)]
    if answered:
        # Unstarred, so bringing it back can never make a fourth star.
        kept = answered[0].model_copy(update={"starred": False})
        section.set_aside = [*(q for q in section.set_aside if q.id != qid), kept]


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
    """Add the person's own question; the section's draft became this question."""
    q = Question(id="own-" + new_id(6), text=_clean_question(text), own=True)
    _append(wb, sid, q)
    set_draft(wb, sid, "")
    return q


def set_draft(wb: Workbook, sid: SectionId, text: str) -> None:
    """Keep an own question typed but not yet added; empty text clears it."""
    drafts = {k: v for k, v in wb.drafts.items() if k != sid}
    if text.strip():
        drafts[sid] = text
    if drafts != wb.drafts:
        wb.drafts = drafts


def edit_own_question(wb: Workbook, qid: str, text: str) -> None:
    _, q = find_question(wb, qid)
    if not q.own:
        raise EditError("Only your own questions can be reworded.")
    q.text = _clean_question(text)


def delete_question(wb: Workbook, qid: str) -> None:
    """Remove a question for good, answers too (views ask first; history keeps it)."""
    sid, _ = find_question(wb, qid)
    section = wb.section(sid)
    section.questions = [q for q in section.questions if q.id != qid]
    section.set_aside = [q for q in section.set_aside if q.id != qid]
    wb.order = [i for i in wb.order if i != qid]


def set_star(wb: Workbook, qid: str, starred: bool) -> None:
    _, q = find_question(wb, qid)
    if starred and not q.starred and sum(1 for _, other in iter_questions(wb) if other.starred) >= MAX_STARS:
        raise EditError("You already have three top questions. Remove a star first.")
    q.starred = starred


def move_to(wb: Workbook, qid: str, index: int) -> None:
    """Put a question at `index` of the agenda as shown (top three first).

    It stays in its group: a starred question moves among the top three,
    another among the rest, since the top three always come first.
    """
    find_question(wb, qid)
    shown = [q for _, q in agenda(wb)]
    stars = sum(1 for q in shown if q.starred)
    i = next(n for n, q in enumerate(shown) if q.id == qid)
    low, high = (0, stars - 1) if shown[i].starred else (stars, len(shown) - 1)
    j = max(low, min(high, index))
    moved = shown.pop(i)
    shown.insert(j, moved)
    wb.order = [q.id for q in shown]
    _follow_order(wb)


def _follow_order(wb: Workbook) -> None:
    # Each page lists its questions in the agenda's order too, so both views agree.
    rank = {qid: n for n, qid in enumerate(wb.order)}
    for sid in SECTION_IDS:
        section = wb.section(sid)
        ordered = sorted(section.questions, key=lambda q: rank.get(q.id, len(rank)))
        if ordered != section.questions:
            section.questions = ordered


def move_question(wb: Workbook, qid: str, step: int) -> None:
    """Move a question up (step -1) or down (+1) in the whole agenda, top three included."""
    shown = [q.id for _, q in agenda(wb)]
    if qid not in shown:
        raise EditError("That question is no longer in your workbook.")
    move_to(wb, qid, shown.index(qid) + step)


def record_answer(wb: Workbook, qid: str, appointment_id: str | None, text: str) -> None:
    """One answer per question per visit: a later visit never overwrites an earlier one."""
    _, q = find_question(wb, qid)
    existing = next((a for a in q.answers if a.appointment_id == appointment_id), None)
    if not text.strip():
        q.answers = [a for a in q.answers if a is not existing]
    elif existing is not None:
        existing.text = text
    else:
        q.answers = [*q.answers, Answer(appointment_id=appointment_id, text=text)]


def answer_for(q: Question, appointment_id: str | None) -> str:
    return next((a.text for a in q.answers if a.appointment_id == appointment_id), "")


# --- sections ------------------------------------------------------------


def set_status(wb: Workbook, sid: SectionId, status: Status) -> None:
    wb.section(sid).status = status


def set_notes(wb: Workbook, sid: SectionId, text: str) -> None:
    section = wb.section(sid)
    changed = section.notes != text
    section.notes = text
    # Only new words mark the page started: the same text sent again must not undo
    # a "Not started" the person chose afterwards.
    if changed and text.strip():
        _mark_started(wb, sid)


def _mark_started(wb: Workbook, sid: SectionId) -> None:
    section = wb.section(sid)
    if section.status == "not_started":
        section.status = "in_progress"


# --- profile, values, sharing -------------------------------------------


M = TypeVar("M", bound=BaseModel)


def _validated_update(model: M, changes: dict[str, Any]) -> M:
    """The model with changes applied, validated as a whole (bad values raise)."""
    return type(model).model_validate({**model.model_dump(), **changes})


def update_profile(wb: Workbook, **changes: Any) -> None:
    if "day_night_phone" in changes:
        # TEMPORARY (schema 4): the number lives on the care team; old callers still work.
        team.set_day_night_phone(wb, changes.pop("day_night_phone"))
    if changes:
        wb.profile = _validated_update(wb.profile, changes)


def set_biomarker(wb: Workbook, marker: BiomarkerId, result: TestResult | None) -> None:
    markers = dict(wb.profile.biomarkers)
    if result is None:
        markers.pop(marker, None)
    else:
        markers[marker] = result
    update_profile(wb, biomarkers=markers)


def set_importance(wb: Workbook, item: str, level: Importance | None) -> None:
    if level is None:
        wb.values.importance = {k: v for k, v in wb.values.importance.items() if k != item}
    else:
        wb.values = _validated_update(wb.values, {"importance": {**wb.values.importance, item: level}})


def set_values_text(wb: Workbook, field: str, text: str) -> None:
    if field not in ("side_effects_to_avoid", "in_my_words"):
        raise EditError("Unknown field.")
    wb.values = _validated_update(wb.values, {field: text})


def set_readiness(wb: Workbook, item: str, ready: bool | None) -> None:
    if ready is None:
        wb.values.readiness = {k: v for k, v in wb.values.readiness.items() if k != item}
    else:
        wb.values.readiness = {**wb.values.readiness, item: ready}


def set_sharing(wb: Workbook, part: ShareId, shared: bool) -> None:
    wb.sharing = {**wb.sharing, part: shared}


def set_future_opt_in(wb: Workbook, wanted: bool) -> None:
    wb.future_opt_in = wanted


# --- appointments --------------------------------------------------------


def add_appointment(wb: Workbook, **fields: Any) -> Appointment:
    appt = Appointment.model_validate(fields)
    wb.appointments = [*wb.appointments, appt]
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
    wb.appointments[i] = _validated_update(appt, changes)


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


def update_next_appointment(wb: Workbook, **fields: Any) -> None:
    """Change the next appointment, made when first needed. An empty value with no
    appointment yet makes none: writing a box's empty start text must change nothing,
    or a text box's edit check (views/session.py) sees the field move under the box
    (each new appointment has a new id) and the typed text is never saved."""
    if wb.next_appointment() is None and not any(v not in (None, "") for v in fields.values()):
        return
    update_appointment(wb, ensure_next_appointment(wb).id, **fields)


# --- the diary: check-ins ----------------------------------------------------


def _find(items: list[M], item_id: str, missing: str) -> M:
    for item in items:
        if getattr(item, "id", None) == item_id:
            return item
    raise EditError(missing)


_NO_CHECKIN = "That check-in is no longer in your workbook."
_NO_MEDICINE = "That medicine is no longer in your list."
_NO_MEMBER = "That person is no longer in your care team."


def _room(items: list[Any], limit: int, what: str) -> None:
    if len(items) >= limit:
        raise EditError(f"Your workbook holds at most {limit:,} {what}. Please delete an old one first.")


def add_checkin(wb: Workbook, **fields: Any) -> CheckIn:
    """A new check-in (day defaults to today); a day in the future is refused in words."""
    _room(wb.checkins, MAX_CHECKINS, "check-ins")
    _check_day(fields.get("day"))
    checkin = CheckIn.model_validate({"day": utcnow().date(), **fields})
    wb.checkins = [*wb.checkins, checkin]
    return checkin


def _check_day(day: Any) -> None:
    if isinstance(day, dt.date) and day > latest_day():
        raise EditError(
            "A check-in cannot be for a day in the future. Please choose today or an earlier day."
        )


def update_checkin(wb: Workbook, cid: str, **changes: Any) -> None:
    checkin = _find(wb.checkins, cid, _NO_CHECKIN)
    _check_day(changes.get("day"))
    updated = _validated_update(checkin, changes)
    wb.checkins = [updated if c.id == cid else c for c in wb.checkins]


def set_rating(wb: Workbook, cid: str, symptom: str, rating: int | None) -> None:
    """Rate one symptom 0-4 in a check-in; None takes the rating away."""
    checkin = _find(wb.checkins, cid, _NO_CHECKIN)
    ratings = {k: v for k, v in checkin.ratings.items() if k != symptom}
    if rating is not None:
        ratings[symptom] = rating
    update_checkin(wb, cid, ratings=ratings)


def set_sign(wb: Workbook, cid: str, sign: str, ticked: bool) -> None:
    checkin = _find(wb.checkins, cid, _NO_CHECKIN)
    signs = [s for s in checkin.signs if s != sign] + ([sign] if ticked else [])
    update_checkin(wb, cid, signs=signs)


def delete_checkin(wb: Workbook, cid: str) -> CheckIn:
    """Remove a check-in; returned so the view can offer to bring it back."""
    checkin = _find(wb.checkins, cid, _NO_CHECKIN)
    wb.checkins = [c for c in wb.checkins if c.id != cid]
    return checkin


def restore_checkin(wb: Workbook, checkin: CheckIn) -> None:
    """Undo a delete: the same check-in back (once; its id is its identity)."""
    if any(c.id == checkin.id for c in wb.checkins):
        return
    _room(wb.checkins, MAX_CHECKINS, "check-ins")
    wb.checkins = [*wb.checkins, CheckIn.model_validate(checkin.model_dump())]


# --- medicines ----------------------------------------------------------------


def _check_dates(item: Medicine) -> None:
    if item.started and item.stopped and item.stopped < item.started:
        raise EditError("The day a medicine stopped cannot be before the day it started.")


def add_medicine(wb: Workbook, **fields: Any) -> Medicine:
    _room(wb.medicines, MAX_MEDICINES, "medicines")
    medicine = Medicine.model_validate(fields)
    _check_dates(medicine)
    wb.medicines = [*wb.medicines, medicine]
    return medicine


def update_medicine(wb: Workbook, mid: str, **changes: Any) -> None:
    updated = _validated_update(_find(wb.medicines, mid, _NO_MEDICINE), changes)
    _check_dates(updated)
    wb.medicines = [updated if m.id == mid else m for m in wb.medicines]


def delete_medicine(wb: Workbook, mid: str) -> None:
    _find(wb.medicines, mid, _NO_MEDICINE)
    wb.medicines = [m for m in wb.medicines if m.id != mid]


# --- the care team ------------------------------------------------------------


def add_team_member(wb: Workbook, **fields: Any) -> TeamMember:
    _room(wb.care_team, MAX_TEAM, "people in your care team")
    member = TeamMember.model_validate(fields)
    others = (
        [m.model_copy(update={"day_and_night": False}) for m in wb.care_team]
        if member.day_and_night
        else wb.care_team
    )
    wb.care_team = [*others, member]
    return member


def update_team_member(wb: Workbook, member_id: str, **changes: Any) -> None:
    updated = _validated_update(_find(wb.care_team, member_id, _NO_MEMBER), changes)
    if updated.day_and_night:
        set_day_and_night(wb, member_id)
    wb.care_team = [updated if m.id == member_id else m for m in wb.care_team]


def delete_team_member(wb: Workbook, member_id: str) -> None:
    _find(wb.care_team, member_id, _NO_MEMBER)
    wb.care_team = [m for m in wb.care_team if m.id != member_id]


def set_day_and_night(wb: Workbook, member_id: str | None) -> None:
    """Make one member's number the day-and-night number (None: nobody's)."""
    if member_id is not None:
        _find(wb.care_team, member_id, _NO_MEMBER)
    wb.care_team = [
        m
        if m.day_and_night == (m.id == member_id)
        else m.model_copy(update={"day_and_night": m.id == member_id})
        for m in wb.care_team
    ]
