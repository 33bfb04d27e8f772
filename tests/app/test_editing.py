"""Choices are saved at once, survive page switches and refreshes, and never lost."""

from tests.app.conftest import assert_clean, fresh, goto
from tests.nasty import NASTY
from views.text import md
from workbook import store


def _checkbox(at, text):
    return next(c for c in at.checkbox if c.label.startswith(text))


def test_a_choice_is_saved_at_once_and_survives_page_switch_and_refresh(library):
    at = goto(fresh(), "views/hormone.py")
    question = library.question("hormone.goal")
    _checkbox(at, question.text).check().run()
    assert_clean(at)
    workbook_id = at.session_state["workbook"].id
    saved = store.load(workbook_id).workbook
    assert [q.id for q in saved.sections["hormone"].questions] == ["hormone.goal"]
    at = goto(goto(at, "views/about_me.py"), "views/hormone.py")
    assert _checkbox(at, question.text).value is True
    again = goto(fresh(workbook_id), "views/hormone.py")  # a browser refresh
    assert _checkbox(again, question.text).value is True


def test_notes_and_profile_autosave(saved_full):
    at = goto(fresh(saved_full.id), "views/surgery.py")
    notes = next(a for a in at.text_area if a.label == "My notes for this page")
    notes.input("Ask about the drain at home.").run()
    assert store.load(saved_full.id).workbook.sections["surgery"].notes == "Ask about the drain at home."
    at = goto(at, "views/about_me.py")
    at.radio(key=next(r.key for r in at.radio if r.label.startswith("HER2"))).set_value("zero").run()
    assert store.load(saved_full.id).workbook.profile.her2 == "zero"
    assert_clean(at)


def test_own_questions_are_added_shown_literally_and_removable(saved_full):
    at = goto(fresh(saved_full.id), "views/radiation.py")
    nasty = NASTY[2]
    box = next(a for a in at.text_area if a.label == "Type a question of my own")
    box.input(nasty)
    next(b for b in at.button if b.label == "Add my question").click().run()
    assert_clean(at)
    saved = store.load(saved_full.id).workbook.sections["radiation"]
    assert saved.questions[-1].text == nasty.strip()
    assert saved.questions[-1].own
    assert any(t.value == nasty.strip() for t in [*at.text_input, *at.text_area])
    at = goto(at, "views/my_questions.py")
    assert any(md(nasty.strip()) in m.value for m in at.markdown)
    assert not any(nasty in m.value for m in at.markdown)  # never the raw markup


def test_an_empty_own_question_gets_a_message_not_a_crash(saved_full, library):
    at = goto(fresh(saved_full.id), "views/surgery.py")
    next(a for a in at.text_area if a.label == "Type a question of my own").input("   ")
    next(b for b in at.button if b.label == "Add my question").click().run()
    assert any("type your question" in w.value for w in at.warning)


def test_a_fourth_star_is_refused_with_a_plain_message(saved_full):
    at = goto(fresh(saved_full.id), "views/my_questions.py")
    unstarred = next(c for c in at.checkbox if c.label.startswith("Top question: ") and not c.value)
    unstarred.check().run()
    assert any("three top questions" in w.value for w in at.warning)
    assert (
        sum(q.starred for s in store.load(saved_full.id).workbook.sections.values() for q in s.questions) == 3
    )


def test_answers_are_recorded_for_the_chosen_appointment(saved_full, library):
    at = goto(fresh(saved_full.id), "views/my_questions.py")
    said = library.t("questions.answer_label") + ": "
    assert not any(a.label.startswith(said) for a in at.text_area)
    at.get("button_group")[0].set_value("after").run()
    area = next(a for a in at.text_area if a.label.startswith(said))
    area.input("They said yes.").run()
    wb = store.load(saved_full.id).workbook
    answers = [
        a for s in wb.sections.values() for q in s.questions for a in q.answers if a.text == "They said yes."
    ]
    assert answers
    assert answers[0].appointment_id == wb.next_appointment_id


def test_future_questions_stay_closed_until_asked(saved_full, library):
    at = goto(fresh(saved_full.id), "views/general.py")
    future = library.question("general.what-to-expect").text
    assert not any(c.label.startswith(future) for c in at.checkbox)
    at.toggle[0].set_value(True).run()
    assert any(c.label.startswith(future) for c in at.checkbox)
    assert store.load(saved_full.id).workbook.future_opt_in


def test_another_tab_saving_first_gives_a_message_and_a_way_to_reload(saved_full, library):
    tab_a = goto(fresh(saved_full.id), "views/surgery.py")
    tab_b = goto(fresh(saved_full.id), "views/surgery.py")
    next(a for a in tab_a.text_area if a.label == "My notes for this page").input("from A").run()
    next(a for a in tab_b.text_area if a.label == "My notes for this page").input("from B").run()
    assert any(library.t("app.conflict") in e.value for e in tab_b.error)
    assert store.load(saved_full.id).workbook.sections["surgery"].notes == "from A"
    next(b for b in tab_b.button if b.label == library.t("app.reload")).click().run()
    assert not tab_b.error
    assert next(a for a in tab_b.text_area if a.label == "My notes for this page").value == "from A"


def test_keep_mine_saves_this_tab_over_the_other(saved_full, library):
    tab_a = goto(fresh(saved_full.id), "views/surgery.py")
    tab_b = goto(fresh(saved_full.id), "views/surgery.py")
    next(a for a in tab_a.text_area if a.label == "My notes for this page").input("from A").run()
    next(a for a in tab_b.text_area if a.label == "My notes for this page").input("from B").run()
    next(b for b in tab_b.button if b.label == library.t("app.keep_mine")).click().run()
    assert store.load(saved_full.id).workbook.sections["surgery"].notes == "from B"
