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
    assert notes  # what fits this profile is shown
    assert all(note in shown for note in notes)
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


def _links(at, library, key):
    """(label, url path) of the page links whose label starts as t(key) does."""
    start = library.t(key).split("{")[0]
    return [
        (link.proto.label, link.proto.page)
        for link in at.get("page_link")
        if link.proto.label.startswith(start)
    ]


OUR_PAGES = list(PAGES)


@pytest.fixture
def order(saved_full):
    """Every page as app.py hands it to st.navigation, in that order (read from the real call)."""
    from benchmarks.page_rerun import app_pages

    return [path for _, path in app_pages(saved_full.id)]


@pytest.fixture
def chain(order):
    """The order Back and Next follow: the navigation's, with the pages set aside
    ("Earlier versions") last, so Next on Welcome goes to About me."""
    from views.nav import ASIDE

    return [p for p in order if p not in ASIDE] + [p for p in order if p in ASIDE]


@pytest.mark.parametrize("page", OUR_PAGES)
def test_each_page_ends_with_back_and_next_in_the_task_order(page, saved_full, library, chain):
    at = goto(fresh(saved_full.id), page)
    at_index = chain.index(page)
    nexts, backs = _links(at, library, "nav.next"), _links(at, library, "nav.back")
    expected_next = chain[at_index + 1 :][:1]
    expected_back = chain[:at_index][-1:]
    assert [f"views/{url or 'welcome'}.py" for _, url in nexts] == expected_next
    assert [f"views/{url or 'welcome'}.py" for _, url in backs] == expected_back
    for label, _ in nexts + backs:  # "Next: <title of that page>"
        assert label.split(": ", 1)[1]


def test_next_links_alone_walk_every_page(saved_full, library, chain):
    at = fresh(saved_full.id)
    visited = ["views/welcome.py"]
    for _ in range(len(chain)):  # bounded: a loop in the chain fails, never hangs
        nexts = _links(at, library, "nav.next")
        if not nexts:
            break
        at = goto(at, f"views/{nexts[0][1]}.py")
        assert_clean(at)
        visited.append(f"views/{nexts[0][1]}.py")
    assert visited == chain
    assert visited[1] == "views/about_me.py"  # Next on Welcome: the first task


@pytest.mark.parametrize("page", OUR_PAGES)
def test_the_all_pages_button_lists_every_page(page, saved_full, library, order):
    at = goto(fresh(saved_full.id), page)
    menus = [b for b in at.get("popover") if b.proto.popover.label == library.t("nav.all_pages")]
    assert len(menus) == 1
    listed = [c.proto.page or "welcome" for c in menus[0].children.values()]
    assert [f"views/{url}.py" for url in listed] == order
