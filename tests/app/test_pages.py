"""Every page in a fresh session, with an empty and a full workbook."""

import pytest

from tests.app.conftest import PAGES, assert_clean, fresh, goto
from views.text import md


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_clean_with_a_new_workbook(page):
    at = goto(fresh(), page)
    assert_clean(at)
    assert at.title, page


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_clean_with_the_full_example(page, saved_full):
    at = goto(fresh(saved_full.id), page)
    assert_clean(at)
    assert at.query_params["wb"] == [saved_full.id] or at.query_params["wb"] == saved_full.id


def test_welcome_shows_the_notice_privacy_and_task_list(library):
    at = fresh()
    texts = " ".join(w.value for w in at.warning) + " ".join(i.value for i in at.info)
    assert library.interface.disclaimer in texts
    assert library.t("welcome.privacy") in texts
    assert len(at.get("page_link")) >= 9


def test_unknown_workbook_in_the_url_says_so_and_starts_fresh(library):
    at = fresh("no-such-workbook-anywhere")
    assert any(library.t("app.not_found") in w.value for w in at.warning)
    assert_clean(at)


def test_every_treatment_page_shows_urgent_symptoms_and_the_number(saved_full, library):
    at = fresh(saved_full.id)
    for sid in ("hormone", "targeted", "radiation", "surgery", "chemotherapy", "general"):
        at = goto(at, f"views/{sid}.py")
        shown = " ".join(m.value for m in at.markdown)
        assert library.sections[sid].urgent[0] in shown
        assert md(saved_full.profile.day_night_phone) in shown  # the number, escaped for Markdown
        assert library.t("modality.close") in " ".join(i.value for i in at.info)


def test_often_discussed_follows_the_profile(saved_full, library):
    at = goto(fresh(saved_full.id), "views/hormone.py")
    shown = " ".join(m.value for m in at.markdown)
    from workbook.tags import profile_tags
    notes = library.sections["hormone"].tailored_notes(profile_tags(saved_full.profile))
    assert notes and all(note in shown for note in notes)  # what fits this profile is shown
    # Nothing is hidden: every hormone question is offered.
    offered = {c.label.split(" (often discussed")[0] for c in at.checkbox}
    assert {q.text for q in library.sections["hormone"].questions} <= offered


def test_someone_coming_back_sees_their_saved_workbooks_first(saved_full, library):
    at = fresh()  # the bare address: no workbook in it
    assert at.header[0].value == library.t("welcome.continue_heading")
    assert any(saved_full.profile.name in m.value for m in at.markdown)
    at = fresh(saved_full.id)
    assert at.header[0].value == library.t("welcome.tasks_heading")


def test_an_unreadable_saved_workbook_says_so_and_starts_fresh(saved_full, data_dir, library):
    import sqlite3
    from workbook import store
    with sqlite3.connect(data_dir / store.DB_NAME) as con:
        con.execute("UPDATE workbooks SET data = '{broken' WHERE id = ?", (saved_full.id,))
    at = fresh(saved_full.id)
    assert any(library.t("app.load_error") in e.value for e in at.error)
    assert not at.exception
    assert at.session_state["workbook"].id != saved_full.id
