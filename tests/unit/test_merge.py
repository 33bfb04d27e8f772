"""Two tabs merge field by field; only the same field changed in both is a conflict."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from tests.unit.edit_steps import apply, step
from workbook import edits as E
from workbook.merge import flatten, merge, resolve
from workbook.model import Workbook


def _same(a: Workbook, b: Workbook) -> bool:
    return flatten(a) == flatten(b) and E.agenda(a) == E.agenda(b)


def test_different_fields_in_two_tabs_both_survive(full_wb):
    """Issue 8 defect 5: "keep this tab's version" reverted the other tab's edit."""
    base = full_wb
    mine, theirs = base.snapshot(), base.snapshot()
    E.set_notes(mine, "hormone", "mine")
    E.update_profile(theirs, name="Theirs")
    E.add_own_question(theirs, "general", "from the other tab")
    result = merge(base, mine, theirs)
    assert result.conflicts == []
    wb = result.workbook
    assert wb.sections["hormone"].notes == "mine"
    assert wb.profile.name == "Theirs"
    assert wb.sections["general"].questions[-1].text == "from the other tab"
    assert wb.order[-1] == wb.sections["general"].questions[-1].id


def test_same_field_changed_in_both_is_a_conflict_with_both_values(full_wb):
    mine, theirs = full_wb.snapshot(), full_wb.snapshot()
    E.set_notes(mine, "hormone", "mine")
    E.set_notes(theirs, "hormone", "theirs")
    E.set_notes(theirs, "general", "only theirs")
    result = merge(full_wb, mine, theirs)
    [c] = result.conflicts
    assert (c.label, c.mine, c.theirs) == ("Hormone therapy: your notes", "mine", "theirs")
    assert result.workbook.sections["hormone"].notes == "mine"  # until chosen
    assert result.workbook.sections["general"].notes == "only theirs"
    chosen = resolve(result, {c.path: "theirs"})
    assert chosen.sections["hormone"].notes == "theirs"
    assert chosen.sections["general"].notes == "only theirs"
    assert resolve(result, {c.path: "mine"}).sections["hormone"].notes == "mine"


def test_same_change_in_both_is_no_conflict(full_wb):
    mine, theirs = full_wb.snapshot(), full_wb.snapshot()
    for wb in (mine, theirs):
        E.update_profile(wb, name="Same")
    assert merge(full_wb, mine, theirs).conflicts == []


def test_deleted_in_one_tab_and_answered_in_the_other_asks(full_wb):
    qid = full_wb.sections["general"].questions[0].id
    mine, theirs = full_wb.snapshot(), full_wb.snapshot()
    E.delete_question(mine, qid)
    E.record_answer(theirs, qid, None, "the doctor said yes")
    result = merge(full_wb, mine, theirs)
    [c] = result.conflicts
    assert c.mine is None
    assert c.theirs == full_wb.sections["general"].questions[0].text
    assert c.label == "General questions: one of your questions"
    back = resolve(result, {c.path: "theirs"})
    assert E.answer_for(E.find_question(back, qid)[1], None) == "the doctor said yes"
    gone = resolve(result, {c.path: "mine"})
    assert qid not in {q.id for _, q in E.iter_questions(gone)}


def test_deleted_in_one_tab_untouched_in_the_other_is_deleted(full_wb):
    qid = full_wb.sections["general"].questions[0].id
    mine, theirs = full_wb.snapshot(), full_wb.snapshot()
    E.delete_question(theirs, qid)
    E.set_notes(mine, "general", "x")
    result = merge(full_wb, mine, theirs)
    assert result.conflicts == []
    assert qid not in {q.id for _, q in E.iter_questions(result.workbook)}
    assert qid not in result.workbook.order


def test_answers_for_different_visits_merge(full_wb):
    qid = full_wb.sections["surgery"].questions[0].id
    first, second = (a.id for a in full_wb.appointments[:2])
    mine, theirs = full_wb.snapshot(), full_wb.snapshot()
    E.record_answer(mine, qid, first, "at the first visit")
    E.record_answer(theirs, qid, second, "at the second visit")
    result = merge(full_wb, mine, theirs)
    assert result.conflicts == []
    q = E.find_question(result.workbook, qid)[1]
    assert E.answer_for(q, first) == "at the first visit"
    assert E.answer_for(q, second) == "at the second visit"


edit_lists = st.lists(step(), max_size=12)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(base_steps=edit_lists, my_steps=edit_lists, their_steps=edit_lists)
def test_merge_properties(full_wb, base_steps, my_steps, their_steps):
    # full_wb is only ever copied here, never changed, so sharing it across examples is safe.
    base = apply(full_wb.snapshot(), base_steps)
    mine = apply(base.snapshot(), my_steps)
    theirs = apply(base.snapshot(), their_steps)
    # One side unchanged: the result is the other side, with nothing to ask.
    only_mine = merge(base, mine, base)
    assert only_mine.conflicts == []
    assert flatten(only_mine.workbook) == flatten(mine)
    only_theirs = merge(base, base, theirs)
    assert only_theirs.conflicts == []
    assert flatten(only_theirs.workbook) == flatten(theirs)
    result = merge(base, mine, theirs)
    Workbook.model_validate(result.workbook.model_dump())
    fb, fm, ft, fr = flatten(base), flatten(mine), flatten(theirs), flatten(result.workbook)
    clashing = {c.path for c in result.conflicts}
    for key in set(fm) | set(ft):
        path = " / ".join(map(str, key))
        entity = " / ".join(map(str, key[:2]))
        if path in clashing or entity in clashing:
            continue
        m_changed = fm.get(key) != fb.get(key) or (key in fm) != (key in fb)
        t_changed = ft.get(key) != fb.get(key) or (key in ft) != (key in fb)
        if t_changed and not m_changed:
            assert fr.get(key) == ft.get(key), key  # their change is never lost silently
        if m_changed and not t_changed:
            assert fr.get(key) == fm.get(key), key
    # A conflict is only ever about something both sides changed.
    for c in result.conflicts:
        assert c.mine != c.theirs or c.mine is None
    every_theirs = resolve(result, {c.path: "theirs" for c in result.conflicts})
    Workbook.model_validate(every_theirs.model_dump())


