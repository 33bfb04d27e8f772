"""In the real browser: typing is saved without leaving the box, the bare address
reopens the workbook this browser used last, pasting too much is shortened with a
message, a refused star unticks itself (issues 8 and 17)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.server import wait_idle
from views import session
from workbook import store
from workbook.model import new_id

NOTES = "My notes for this page"


@pytest.fixture
def mine(app_data_dir, full_wb, monkeypatch) -> str:
    """A copy of the full example of this test's own (other tests share the app's store)."""
    monkeypatch.setenv(store.DATA_DIR_ENV, str(app_data_dir))
    wb = full_wb.model_copy(update={"id": new_id()})
    store.create(wb)
    return wb.id


def stored(data_dir: Path, workbook_id: str, needle: str, timeout: float = 15) -> None:
    """Wait (bounded) until the stored workbook holds `needle`."""
    deadline = time.monotonic() + timeout
    while True:
        with sqlite3.connect(data_dir / "workbooks.sqlite3") as con:
            if con.execute(
                "SELECT 1 FROM workbooks WHERE id = ? AND instr(data, ?) > 0", (workbook_id, needle)
            ).fetchone():
                return
        assert time.monotonic() < deadline, f"not saved: {needle!r}"
        time.sleep(0.1)


def test_typing_is_saved_without_leaving_the_box_and_survives_a_refresh(page, app_url, app_data_dir, mine):
    page.goto(f"{app_url}/surgery?wb={mine}")
    wait_idle(page)
    box = page.get_by_label(NOTES, exact=True)
    box.click()
    box.press("Control+a")
    # Pauses longer than the keeper's delay: the page reruns between words while the
    # person keeps typing, and no letter may be lost or moved.
    for word in ("Ask ", "about ", "the ", "drain."):
        page.keyboard.type(word, delay=40)
        time.sleep(1.3)
    stored(app_data_dir, mine, "Ask about the drain.")
    expect(box).to_be_focused()  # saved while the person is still in the box
    expect(box).to_have_value("Ask about the drain.")
    page.reload()
    wait_idle(page)
    expect(page.get_by_label(NOTES, exact=True)).to_have_value("Ask about the drain.")


def test_an_own_question_typed_but_not_added_survives_a_refresh(page, app_url, app_data_dir, mine):
    page.goto(f"{app_url}/radiation?wb={mine}")
    wait_idle(page)
    box = page.get_by_label("Type a question of my own", exact=True)
    box.click()
    page.keyboard.type("Will <b>my</b> skin get sore?", delay=20)
    stored(app_data_dir, mine, "Will <b>my</b> skin get sore?")
    page.reload()
    wait_idle(page)
    expect(page.get_by_label("Type a question of my own", exact=True)).to_have_value(
        "Will <b>my</b> skin get sore?"
    )


def test_the_bare_address_reopens_the_workbook_this_browser_used_last(page, app_url, mine):
    page.goto(f"{app_url}/?wb={mine}")
    wait_idle(page)

    # The keeper writes the cookie from its frame after the page is drawn: wait for it
    # (bounded), as a person who opens a bookmark seconds later would.
    def remembered() -> bool:
        return any(c["name"] == session.COOKIE and c["value"] == mine for c in page.context.cookies())

    deadline = time.monotonic() + 15
    while not remembered():
        assert time.monotonic() < deadline, "the keeper never wrote the last-used cookie"
        time.sleep(0.1)
    page.goto(app_url)  # a bookmark, or a new tab
    wait_idle(page)
    expect(page).to_have_url(f"{app_url}/?wb={mine}")
    expect(page.get_by_text("Open now: ", exact=False).first).to_be_visible()
    page.goto(f"{app_url}/hormone")
    wait_idle(page)
    expect(page.get_by_role("link", name="Switch workbook")).to_be_visible()


def test_the_bare_address_reopens_the_workbook_of_the_tab_worked_in_last(page, app_url, full_wb, mine):
    """Two tabs on two workbooks: the person works in the first tab again after the
    second was opened, so a bookmark reopens the first one's workbook (chaos walk, seed 1)."""
    other = full_wb.model_copy(update={"id": new_id()})
    store.create(other)
    page.goto(f"{app_url}/hormone?wb={mine}")
    wait_idle(page)
    second = page.context.new_page()
    second.goto(f"{app_url}/surgery?wb={other.id}")
    wait_idle(second)

    def last_used() -> str | None:
        return next((c["value"] for c in page.context.cookies() if c["name"] == session.COOKIE), None)

    deadline = time.monotonic() + 15
    while last_used() != other.id:
        assert time.monotonic() < deadline, "the second tab never wrote the last-used cookie"
        time.sleep(0.1)
    page.bring_to_front()
    page.get_by_label(NOTES, exact=True).click()  # working in the first tab again
    deadline = time.monotonic() + 15
    while last_used() != mine:
        assert time.monotonic() < deadline, "working in the first tab did not make it the last used"
        time.sleep(0.1)
    second.close()
    bookmark = page.context.new_page()
    bookmark.goto(app_url)
    wait_idle(bookmark)
    expect(bookmark).to_have_url(f"{app_url}/?wb={mine}")


