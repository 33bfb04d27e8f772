"""What the serving-half browser tests share (no tests here): the clinic stack, a browser,
sign-in through oidc-provider-mock, and a way to wait for the app.

The stack is deploy/demo.py's: PostgreSQL (as the postgres user, temporary, 127.0.0.1),
the mock provider, app servers (serve.py) and nginx in front, the browser on
http://localhost:<port>, the one public origin that the OIDC redirect URI names.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy import demo
from tests.e2e.server import CHROMIUM, CHROMIUM_FLAGS, wait_idle

ROOT = Path(__file__).resolve().parents[2]


def need(program: str) -> None:
    """A missing program fails under CI (.ci/run installs it) and skips elsewhere."""
    if shutil.which(program) or Path(program).exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{program} is missing; CI must run the clinic serving tests (.ci/run installs it)")
    pytest.skip(f"{program} is not installed")


@pytest.fixture(scope="module")
def clinic() -> Iterator[demo.Stack]:
    """The whole clinic stack, two app servers behind nginx."""
    need(demo.NGINX)
    need(CHROMIUM)
    with demo.stack(servers=2) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    need(CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def new_page(browser, viewport=(1280, 900)):
    context = browser.new_context(
        accept_downloads=True, viewport={"width": viewport[0], "height": viewport[1]}
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def set_claims(stack: demo.Stack, subject: str, **claims: str) -> None:
    """What the mock provider puts in this person's ID token (name, email)."""
    request = urllib.request.Request(
        f"{stack.issuer}/users/{subject}",
        data=json.dumps(claims).encode(),
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 204


def sign_in(page, stack: demo.Stack, subject: str, path: str = "/") -> None:
    """Open the app, press Sign in, type the subject at the mock provider, come back signed in."""
    page.goto(stack.origin + path)
    wait_idle(page)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/oauth2/authorize**")
    page.fill("input[name=sub]", subject)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(stack.origin + "/**")
    wait_idle(page)
    page.get_by_role("button", name="Sign out").wait_for()
