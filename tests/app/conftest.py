"""AppTest helpers: a fresh session of the real app, optionally opened on a saved workbook."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from workbook import store
from workbook.model import Workbook

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = [
    "views/welcome.py",
    "views/history.py",
    "views/about_me.py",
    "views/values.py",
    "views/hormone.py",
    "views/targeted.py",
    "views/radiation.py",
    "views/surgery.py",
    "views/chemotherapy.py",
    "views/general.py",
    "views/my_questions.py",
    "views/export.py",
]


def fresh(workbook_id: str | None = None) -> AppTest:
    """A new browser session (a refresh is one too), with ?wb=<id> when given."""
    at = AppTest.from_file(APP, default_timeout=30)
    if workbook_id:
        at.query_params["wb"] = workbook_id
    return at.run()


def goto(at: AppTest, page: str) -> AppTest:
    return at.switch_page(page).run()


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture
def saved_full(full_wb: Workbook) -> Workbook:
    store.create(full_wb)
    return full_wb
