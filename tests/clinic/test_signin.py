"""Clinic mode's sign-in in a real browser (Chromium), through nginx, against oidc-provider-mock.

Nothing of a workbook is shown before sign-in; the identity is the token's issuer and
subject; the name from the token is shown literally; an invitation link survives the
sign-in round trip and a token that is not a real invitation gives nothing.
"""

from __future__ import annotations

import pytest

from tests.clinic.test_signin_support import browser, clinic, new_page, set_claims, sign_in  # noqa: F401
from tests.e2e.server import wait_idle
from tests.nasty import NASTY

pytestmark = pytest.mark.e2e


def test_nothing_before_sign_in(browser, clinic):  # noqa: F811
    page = new_page(browser)
    page.goto(clinic.origin + "/?wb=guessed-id")  # a workbook id alone opens nothing
    wait_idle(page)
    page.get_by_role("heading", name="Sign in to your workbook").wait_for()
    assert page.get_by_role("button", name="Sign in").is_visible()
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "Welcome" not in body
    assert page.locator("[data-testid='stSidebarNav']").count() == 0
    page.context.close()


def test_sign_in_shows_her_name_literally_and_sign_out_ends_it(browser, clinic):  # noqa: F811
    hostile = next(s for s in NASTY if "<" in s)[:150]
    set_claims(clinic, "patient-ann", name=hostile, email="ann@example.org")
    page = new_page(browser)
    sign_in(page, clinic, "patient-ann")
    sidebar = page.locator("[data-testid='stSidebar']").inner_text()
    assert f"Signed in as {hostile}".split("\n")[0] in sidebar
    assert page.locator("[data-testid='stSidebarNav']").count() == 1  # the workbook's pages
    page.get_by_role("button", name="Sign out").click()
    # Streamlit ends the session at the provider too (its end_session page), then comes back.
    page.wait_for_url("**/oauth2/end_session**")
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(clinic.origin + "/**")
    wait_idle(page)
    page.get_by_role("button", name="Sign in").wait_for()
    page.context.close()


def test_invitation_link_survives_sign_in_and_a_made_up_token_is_refused(browser, clinic):  # noqa: F811
    page = new_page(browser)
    page.goto(clinic.origin + "/?invite=" + "x" * 43)
    wait_idle(page)
    page.get_by_text("Someone invited you").wait_for()
    assert "invite=" not in page.url  # the token leaves the address bar at once
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/oauth2/authorize**")
    page.fill("input[name=sub]", "caregiver-bo")
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(clinic.origin + "/**")
    wait_idle(page)
    page.get_by_text("This invitation link does not work").wait_for()
    page.reload()  # used once: the cookie is gone, no second refusal
    wait_idle(page)
    page.get_by_role("button", name="Sign out").wait_for()
    assert page.get_by_text("This invitation link does not work").count() == 0
    page.context.close()
