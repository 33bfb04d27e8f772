"""How I have been, in the real browser on a phone (390 x 844): a check-in in a handful of
taps, the urgent box for a severe rating, the chart and its table (issue 11).

Person-time is counted in steps (taps), never timed: a tap on a phone takes a few
seconds at most, so a typical check-in of STEPS taps is well under two minutes.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.server import wait_idle
from tests.e2e.test_typing import stored
from workbook import store, team
from workbook.model import new_id

MAX_STEPS = 20  # a two-minute check-in at six seconds a tap, with room to spare


@pytest.fixture
def mine(app_data_dir, full_wb, monkeypatch):
    monkeypatch.setenv(store.DATA_DIR_ENV, str(app_data_dir))
    wb = full_wb.model_copy(update={"id": new_id()})
    store.create(wb)
    return wb


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


class Person:
    """Counts what the person does: every tap is one step."""

    def __init__(self, page):
        self.page, self.steps = page, 0

    def rate(self, label: str, word: str) -> None:
        # Streamlit 1.67 draws a segmented control as a named radiogroup: as a screen reader reads it.
        group = self.page.get_by_role("radiogroup", name=label, exact=True)
        group.get_by_role("radio", name=word, exact=True).click()
        self.steps += 1
        wait_idle(self.page)

    def tap(self, name: str) -> None:
        self.page.get_by_role("button", name=name, exact=True).click()
        self.steps += 1
        wait_idle(self.page)


def test_a_check_in_on_a_phone_takes_few_taps_and_is_saved(phone, app_url, app_data_dir, mine, library):
    d = library.diary
    phone.goto(f"{app_url}/diary?wb={mine.id}")
    wait_idle(phone)
    person = Person(phone)
    # A typical week: five symptoms, how much they got in the way, done.
    for sid, value in (("tiredness", 2), ("pain", 1), ("diarrhea", 2), ("sleep", 1), ("worry", 1)):
        person.rate(d.label(sid), d.scale_word(value))
    person.rate(library.t("diary.interference_label"), d.interference_word(1))
    stored(app_data_dir, mine.id, '"interference":1')
    person.tap(library.t("diary.done"))
    assert person.steps <= MAX_STEPS
    saved = store.load(mine.id).workbook
    new = [c for c in saved.checkins if c.id not in {x.id for x in mine.checkins}]
    assert len(new) == 1
    assert new[0].ratings == {"tiredness": 2, "pain": 1, "diarrhea": 2, "sleep": 1, "worry": 1}
    assert new[0].interference == 1
    # Nothing on the page scrolls sideways on a phone.
    width = phone.evaluate("() => document.querySelector('[data-testid=stMain]').scrollWidth")
    assert width <= 390


def test_a_severe_rating_shows_the_urgent_box_with_the_number(phone, app_url, mine, library):
    d = library.diary
    phone.goto(f"{app_url}/diary?wb={mine.id}")
    wait_idle(phone)
    urgent = phone.get_by_text(d.urgent.heading, exact=True)
    expect(urgent).to_have_count(0)
    Person(phone).rate(d.label("diarrhea"), d.scale_word(d.urgent.at))
    expect(urgent.first).to_be_visible()
    number = d.urgent.phone.format(phone=team.day_night_phone(mine))
    expect(phone.get_by_text(number).first).to_be_attached()
    expect(phone.get_by_text(d.urgent.text).first).to_be_attached()
    # The rest of the page stays: the box is drawn above the ratings and again above Done
    # (it once broke the page below the notes with a duplicate key, so Done was gone).
    expect(urgent).to_have_count(2)
    expect(phone.get_by_text(library.t("app.error"), exact=False)).to_have_count(0)
    Person(phone).tap(library.t("diary.done"))
    saved = store.load(mine.id).workbook
    [new] = [c for c in saved.checkins if c.id not in {x.id for x in mine.checkins}]
    assert new.ratings == {"diarrhea": d.urgent.at}


def test_the_chart_and_its_table_are_there(phone, app_url, mine, library):
    phone.goto(f"{app_url}/diary?wb={mine.id}")
    wait_idle(phone)
    chart = phone.locator(".vega-embed").first
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible()
    # "Everything", not the default "last 8 weeks": the example's check-ins have fixed
    # days, so the default period drops the earliest one once the clock moves past it.
    phone.get_by_text(library.t("diary.period_all"), exact=True).first.click()
    wait_idle(phone)
    phone.get_by_text(library.t("diary.table_heading"), exact=True).click()
    table = phone.get_by_test_id("stTable").first
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(len(mine.checkins))
    expect(table).to_contain_text(library.diary.label("diarrhea"))


@pytest.mark.parametrize("page_path", ["care_team", "medicines"])
def test_a_new_persons_or_medicines_form_stays_open_while_it_is_filled_in(
    phone, app_url, app_data_dir, mine, library, page_path
):
    """Typing the name and tapping the next box: the form once closed under the tap
    (its 'open' followed the name), and the tap was lost."""
    phone.goto(f"{app_url}/{page_path}?wb={mine.id}")
    wait_idle(phone)
    add, first, second = {
        "care_team": ("team.add", "team.name_label", "team.phone_label"),
        "medicines": ("medicines.free_add", "medicines.name_label", "medicines.dose_label"),
    }[page_path]
    Person(phone).tap(library.t(add))
    boxes = phone.locator("[data-testid='stMain'] details[open]")
    expect(boxes).to_have_count(1)
    form = boxes.first
    form.get_by_label(library.t(first), exact=False).fill("Dr <b>Lee</b> 🙂")
    form.get_by_label(library.t(second), exact=False).click()  # the next box, straight away
    wait_idle(phone)
    expect(boxes).to_have_count(1)
    phone.keyboard.type("555-0199")
    phone.keyboard.press("Tab")
    wait_idle(phone)
    stored(app_data_dir, mine.id, "Dr <b>Lee</b>")
    stored(app_data_dir, mine.id, "555-0199")
