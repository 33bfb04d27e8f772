import pytest
from pydantic import ValidationError

from workbook import edits as E
from workbook.model import Workbook


@pytest.fixture
def wb() -> Workbook:
    return Workbook()


def test_choose_is_idempotent_and_marks_section_started(wb):
    E.choose_question(wb, "hormone", "hormone.goal", "Goal?")
    E.choose_question(wb, "hormone", "hormone.goal", "Goal?")
    assert [q.id for q in wb.sections["hormone"].questions] == ["hormone.goal"]
    assert wb.sections["hormone"].status == "in_progress"


def test_drop_and_set_chosen(wb):
    E.set_chosen(wb, "radiation", "radiation.why", "Why?", True)
    E.set_chosen(wb, "radiation", "radiation.why", "Why?", False)
    assert wb.sections["radiation"].questions == []


def test_own_question_is_stripped_and_empty_is_refused(wb):
    q = E.add_own_question(wb, "general", "  Can I travel?  ")
    assert q.own
    assert q.text == "Can I travel?"
    assert q.id.startswith("own-")
    with pytest.raises(E.EditError):
        E.add_own_question(wb, "general", "   \n ")


def test_edit_own_question_only(wb):
    q = E.add_own_question(wb, "general", "first")
    E.edit_own_question(wb, q.id, "second")
    assert E.find_question(wb, q.id)[1].text == "second"
    E.choose_question(wb, "general", "general.goal", "Goal?")
    with pytest.raises(E.EditError):
        E.edit_own_question(wb, "general.goal", "rewritten")


def test_delete_question(wb):
    q = E.add_own_question(wb, "surgery", "mine")
    E.delete_question(wb, q.id)
    with pytest.raises(E.EditError):
        E.find_question(wb, q.id)


def test_at_most_three_stars(wb):
    ids = [E.add_own_question(wb, "general", f"q{i}").id for i in range(4)]
    for qid in ids[:3]:
        E.set_star(wb, qid, True)
    with pytest.raises(E.EditError):
        E.set_star(wb, ids[3], True)
    E.set_star(wb, ids[0], False)
    E.set_star(wb, ids[3], True)
    assert [q.id for _, q in E.agenda(wb)][:3] == ids[1:4]


def test_agenda_puts_starred_first_then_page_order(wb):
    a = E.add_own_question(wb, "hormone", "a")
    b = E.add_own_question(wb, "chemotherapy", "b")
    c = E.add_own_question(wb, "general", "c")
    E.set_star(wb, c.id, True)
    assert [q.id for _, q in E.agenda(wb)] == [c.id, a.id, b.id]


def test_move_question_within_page_and_clamps(wb):
    ids = [E.add_own_question(wb, "general", t).id for t in "abc"]
    E.move_question(wb, ids[2], -1)
    assert [q.id for q in wb.sections["general"].questions] == [ids[0], ids[2], ids[1]]
    E.move_question(wb, ids[0], -1)
    assert wb.sections["general"].questions[0].id == ids[0]


def test_move_question_across_pages_in_the_agenda(wb):
    """Old code moved only within a page: the agenda order could not change across pages."""
    a = E.add_own_question(wb, "hormone", "a")
    b = E.add_own_question(wb, "chemotherapy", "b")
    E.move_question(wb, b.id, -1)
    assert [q.id for _, q in E.agenda(wb)] == [b.id, a.id]
    assert wb.order == [b.id, a.id]
    E.move_to(wb, a.id, 0)
    assert [q.id for _, q in E.agenda(wb)] == [a.id, b.id]


def test_top_three_can_be_reordered_and_stay_on_top(wb):
    ids = [E.add_own_question(wb, sid, sid) for sid in ("hormone", "targeted", "surgery", "general")]
    ids = [q.id for q in ids]
    for qid in ids[1:]:
        E.set_star(wb, qid, True)
    E.move_question(wb, ids[3], -1)
    assert [q.id for _, q in E.agenda(wb)] == [ids[1], ids[3], ids[2], ids[0]]
    E.move_to(wb, ids[0], 0)  # an unstarred question cannot jump above the top three
    assert [q.id for _, q in E.agenda(wb)][3] == ids[0]
    E.move_question(wb, ids[1], +5)  # a starred one stays among the top three
    assert [q.id for _, q in E.agenda(wb)][:3] == [ids[3], ids[2], ids[1]]


def test_order_stays_consistent_with_chosen_questions(wb):
    E.choose_question(wb, "hormone", "hormone.goal", "Goal?")
    q = E.add_own_question(wb, "general", "mine")
    assert wb.order == ["hormone.goal", q.id]
    E.delete_question(wb, q.id)
    E.set_chosen(wb, "hormone", "hormone.goal", "Goal?", False)
    assert wb.order == []


