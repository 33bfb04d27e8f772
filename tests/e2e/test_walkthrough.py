"""A person's walk from Welcome to a downloaded PDF, with a page switch and a refresh in the middle."""

from __future__ import annotations

import io
import re
import sqlite3
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.server import wait_idle

QUESTION = "Should I have a blood test for an ESR1 mutation?"
OWN = "Can I <b>garden</b> & **swim** :smile: $5 on this drug?"
NOTE = "Ask about a fan for hot flashes."


def nav(page, title: str) -> None:
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    wait_idle(page)


def saved(page, data_dir: Path, needle: str, timeout: float = 15) -> None:
    """Wait (bounded) until this page's workbook, as stored, holds `needle`."""
    expect(page).to_have_url(re.compile(r"[?&]wb="))  # set by the first save
    workbook_id = parse_qs(urlparse(page.url).query)["wb"][0]
    deadline = time.monotonic() + timeout
    while True:
        with sqlite3.connect(data_dir / "workbooks.sqlite3") as con:
            if con.execute(
                "SELECT 1 FROM workbooks WHERE id = ? AND instr(data, ?) > 0", (workbook_id, needle)
            ).fetchone():
                return
        assert time.monotonic() < deadline, f"not saved: {needle!r}"
        time.sleep(0.1)


def start_new(page) -> None:
    """Other tests saved workbooks in this store: on the bare address a new one is made
    only on purpose, with "Start a new workbook"."""
    start = page.get_by_role("button", name="Start a new workbook")
    if start.count() and start.is_enabled():
        start.click()
        wait_idle(page)


def commit_text(page, data_dir: Path, label: str, text: str) -> None:
    """Type into a field and leave it: Streamlit commits text on blur."""
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Tab")
    saved(page, data_dir, text)
    wait_idle(page)


def test_a_patient_walks_through_and_downloads_a_pdf(page, app_url, app_data_dir):
    page.goto(app_url)
    wait_idle(page)
    expect(page.get_by_role("heading", name="Treatment talk workbook")).to_be_visible()
    expect(page.get_by_text("It does not give medical advice").first).to_be_visible()
    start_new(page)

    nav(page, "About me and my cancer")
    radio = page.locator("[data-testid='stRadio']").filter(has_text="Hormone receptor status")
    radio.get_by_text("Positive", exact=True).click()
    wait_idle(page)
    expect(page.locator("[data-testid='stMain']")).to_contain_text("Saved at")

    nav(page, "My care team")  # the day-and-night number lives here
    page.get_by_role("button", name="Add a person").click()
    wait_idle(page)
    commit_text(page, app_data_dir, "Phone (person 1)", "555-0199")
    page.locator("[data-testid='stRadio']").get_by_text("555-0199").click()
    saved(page, app_data_dir, '"day_and_night":true')
    wait_idle(page)

    nav(page, "Hormone therapy")
    expect(page.get_by_text(f"{QUESTION} (often discussed for people like you)")).to_be_visible()
    expect(page.get_by_text("Fill in About me to see what is often discussed")).to_have_count(0)  # tailored
    page.get_by_text(QUESTION).click()
    saved(page, app_data_dir, '"hormone.esr1-test"')
    wait_idle(page)
    expect(page.get_by_role("checkbox", name=QUESTION)).to_be_checked()

    nav(page, "Welcome")  # a page switch...
    nav(page, "Hormone therapy")
    expect(page.get_by_role("checkbox", name=QUESTION)).to_be_checked()

    commit_text(page, app_data_dir, "My notes for this page", NOTE)
    page.get_by_label("Type a question of my own").fill(OWN)
    page.get_by_role("button", name="Add my question").click()
    saved(page, app_data_dir, "garden")
    wait_idle(page)
    expect(page.get_by_label(f"Edit my question: {OWN}", exact=True)).to_have_value(OWN)

    page.reload()  # ...and a refresh: nothing is lost
    wait_idle(page)
    expect(page.get_by_role("checkbox", name=QUESTION)).to_be_checked()
    expect(page.get_by_label("My notes for this page")).to_have_value(NOTE)

    nav(page, "My question list")
    expect(page.get_by_text(OWN, exact=True)).to_be_visible()  # shown literally, not as Markdown
    page.get_by_role("checkbox", name=re.compile("^Top question: ")).first.check(force=True)
    saved(page, app_data_dir, '"starred":true')
    wait_idle(page)

    nav(page, "Export and share")
    page.get_by_text("Question list for my appointment").click()
    wait_idle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the PDF").first.click()
    data = Path(download.value.path()).read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    flat = " ".join(text.split())
    assert "Questions for my appointment" in flat
    assert QUESTION in flat
    assert OWN in flat
    assert "555-0199" in flat


def test_the_workbook_file_round_trips_through_the_ui(page, app_url, app_data_dir, tmp_path):
    page.goto(app_url)
    wait_idle(page)
    start_new(page)
    nav(page, "Surgery")
    commit_text(page, app_data_dir, "My notes for this page", "Ask about recovery time.")
    first_address = page.url
    nav(page, "Export and share")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my workbook file").click()
    assert download.value.suggested_filename.startswith("my-treatment-workbook-")
    path = tmp_path / download.value.suggested_filename  # saved as a browser would
    download.value.save_as(path)
    assert b"Ask about recovery time." in path.read_bytes()

    nav(page, "Welcome")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(path)
    expect(page.get_by_text("The file opened as a new workbook")).to_be_visible()
    wait_idle(page)
    assert page.url != first_address  # a new workbook, beside the first
    nav(page, "Surgery")
    expect(page.get_by_label("My notes for this page")).to_have_value("Ask about recovery time.")


def test_the_preview_appears_only_behind_its_button(page, app_url, full_in_app):
    page.goto(f"{app_url}/export?wb={full_in_app}")
    wait_idle(page)
    viewer = page.locator("[data-testid='stBidiComponentIsolated']")
    expect(viewer).to_have_count(0)
    page.get_by_role("button", name="Show a preview").click()
    wait_idle(page)
    expect(viewer).to_have_count(1)
    page.get_by_role("button", name="Hide the preview").click()
    wait_idle(page)
    expect(viewer).to_have_count(0)


def test_a_long_page_has_a_way_straight_to_its_questions(page, app_url, full_in_app):
    page.goto(f"{app_url}/surgery?wb={full_in_app}")
    wait_idle(page)
    heading = page.get_by_role("heading", name="Questions you might ask")
    expect(heading).not_to_be_in_viewport()
    page.get_by_role("link", name="Go to the questions you might ask").click()
    expect(heading).to_be_in_viewport()
