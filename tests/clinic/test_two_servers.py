"""Two app servers behind nginx, in a real browser: a signed-in patient on each server opens
a workbook file (an upload, which only the server holding her session can take) and
downloads her question list PDF and her workbook file. Session affinity (the route
cookie) is what makes the upload work; the shared cookie secret is what lets one sign-in
page, served by either server, sign her in.
"""

from __future__ import annotations

import io
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from deploy import demo
from tests.clinic.test_signin_support import ROOT, browser, clinic, new_page, sign_in  # noqa: F401
from tests.e2e.server import wait_idle

pytestmark = pytest.mark.e2e
FULL = ROOT / "examples" / "full.json"


def _open(page, origin: str, path: str) -> None:
    """Another page of the open workbook by its address (a new session, same route cookie)."""
    expect(page).to_have_url(re.compile(r"[?&]wb="))
    workbook_id = parse_qs(urlsplit(page.url).query)["wb"][0]
    page.goto(f"{origin}/{path}?wb={workbook_id}")
    wait_idle(page)
    expect(page.get_by_role("heading", level=1).first).to_be_visible()


def test_each_server_takes_an_upload_and_serves_the_downloads(browser, clinic, tmp_path):  # noqa: F811
    name = json.loads(FULL.read_text(encoding="utf-8"))["profile"]["name"]
    assert len(clinic.app_ports) == 2
    for n, port in enumerate(clinic.app_ports):
        page = new_page(browser)
        route = demo.route_to(clinic, port)
        page.context.add_cookies([{"name": "twb_route", "value": route, "url": clinic.origin}])
        sign_in(page, clinic, f"patient-two-servers-{n}")

        page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(FULL)
        expect(page.get_by_text("The file opened as a new workbook")).to_be_visible()
        wait_idle(page)

        _open(page, clinic.origin, "export")
        with page.expect_download() as pdf:
            page.get_by_role("button", name="Download the PDF").first.click()
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.value.path().read_bytes())).pages)
        assert name in " ".join(text.split())
        with page.expect_download() as file:
            page.get_by_role("button", name="Download my workbook file").click()
        saved = tmp_path / f"server-{n}.json"
        file.value.save_as(saved)
        assert json.loads(saved.read_text(encoding="utf-8"))["profile"]["name"] == name
        # The session stayed on the server the route cookie chose, all along.
        assert {c["value"] for c in page.context.cookies() if c["name"] == "twb_route"} == {route}
        page.context.close()
