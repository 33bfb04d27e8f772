import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from content.library import CONTENT_DIR, ContentError, load_library


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
    assert list(library.sections) == ["hormone", "targeted", "radiation", "surgery", "chemotherapy", "general"]
    assert library.question("hormone.goal").topic == "options"
    assert library.question("nope.nothing") is None


def test_library_is_immutable(library):
    with pytest.raises(ValidationError):
        library.sections["hormone"].title = "changed"
    with pytest.raises(TypeError):
        library.sections["new"] = None


@pytest.mark.parametrize("file, old, new, expected", [
    ("sections/hormone.toml", 'id = "hormone.goal"', 'id = "hormone.will-it-help"', "used twice"),
    ("sections/hormone.toml", 'id = "hormone.goal"', 'id = "radiation.goal"', "must start with"),
    ("sections/hormone.toml", 'topic = "options"', 'topic = "gossip"', "unknown topic"),
    ("sections/hormone.toml", 'tags = ["premenopausal"]', 'tags = ["left_handed"]', "unknown tags"),
    ("sections/hormone.toml", "reviewed = 2026-11-25", "reviewed = \"soon\"", "reviewed"),
    ("sections/hormone.toml", 'url = "https://www.cancer.gov/types/breast/breast-hormone-therapy-fact-sheet"',
     'url = "ftp://x"', "url"),
    ("sections/hormone.toml", 'terms = ["hormone receptor"', 'terms = ["made-up term"', "not in glossary"),
    ("sections/radiation.toml", 'id = "radiation"', 'id = "radiation"\nid = "twice"', "not valid TOML"),
    ("glossary.toml", "[[terms]]", "[[terms]]\nspelling = 1", "glossary.toml"),
    ("ui.toml", 'name = "Treatment talk workbook"', "name = 3", "text.app.name must be text"),
])
def test_broken_files_fail_loudly_naming_file_and_problem(content_copy, file, old, new, expected):
    _edit(content_copy / file, old, new)
    with pytest.raises(ContentError) as err:
        load_library(content_copy)
    assert expected in str(err.value)
    assert Path(file).name in str(err.value)


def test_missing_file_is_named(content_copy):
    (content_copy / "sections" / "surgery.toml").unlink()
    with pytest.raises(ContentError, match="surgery.toml: file is missing"):
        load_library(content_copy)


def test_unknown_text_key_is_named(library):
    with pytest.raises(ContentError, match="no text for 'welcome.nope'"):
        library.t("welcome.nope")


def test_future_questions_stay_out_unless_asked(library):
    closed = [q for _, qs in library.questions_by_topic("general", include_future=False) for q in qs]
    opened = [q for _, qs in library.questions_by_topic("general", include_future=True) for q in qs]
    assert not any(q.future for q in closed)
    assert any(q.future for q in opened) and len(opened) > len(closed)


def test_tailored_notes_follow_tags(library):
    hormone = library.sections["hormone"]
    assert hormone.tailored_notes(frozenset()) == []
    assert any("hormone receptor positive" in n for n in hormone.tailored_notes(frozenset({"hr_positive"})))


def test_only_sections_with_future_material_offer_the_future_choice(library):
    assert library.sections["general"].has_future
    assert not any(m.has_future for m in library.modalities)
