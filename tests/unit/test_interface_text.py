"""Every interface text key the code asks for exists in content/ui.toml."""

import re
import typing
from pathlib import Path

import pytest

from workbook import model

ROOT = Path(__file__).resolve().parents[2]
KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")
SOURCES = [ROOT / "app.py", *sorted((ROOT / "views").glob("*.py")), *sorted((ROOT / "pdf").glob("*.py"))]


def used_keys() -> set[str]:
    return {k for path in SOURCES for k in KEY.findall(path.read_text(encoding="utf-8"))}


def test_keys_are_found():
    assert len(used_keys()) > 80


@pytest.mark.parametrize("key", sorted(used_keys()))
def test_key_exists(library, key):
    assert library.t(key)


@pytest.mark.parametrize(
    "group, literal",
    [
        ("hr", model.HormoneStatus),
        ("her2", model.Her2Status),
        ("menopause", model.Menopause),
        ("test", model.TestResult),
        ("biomarker", model.BiomarkerId),
        ("biomarker_help", model.BiomarkerId),
        ("site", model.Site),
        ("share", model.ShareId),
    ],
)
def test_every_option_of_the_model_has_a_label(library, group, literal):
    for value in typing.get_args(literal):
        assert library.t(f"options.{group}.{value}")


def test_every_status_and_document_has_a_label(library):
    assert {s.id for s in library.interface.statuses} == set(typing.get_args(model.Status))
    for doc in ("questions", "summary", "caregiver"):
        assert library.t(f"options.document.{doc}")
