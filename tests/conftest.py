"""Shared fixtures: a temporary data folder, the content library, example workbooks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from content.library import Library, load_library
from workbook.files import import_json
from workbook.model import Workbook
from workbook.store import DATA_DIR_ENV

# Locally hypothesis explores new random examples each run; CI, which decides
# whether work lands, replays a fixed sequence so its verdict is repeatable.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test saves into its own empty folder, never the user's real one."""
    folder = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library()


def _example(name: str) -> Workbook:
    return import_json((EXAMPLES / name).read_bytes())


@pytest.fixture
def empty_wb() -> Workbook:
    return _example("empty.json")


@pytest.fixture
def full_wb() -> Workbook:
    return _example("full.json")
