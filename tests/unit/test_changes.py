"""Change summaries in plain words, for "Earlier versions"."""

from workbook import edits as E
from workbook.changes import describe, summary
from workbook.model import Workbook


def test_nothing_changed_says_nothing(full_wb):
    assert describe(full_wb, full_wb.snapshot()) == []
    assert summary(full_wb, full_wb.snapshot()) == "No visible change"


def test_each_kind_of_change_in_words(full_wb):
    old = full_wb.snapshot()
    new = full_wb.snapshot()
    E.add_own_question(new, "hormone", "one")
    E.add_own_question(new, "hormone", "two")
    E.set_notes(new, "hormone", "changed")
    E.update_profile(new, name="Someone else")
    E.set_importance(new, "work", "very")
    E.set_sharing(new, "notes", True)
    E.add_appointment(new, clinician="Dr. New")
    E.set_future_opt_in(new, not old.future_opt_in)
    qid = new.sections["targeted"].questions[0].id
    E.record_answer(new, qid, None, "an answer")
    assert describe(old, new, {"hormone": "Hormone (endocrine) therapy"}) == [
        "About me changed",
        "What matters to me changed",
        "Hormone (endocrine) therapy: 2 questions added, notes changed",
        "Targeted therapy: answers changed",
        "Appointments: 1 appointment added",
        "What to share changed",
        "Questions about the future " + ("shown" if new.future_opt_in else "hidden"),
    ]


def test_removed_starred_reworded_and_reordered():
    old = Workbook()
    a = E.add_own_question(old, "general", "a")
    b = E.add_own_question(old, "surgery", "b")
    new = old.snapshot()
    E.move_question(new, b.id, -1)
    assert describe(old, new) == ["Questions put in a new order"]
    E.delete_question(new, a.id)
    E.set_star(new, b.id, True)
    E.edit_own_question(new, b.id, "b, reworded")
    assert describe(old, new) == [
        "Surgery: a question reworded, stars changed",
        "General questions: 1 question removed",
    ]
