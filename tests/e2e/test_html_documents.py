"""The HTML twins of the PDFs in Chromium: axe finds no serious or critical violation,
nothing is fetched, and the questions read out are the PDF's questions."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from pdf import Options, build_blocks, build_html
from pdf.blocks import questions
from pdf.fonts import is_invisible
from tests.e2e.server import wait_idle
from tests.nasty import NASTY
from workbook import edits as E
from workbook.model import Workbook

DAY = date(2026, 11, 25)


def same(text: str) -> str:
    """The stated comparison: NFC, control and format characters dropped, whitespace collapsed."""
    return " ".join("".join(ch for ch in unicodedata.normalize("NFC", text) if not is_invisible(ch)).split())


def hostile() -> Workbook:
    wb = Workbook()
    E.add_appointment(wb, clinician=NASTY[2], purpose=NASTY[11])
    E.update_profile(wb, name=NASTY[12], day_night_phone=NASTY[3])
    for text in NASTY[2:17]:
        E.add_own_question(wb, "general", text)
    return wb


CASES = [
    (doc, large, which)
    for doc in ("questions", "summary", "caregiver", "blank")
    for large in (False, True)
    for which in ("full", "hostile")
    if not (doc == "blank" and which == "hostile")
]


@pytest.mark.parametrize("document, large, which", CASES)
def test_html_document_passes_axe_and_shows_the_pdf_questions(
    browser, full_wb, library, document, large, which
):
    wb = None if document == "blank" else (full_wb if which == "full" else hostile())
    opts = Options(made_on=DAY, document=document, large_print=large)
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.set_content(build_html(wb, library, opts).decode("utf-8"), wait_until="load")
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    shown = page.locator("span.q").all_inner_texts()
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert not bad, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
    assert not [u for u in requests if not u.startswith(("about:", "data:"))], requests
    assert [same(s) for s in shown] == [same(q.text) for q in questions(build_blocks(wb, library, opts))]
    assert width <= 390, "the page scrolls sideways on a phone"


def test_export_offers_the_html_twin_beside_the_pdf(page, app_url, full_in_app, full_wb, library):
    page.goto(f"{app_url}/export?wb={full_in_app}")
    wait_idle(page)
    page.get_by_text("Question list for my appointment").click()
    wait_idle(page)
    expect(page.get_by_text(library.t("export.html_help")).first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name=library.t("export.download_html")).first.click()
    html = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename.endswith(".html")
    assert '<html lang="en">' in html
    for _, q in E.agenda(full_wb):
        assert q.text.replace("'", "&#x27;") in html or q.text in html
