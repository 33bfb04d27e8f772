"""content/diary.toml: loaded, checked against the register, plain words, the urgent rule as data."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from content.library import CONTENT_DIR, ContentError, Diary, Library, load_library


def test_every_symptom_of_issue_11_is_there_with_words_at_every_step(library):
    d = library.diary
    ids = [s.id for s in d.symptoms]
    for wanted in (
        "tiredness",
        "pain",
        "nausea",
        "vomiting",
        "diarrhea",
        "constipation",
        "appetite",
        "breath",
        "cough",
        "hot-flashes",
        "joint-pain",
        "numbness",
        "mouth-sores",
        "worry",
        "sleep",
        "other",
    ):
        assert wanted in ids
    assert [lv.label for lv in d.scale] == ["None", "Mild", "Moderate", "Severe", "Very severe"]
    assert len({lv.label for lv in d.interference}) == 5
    assert d.urgent.at == 3
    assert "{phone}" in d.urgent.phone


def test_watch_with_names_register_entries_and_diarrhea_comes_first_on_abemaciclib(library):
    first, rest = library.symptoms_for(["abemaciclib"])
    assert "diarrhea" in [s.id for s in first]
    assert {s.id for s in (*first, *rest)} == {s.id for s in library.diary.symptoms}  # nothing hidden
    # A class reaches its drugs: letrozole is an aromatase inhibitor, which watches joints.
    assert "joint-pain" in [s.id for s in library.symptoms_for(["letrozole"])[0]]
    for symptom in library.diary.symptoms:
        if symptom.watch_with:
            assert library.link_sources(symptom), symptom.id  # every link rests on register sources


def test_the_urgent_signs_for_everyone_come_first(library):
    signs = library.urgent_signs(["abemaciclib"])
    assert len(signs) == len(library.register.urgent)
    assert signs[0].id == "fever"
    assert [s.id for s in signs].index("diarrhea") < [s.id for s in signs].index("eyes")


def test_an_unknown_watch_with_drug_fails_loudly(tmp_path: Path):
    raw = tomllib.loads((CONTENT_DIR / "diary.toml").read_text(encoding="utf-8"))
    raw["symptoms"][0]["watch_with"] = ["no-such-drug"]
    good = load_library()
    with pytest.raises(ContentError, match="no-such-drug"):
        Library(
            good.sections.values(),
            good.topics,
            good.glossary,
            good.interface,
            good.register,
            Diary.model_validate(raw),
        )


def test_scale_words_must_be_five_in_order():
    raw = tomllib.loads((CONTENT_DIR / "diary.toml").read_text(encoding="utf-8"))
    raw["scale"] = list(reversed(raw["scale"]))
    with pytest.raises(ValueError, match="in order"):
        Diary.model_validate(raw)


def test_diary_words_read_at_grade_8_or_below(library):
    import textstat

    d = library.diary
    words = [
        d.recall,
        d.urgent.text,
        d.urgent.no_phone,
        d.urgent.emergency,
        *(f"{s.label}. {s.hint}" for s in d.symptoms),
    ]
    assert textstat.flesch_kincaid_grade(" ".join(words)) <= 8