def test_pasting_more_than_fits_keeps_what_fits_and_says_so(page, app_url, app_data_dir, mine):
    page.goto(f"{app_url}/about_me?wb={mine}")
    wait_idle(page)
    # The name box: the day-and-night number moved to My care team (issue 11).
    field = page.get_by_label("My name (optional, shown on printouts)", exact=True)
    field.fill("7" * 2500)
    field.press("Tab")
    wait_idle(page)
    stored(app_data_dir, mine, "7" * 2000)
    expect(page.get_by_text("only the first 2,000 characters were kept").first).to_be_visible()
    expect(field).to_have_value("7" * 2000)


def test_a_refused_fourth_star_unticks_itself(page, app_url, mine):
    page.goto(f"{app_url}/my_questions?wb={mine}")
    wait_idle(page)
    stars = page.get_by_role("checkbox", name="Top question")
    unticked = [i for i in range(stars.count()) if not stars.nth(i).is_checked()]
    star = stars.nth(unticked[0])
    star.check(force=True)
    wait_idle(page)
    expect(page.get_by_text("three top questions").first).to_be_visible()
    expect(star).not_to_be_checked()


def test_a_vanished_data_folder_is_said_plainly_and_the_edit_saved_when_it_is_back(
    browser, tmp_path, full_wb, monkeypatch
):
    from tests.e2e.server import running_app

    data = tmp_path / "data"
    monkeypatch.setenv(store.DATA_DIR_ENV, str(data))
    store.create(full_wb)
    with running_app(data) as url:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{url}/surgery?wb={full_wb.id}")
        wait_idle(page)
        moved = tmp_path / "moved"
        data.rename(moved)
        box = page.get_by_label(NOTES, exact=True)
        box.fill("Written while the folder was away.")
        box.press("Tab")
        wait_idle(page)
        expect(page.get_by_text("cannot be found").first).to_be_visible()
        expect(page.get_by_text("Not saved").first).to_be_visible()
        assert not data.exists()  # no new, empty store in its place
        moved.rename(data)
        # Without another click: the page keeps trying and saves it.
        stored(data, full_wb.id, "Written while the folder was away.", timeout=30)
        expect(page.get_by_text("Saved at").first).to_be_visible(timeout=15_000)
        context.close()


def _in_store(workbook_id: str, needle: str, timeout: float = 15) -> bool:
    """Read through workbook.store (WORKBOOK_DATA_DIR set by `mine`), bounded wait."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if needle in store.load(workbook_id).workbook.model_dump_json():
            return True
        time.sleep(0.2)
    return False


def test_text_typed_and_at_once_followed_by_a_page_switch_is_saved(page, app_url, mine):
    """Streamlit can drop the typed text from the page switch's own run; the keeper sends it
    again in the next run (views/components/keeper.py), so it reaches the store a moment later."""
    lost = []
    for i in range(10):
        page.goto(f"{app_url}/hormone?wb={mine}")
        wait_idle(page)
        question, note = f"Own question {i} <i>x</i>?", f"Note {i} & more"
        own = page.get_by_label("Type a question of my own", exact=True)
        own.click()
        own.press("Control+a")
        page.keyboard.type(question, delay=5)
        notes = page.get_by_label(NOTES, exact=True)
        notes.click()
        notes.press("Control+a")
        page.keyboard.type(note, delay=5)
        page.get_by_role("link", name="Targeted therapy").first.click()  # no wait
        wait_idle(page)
        lost += [t for t in (question, note) if not _in_store(mine, t)]
    assert not lost, f"lost: {lost}"
    page.goto(f"{app_url}/hormone?wb={mine}")
    wait_idle(page)
    expect(page.get_by_label(NOTES, exact=True)).to_have_value("Note 9 & more")
    expect(page.get_by_label("Type a question of my own", exact=True)).to_have_value(
        "Own question 9 <i>x</i>?"
    )


def test_text_typed_and_at_once_followed_by_another_address_is_saved(page, app_url, mine):
    """Leaving by the address bar or a bookmark starts a new session on the next page: the
    text the browser kept is sent by that page, and the new session (which never drew the
    box) still saves it where it was typed (views/box_registry.py)."""
    lost = []
    for i, (start, to) in enumerate(
        (("hormone", "surgery"), ("values", "about_me"), ("surgery", "values"), ("diary", "hormone"))
    ):
        page.goto(f"{app_url}/{start}?wb={mine}")
        wait_idle(page)
        text = f"Typed {i} then left <b>at once</b>"
        box = page.get_by_role("textbox").first
        box.click()
        box.press("Control+a")
        page.keyboard.type(text, delay=5)
        page.goto(f"{app_url}/{to}?wb={mine}")  # no pause: the keeper's delay has not passed
        wait_idle(page)
        if not _in_store(mine, text):
            lost.append((start, text))
    assert not lost, f"lost: {lost}"
