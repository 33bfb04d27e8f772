"""Real-browser fixtures: Debian's Chromium driven by Playwright against the running app."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.e2e.server import CHROMIUM, CHROMIUM_FLAGS, running_app

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; CI must run the browser tests (.ci/run installs it)")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def app_data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("e2e-data")


@pytest.fixture(scope="session")
def app_url(app_data_dir):
    with running_app(app_data_dir) as url:
        yield url


@pytest.fixture
def full_in_app(app_data_dir, full_wb, monkeypatch):
    """The full example saved where the running app reads, returned by id."""
    from workbook import store

    monkeypatch.setenv(store.DATA_DIR_ENV, str(app_data_dir))
    if store.load(full_wb.id) is None:
        store.create(full_wb)
    return full_wb.id


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
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