def test_unticking_keeps_answers_and_ticking_brings_them_back(wb):
    """Issue 8 defect 3: old code deleted the answers on untick."""
    appt = E.add_appointment(wb)
    E.choose_question(wb, "hormone", "hormone.goal", "Goal?")
    E.set_star(wb, "hormone.goal", True)
    E.record_answer(wb, "hormone.goal", appt.id, "Control it.")
    assert E.has_answers(wb, "hormone.goal")
    E.set_chosen(wb, "hormone", "hormone.goal", "Goal?", False)
    assert not E.is_chosen(wb, "hormone", "hormone.goal")
    assert E.has_answers(wb, "hormone.goal")  # still kept, set aside
    E.set_chosen(wb, "hormone", "hormone.goal", "Goal?", True)
    _, back = E.find_question(wb, "hormone.goal")
    assert E.answer_for(back, appt.id) == "Control it."
    assert not back.starred  # a returning question never makes a fourth star
    assert wb.sections["hormone"].set_aside == []


def test_unticking_without_answers_sets_nothing_aside(wb):
    E.choose_question(wb, "hormone", "hormone.goal", "Goal?")
    assert not E.has_answers(wb, "hormone.goal")
    E.set_chosen(wb, "hormone", "hormone.goal", "Goal?", False)
    assert wb.sections["hormone"].set_aside == []


def test_draft_is_kept_and_cleared_when_added(wb):
    """Issue 8 defect 4: a typed own question is kept as a draft, not dropped."""
    E.set_draft(wb, "general", "Can I travel")
    assert wb.drafts == {"general": "Can I travel"}
    E.add_own_question(wb, "general", "Can I travel?")
    assert wb.drafts == {}
    E.set_draft(wb, "general", "x")
    E.set_draft(wb, "general", "  ")
    assert wb.drafts == {}


def test_invalid_values_are_refused_at_the_edit(wb):
    """Issue 8 defect 1: old models let `status = None` through to the store."""
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        E.set_status(wb, "hormone", None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        wb.sections["hormone"].notes = 5  # type: ignore[assignment]
    with pytest.raises(ValidationError):
        E.set_notes(wb, "general", "x" * 100_001)
    assert wb.sections["hormone"].status == "not_started"


def test_answers_are_kept_per_appointment(wb):
    first = E.add_appointment(wb, clinician="A")
    second = E.add_appointment(wb, clinician="B")
    q = E.add_own_question(wb, "general", "q")
    E.record_answer(wb, q.id, first.id, "first answer")
    E.record_answer(wb, q.id, second.id, "second answer")
    E.record_answer(wb, q.id, second.id, "second answer, edited")
    assert E.answer_for(q, first.id) == "first answer"
    assert E.answer_for(q, second.id) == "second answer, edited"
    E.record_answer(wb, q.id, first.id, "  ")
    assert E.answer_for(q, first.id) == ""
    assert len(q.answers) == 1


def test_deleting_an_appointment_keeps_its_answers(wb):
    appt = E.add_appointment(wb, clinician="A")
    q = E.add_own_question(wb, "general", "q")
    E.record_answer(wb, q.id, appt.id, "kept")
    E.delete_appointment(wb, appt.id)
    assert wb.next_appointment_id is None
    assert E.answer_for(q, None) == "kept"


def test_first_appointment_becomes_next_and_can_change(wb):
    a = E.add_appointment(wb)
    b = E.add_appointment(wb)
    assert wb.next_appointment_id == a.id
    E.set_next_appointment(wb, b.id)
    assert wb.next_appointment() is b
    E.update_appointment(wb, b.id, clinician="Dr. X")
    assert wb.next_appointment().clinician == "Dr. X"
    assert E.ensure_next_appointment(wb).id == b.id


def test_an_empty_value_makes_no_appointment_and_a_real_one_does(wb):
    # A box's empty start text, written back, must change nothing (views/session.py
    # judges a typed text against it); found by the hostile-text browser test.
    E.update_next_appointment(wb, clinician="")
    E.update_next_appointment(wb, date=None)
    assert wb.appointments == []
    E.update_next_appointment(wb, clinician="Dr. X")
    assert [a.clinician for a in wb.appointments] == ["Dr. X"]
    E.update_next_appointment(wb, purpose="")
    assert len(wb.appointments) == 1
    assert wb.next_appointment().purpose == ""


def test_profile_updates_are_validated(wb):
    E.update_profile(wb, hormone_receptor="positive", sites=["bone"])
    assert wb.profile.hormone_receptor == "positive"
    with pytest.raises(ValidationError):
        E.update_profile(wb, her2="purple")
    assert wb.profile.her2 is None
    E.set_biomarker(wb, "esr1", "yes")
    E.set_biomarker(wb, "esr1", None)
    assert wb.profile.biomarkers == {}


def test_values_readiness_sharing(wb):
    E.set_importance(wb, "work", "very")
    E.set_importance(wb, "work", None)
    assert wb.values.importance == {}
    E.set_values_text(wb, "in_my_words", "family")
    with pytest.raises(E.EditError):
        E.set_values_text(wb, "profile", "x")
    E.set_readiness(wb, "sure", False)
    assert wb.values.readiness == {"sure": False}
    E.set_sharing(wb, "notes", True)
    assert wb.sharing["notes"] is True
    E.set_future_opt_in(wb, True)
    assert wb.future_opt_in


def test_status_and_notes(wb):
    E.set_notes(wb, "surgery", "a note")
    assert wb.sections["surgery"].status == "in_progress"
    E.set_status(wb, "surgery", "not_for_me")
    E.set_notes(wb, "surgery", "more")
    assert wb.sections["surgery"].status == "not_for_me"
