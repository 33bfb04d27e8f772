"""On a 390x844 phone screen: the way through every page, and controls a screen reader
or voice control can tell apart (issue 12)."""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.server import wait_idle

PHONE = {"width": 390, "height": 844}
# For a person to look at; outside the checkout, so runs leave no files behind.
SHOTS = Path(tempfile.gettempdir()) / "workbook-phone-screenshots"
# Roles a person acts on; aria_snapshot lines look like `- button "Move up: ..."`.
CONTROL = re.compile(
    r"""^\s*- '?(button|checkbox|link|textbox|combobox|radio|switch|slider|spinbutton) "(.*?)"(?: \[[^\]]*\])?'?:?\s*$"""
)


@pytest.fixture
def phone(browser, app_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    yield page
    context.close()
    outside = [
        u
        for u in requests
        if urlparse(u).hostname not in {"127.0.0.1", "localhost", "::1"}
        and not u.startswith(("data:", "blob:"))
    ]
    assert not outside, f"requests left this computer: {outside}"


@pytest.fixture
def order(full_in_app):
    """Every page's title, as app.py hands them to st.navigation (read from the real call)."""
    from benchmarks.page_rerun import app_pages

    return [title for title, _ in app_pages(full_in_app)]


def heading(page) -> str:
    h1 = page.get_by_role("heading", level=1).first
    expect(h1).to_be_visible()
    return h1.inner_text().strip()


def name_of(locator) -> str:
    """The accessible name, as a screen reader gets it (an icon's ligature text is hidden from it)."""
    found = [m.group(2) for line in locator.aria_snapshot().splitlines() if (m := CONTROL.match(line))]
    assert found, locator.aria_snapshot()
    return found[0]


def controls(page) -> list[tuple[str, str]]:
    """(role, accessible name) of every control in the main area, from the accessibility tree."""
    tree = page.locator("[data-testid='stMain']").aria_snapshot()
    return [(m.group(1), m.group(2)) for line in tree.splitlines() if (m := CONTROL.match(line))]


def test_next_alone_walks_through_every_page(phone, app_url, full_in_app, order):
    phone.goto(f"{app_url}/?wb={full_in_app}")
    wait_idle(phone)
    titles = [heading(phone)]
    for _ in range(len(order)):  # bounded: a loop in the chain fails, never hangs
        following = phone.get_by_role("link", name=re.compile(r"^Next: "))
        if not following.count():
            break
        if len(titles) == 5:  # for a person to look at: the end of a treatment page
            following.scroll_into_view_if_needed()
            SHOTS.mkdir(exist_ok=True)
            phone.screenshot(path=str(SHOTS / "phone-page-end.png"))
        expect(following).to_have_count(1)
        name = name_of(following)
        href = urlparse(following.get_attribute("href") or "").path.rstrip("/").rsplit("/", 1)[-1]
        following.click()
        expect(phone).to_have_url(re.compile(rf"/{re.escape(href)}(\?|$)"))  # the page changed...
        wait_idle(phone)  # ...and its script run ended
        titles.append(heading(phone))
        assert name.removeprefix("Next: ") in order, name
        expect(phone.get_by_role("link", name=re.compile(r"^Back: "))).to_have_count(1)
    assert len(titles) == len(order), titles


def test_the_labelled_button_at_the_top_opens_every_page(phone, app_url, full_in_app, order):
    phone.goto(f"{app_url}/values?wb={full_in_app}")
    wait_idle(phone)
    button = phone.get_by_role("button", name="All pages")
    box = button.bounding_box()
    assert box is not None
    assert box["y"] < PHONE["height"] / 2  # near the top, without scrolling
    button.click()
    menu = phone.locator("[data-testid='stPopoverBody']")
    expect(menu).to_be_visible()
    assert [name_of(link) for link in menu.get_by_role("link").all()] == order
    SHOTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(SHOTS / "phone-all-pages.png"))
    menu.get_by_role("link", name=order[-1], exact=True).click()
    wait_idle(phone)
    assert heading(phone)


def test_every_control_on_my_question_list_has_its_own_name(phone, app_url, full_in_app):
    phone.goto(f"{app_url}/my_questions?wb={full_in_app}")
    wait_idle(phone)
    found = controls(phone)
    SHOTS.mkdir(exist_ok=True)
    phone.get_by_role("button", name=re.compile(r"^Move down: ")).nth(1).scroll_into_view_if_needed()
    phone.screenshot(path=str(SHOTS / "phone-my-questions.png"))
    names = Counter(name for _, name in found)
    assert [n for n, count in names.items() if count > 1] == []
    stars = [name for role, name in found if role == "checkbox" and name.startswith("Top question: ")]
    moves = [
        name for role, name in found if role == "button" and name.startswith(("Move up: ", "Move down: "))
    ]
    assert len(stars) >= 10
    assert len(moves) == 2 * len(stars)
    assert not any("\\" in name or ":color[" in name or "&#" in name for name in stars + moves)


def test_questions_are_reordered_by_keyboard(phone, app_url, full_in_app):
    phone.goto(f"{app_url}/my_questions?wb={full_in_app}")
    wait_idle(phone)
    downs = phone.get_by_role("button", name=re.compile(r"^Move down: "))
    first, second = (name_of(b).removeprefix("Move down: ") for b in downs.all()[:2])
    downs.first.focus()
    phone.keyboard.press("Enter")
    # Waits (bounded) for the rerun: the question went one place down.
    expect(downs.nth(1)).to_have_accessible_name(f"Move down: {first}")
    expect(downs.first).to_have_accessible_name(f"Move down: {second}")
    wait_idle(phone)
    phone.get_by_role("button", name=f"Move up: {first}", exact=True).focus()
    phone.keyboard.press("Enter")  # and back
    expect(downs.first).to_have_accessible_name(f"Move down: {first}")


def test_why_ask_this_is_readable_without_hovering(phone, app_url, full_in_app):
    phone.goto(f"{app_url}/hormone?wb={full_in_app}")
    wait_idle(phone)
    why = phone.get_by_text(re.compile(r"^Why ask this: ")).first
    why.scroll_into_view_if_needed()
    expect(why).to_be_visible()