def test_resolve_with_a_star_chooses_for_every_conflict_and_ignores_unknown_paths(full_wb):
    mine, theirs = full_wb.snapshot(), full_wb.snapshot()
    for sid in ("hormone", "general"):
        E.set_notes(mine, sid, "mine")
        E.set_notes(theirs, sid, "theirs")
    result = merge(full_wb, mine, theirs)
    assert len(result.conflicts) == 2
    every = resolve(result, {"*": "theirs", "no such path": "mine"})
    assert every.sections["hormone"].notes == every.sections["general"].notes == "theirs"
    one = resolve(result, {"*": "theirs", result.conflicts[0].path: "mine"})
    assert one.sections["hormone"].notes == "mine"
    assert one.sections["general"].notes == "theirs"


# --- the records of issue 11: check-ins, medicines, care team ---------------------------


def _dump(wb: Workbook) -> dict:
    return wb.model_dump(mode="json")


def test_a_merge_with_one_side_unchanged_keeps_every_part_of_the_workbook(full_wb):
    """flatten() once left out the diary, medicines and care team, so any merge dropped
    them all; the chaos walk found it. Compare the whole workbook, not the flat view."""
    assert all((full_wb.checkins, full_wb.medicines, full_wb.care_team))
    mine = full_wb.snapshot()
    E.update_medicine(mine, mine.medicines[0].id, dose="2 tablets")
    assert _dump(merge(full_wb, mine, full_wb).workbook) == _dump(mine)
    assert _dump(merge(full_wb, full_wb, mine).workbook) == _dump(mine)
    assert _dump(merge(full_wb, full_wb, full_wb).workbook) == _dump(full_wb)


def test_records_added_and_changed_in_two_tabs_all_survive(full_wb):
    base = full_wb
    mine, theirs = base.snapshot(), base.snapshot()
    E.update_medicine(mine, base.medicines[0].id, how_often="twice a day")
    added = E.add_team_member(theirs)
    E.update_team_member(theirs, added.id, phone="555 0100")
    checkin = base.checkins[-1]
    E.update_checkin(mine, checkin.id, notes="tired in the mornings")
    E.update_checkin(theirs, checkin.id, interference=3)
    result = merge(base, mine, theirs)
    assert result.conflicts == []
    wb = result.workbook
    assert next(m for m in wb.medicines if m.id == base.medicines[0].id).how_often == "twice a day"
    assert next(m for m in wb.care_team if m.id == added.id).phone == "555 0100"
    merged = next(c for c in wb.checkins if c.id == checkin.id)
    assert (merged.notes, merged.interference) == ("tired in the mornings", 3)
    assert [m.id for m in wb.medicines] == [m.id for m in base.medicines]


def test_ratings_of_different_symptoms_in_one_check_in_merge(full_wb):
    base = full_wb
    checkin = base.checkins[-1]
    free = [s for s in ("cough", "mouth-sores", "vomiting") if s not in checkin.ratings]
    assert len(free) >= 2
    mine, theirs = base.snapshot(), base.snapshot()
    E.set_rating(mine, checkin.id, free[0], 2)
    E.set_rating(theirs, checkin.id, free[1], 1)
    result = merge(base, mine, theirs)
    assert result.conflicts == []
    ratings = next(c for c in result.workbook.checkins if c.id == checkin.id).ratings
    assert (ratings[free[0]], ratings[free[1]]) == (2, 1)


def test_the_same_record_field_changed_in_both_is_a_conflict_in_plain_words(full_wb):
    mid = full_wb.medicines[0].id
    mine, theirs = full_wb.snapshot(), full_wb.snapshot()
    E.update_medicine(mine, mid, dose="1 tablet")
    E.update_medicine(theirs, mid, dose="2 tablets")
    result = merge(full_wb, mine, theirs)
    assert [(c.mine, c.theirs) for c in result.conflicts] == [("1 tablet", "2 tablets")]
    assert result.conflicts[0].label.startswith("My medicines")
    chosen = resolve(result, {result.conflicts[0].path: "theirs"})
    assert next(m for m in chosen.medicines if m.id == mid).dose == "2 tablets"


def test_a_medicine_deleted_in_one_tab_and_changed_in_the_other_asks(full_wb):
    mid = full_wb.medicines[0].id
    mine, theirs = full_wb.snapshot(), full_wb.snapshot()
    E.update_medicine(mine, mid, why="for bone pain")
    E.delete_medicine(theirs, mid)
    result = merge(full_wb, mine, theirs)
    assert len(result.conflicts) == 1
    assert any(m.id == mid for m in result.workbook.medicines)  # mine kept until chosen
    assert not any(m.id == mid for m in resolve(result, {"*": "theirs"}).medicines)
