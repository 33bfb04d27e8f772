import re
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from content.library import CONTENT_DIR, ContentError, load_library
from workbook.model import SECTION_IDS


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, dest, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return dest


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_real_content_loads(library):
    assert tuple(library.sections) == SECTION_IDS  # the pages in the model's order
    assert library.question("hormone.goal").topic == "options"
    assert library.question("nope.nothing") is None


def test_library_is_immutable(library):
    with pytest.raises(ValidationError):
        library.sections["hormone"].title = "changed"
    with pytest.raises(TypeError):
        library.sections["new"] = None


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        ("sections/hormone.toml", 'id = "hormone.goal"', 'id = "hormone.will-it-help"', "used twice"),
        ("sections/hormone.toml", 'id = "hormone.goal"', 'id = "radiation.goal"', "must start with"),
        ("sections/hormone.toml", 'topic = "options"', 'topic = "gossip"', "unknown topic"),
        (
            "sections/hormone.toml",
            'when = { all = ["hr:negative"] }',
            'when = { all = ["left_handed"] }',
            "unknown fact",
        ),
        ("treatments.toml", 'classes = ["serd"]', 'classes = ["no-such-class"]', "unknown classes"),
        (
            "treatments.toml",
            'urgent = ["clot", "vaginal-bleeding"]',
            'urgent = ["no-such-sign"]',
            "unknown urgent signs",
        ),
        (
            "treatments.toml",
            'approval_source = "fda-veppanu-letter"',
            'approval_source = "nowhere"',
            "unknown sources",
        ),
        ("treatments.toml", 'source = "nci-hypercalcemia"', 'source = "nowhere"', "unknown sources"),
        ("sections/general.toml", '"2024" = "asco-palliative-2024"', '"2024" = "nowhere"', "unknown sources"),
        ("sections/hormone.toml", "reviewed = 2026-11-25", 'reviewed = "soon"', "reviewed"),
        (
            "sections/hormone.toml",
            'url = "https://www.cancer.gov/types/breast/breast-hormone-therapy-fact-sheet"',
            'url = "ftp://x"',
            "url",
        ),
        (
            "sections/hormone.toml",
            'terms = ["hormone receptor"',
            'terms = ["made-up term"',
            "not in glossary",
        ),
        ("sections/radiation.toml", 'id = "radiation"', 'id = "radiation"\nid = "twice"', "not valid TOML"),
        ("glossary.toml", "[[terms]]", "[[terms]]\nspelling = 1", "glossary.toml"),
        ("ui.toml", 'name = "Treatment talk workbook"', "name = 3", "text.app.name must be text"),
    ],
)
def test_broken_files_fail_loudly_naming_file_and_problem(content_copy, file, old, new, expected):
    _edit(content_copy / file, old, new)
    with pytest.raises(ContentError) as err:
        load_library(content_copy)
    assert expected in str(err.value)
    assert Path(file).name in str(err.value)


def test_missing_file_is_named(content_copy):
    (content_copy / "sections" / "surgery.toml").unlink()
    with pytest.raises(ContentError, match=re.escape("surgery.toml: file is missing")):
        load_library(content_copy)


def test_unknown_text_key_is_named(library):
    with pytest.raises(ContentError, match=re.escape("no text for 'welcome.nope'")):
        library.t("welcome.nope")


def test_future_questions_stay_out_unless_asked(library):
    closed = [q for _, qs in library.questions_by_topic("general", include_future=False) for q in qs]
    opened = [q for _, qs in library.questions_by_topic("general", include_future=True) for q in qs]
    assert not any(q.future for q in closed)
    assert any(q.future for q in opened)
    assert len(opened) > len(closed)


def test_tailored_notes_follow_the_whole_profile(library):
    hormone = library.sections["hormone"]
    assert hormone.tailored_notes(frozenset()) == []
    hr_pos = frozenset({"hr:positive"})
    assert any("hormone receptor positive" in n for n in hormone.tailored_notes(hr_pos))
    # CDK4/6 needs HER2-negative too: HR-positive alone is not enough.
    ids = {n.id for n in library.sections["targeted"].often_discussed(hr_pos)}
    assert "cdk46-inhibitor" not in ids
    ids = {n.id for n in library.sections["targeted"].often_discussed(hr_pos | {"her2:negative"})}
    assert "cdk46-inhibitor" in ids


def test_register_notes_and_urgent_signs_reach_the_pages(library):
    targeted = library.sections["targeted"]
    assert any(n.id == "trastuzumab-deruxtecan" for n in targeted.tailored)
    assert targeted.urgent == library.urgent("targeted")
    every = library.urgent()
    for section in library.sections.values():
        assert set(section.urgent) <= set(every)
    # the general signs are on every page and in every document
    fever = next(u.text for u in library.register.urgent if u.id == "fever")
    assert all(fever in s.urgent for s in library.sections.values())
    assert fever in every
    # documents read the interface's list: the same signs
    assert library.interface.urgent_general == every


def test_unconfirmed_drugs_are_never_often_discussed(library):
    for t in library.register.treatments:
        if t.status == "not_confirmed":
            assert t.when is None
            assert not t.often
            for s in library.sections.values():
                assert t.id not in {n.id for n in s.tailored}


def test_only_sections_with_future_material_offer_the_future_choice(library):
    assert library.sections["general"].has_future
    assert not any(m.has_future for m in library.modalities)
