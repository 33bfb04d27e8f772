"""axe-core audit of every page: no serious or critical violations from our markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.server import wait_idle

PAGES = [
    "",
    "history",
    "about_me",
    "values",
    "hormone",
    "targeted",
    "radiation",
    "surgery",
    "chemotherapy",
    "general",
    "diary",
    "medicines",
    "care_team",
    "visits",
    "my_questions",
    "export",
]
# A desktop browser and a phone (the people in the guide often fill it in on a phone).
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# Streamlit's own sectioned sidebar navigation nests its list items in a way axe
# flags (list/listitem); that markup is Streamlit's, not ours, so it is left out.
NOT_OURS = {"exclude": [["[data-testid='stSidebarNav']"]]}


def test_every_page_of_the_navigation_is_audited(full_in_app):
    """A page added to app.py's navigation is audited too (its path is the script's name)."""
    from benchmarks.page_rerun import app_pages

    scripts = [Path(script).stem for _, script in app_pages(full_in_app)]
    assert ["" if stem == "welcome" else stem for stem in scripts] == PAGES


@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(page, app_url, full_in_app, path, width):
    page.set_viewport_size(VIEWPORTS[width])
    page.goto(f"{app_url}/{path}?wb={full_in_app}")
    wait_idle(page)
    page.locator("h1").first.wait_for()
    results = Axe().run(page, context=NOT_OURS)
    serious = [
        (v["id"], [n["html"][:120] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, serious


def test_the_page_is_usable_by_keyboard(page, app_url, full_in_app):
    page.goto(f"{app_url}/radiation?wb={full_in_app}")
    wait_idle(page)
    box = page.get_by_role("checkbox").first
    box.focus()
    was = box.is_checked()
    page.keyboard.press("Space")
    wait_idle(page)
    assert page.get_by_role("checkbox").first.is_checked() != was
