from workbook import edits as E
from workbook.model import Workbook
from workbook.progress import done_count, tasks


def status(wb, task_id):
    return next(t.status for t in tasks(wb) if t.id == task_id)


def test_a_new_workbook_has_nothing_done():
    items = tasks(Workbook())
    assert [t.id for t in items][:2] == ["about", "values"]
    assert items[-1].id == "questions"
    assert len(items) == 9
    assert done_count(items) == 0


def test_about_me_is_ready_with_subtype_and_the_day_and_night_number():
    wb = Workbook()
    E.update_profile(wb, hormone_receptor="positive")
    assert status(wb, "about") == "in_progress"
    E.update_profile(wb, her2="zero", day_night_phone="555")
    assert status(wb, "about") == "ready"


def test_values_need_importance_and_all_four_readiness_answers():
    wb = Workbook()
    E.set_importance(wb, "work", "very")
    assert status(wb, "values") == "in_progress"
    for item in ("sure", "understand", "values", "support"):
        E.set_readiness(wb, item, True)
    assert status(wb, "values") == "ready"


def test_question_list_is_ready_once_a_question_is_starred():
    wb = Workbook()
    q = E.add_own_question(wb, "general", "q")
    assert status(wb, "questions") == "in_progress"
    E.set_star(wb, q.id, True)
    assert status(wb, "questions") == "ready"


def test_sections_follow_their_status_and_not_for_me_counts_as_done():
    wb = Workbook()
    E.set_status(wb, "surgery", "not_for_me")
    assert status(wb, "surgery") == "not_for_me"
    assert done_count(tasks(wb)) == 1
