"""Every persona through the rules: what each must and must not see, with sources."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from content.library import CONTENT_DIR, load_library
from workbook.model import Profile
from workbook.tags import profile_facts

PERSONAS = tomllib.loads((CONTENT_DIR / "personas.toml").read_text(encoding="utf-8"))["personas"]
LIB = load_library()


def seen(facts: frozenset[str]) -> set[str]:
    return {n.id for s in LIB.sections.values() for n in s.often_discussed(facts)}


def flagged(facts: frozenset[str]) -> set[str]:
    return {q.id for s in LIB.sections.values() for q in s.questions if q.flagged(facts)}


def test_the_table_is_big_enough_and_covers_each_group():
    assert len(PERSONAS) >= 15
    profiles = [p["profile"] for p in PERSONAS]
    her2 = {p.get("her2") for p in profiles}
    assert {"positive", "low", "ultralow", "zero"} <= her2
    assert {("positive", "low"), ("negative", "low"), ("positive", "ultralow"), ("negative", "ultralow")} <= {
        (p.get("hormone_receptor"), p.get("her2")) for p in profiles
    }
    markers = {m for p in profiles for m in p.get("biomarkers", {})}
    assert {"esr1", "pik3ca_akt1_pten", "brca", "pdl1"} <= markers
    assert {"before", "after"} <= {p.get("menopause") for p in profiles}
    assert {"bone", "liver", "brain"} <= {s for p in profiles for s in p.get("sites", [])}


def test_every_line_names_a_known_note_or_question_and_a_source():
    notes = {n.id for s in LIB.sections.values() for n in s.tailored}
    for p in PERSONAS:
        for line in p["must_see"] + p["must_not_see"]:
            assert line["note"] in notes, (p["id"], line)
            assert line["source"] in LIB.register.sources, (p["id"], line)
        for line in p["flagged"] + p["not_flagged"]:
            assert LIB.question(line["question"]) is not None, (p["id"], line)
            assert line["source"] in LIB.register.sources, (p["id"], line)


@pytest.mark.parametrize("persona", PERSONAS, ids=[p["id"] for p in PERSONAS])
def test_persona_sees_what_it_must_and_not_what_it_must_not(persona):
    facts = profile_facts(Profile.model_validate(persona["profile"]))
    shown, marked = seen(facts), flagged(facts)
    for line in persona["must_see"]:
        assert line["note"] in shown, line
    for line in persona["must_not_see"]:
        assert line["note"] not in shown, line
    for line in persona["flagged"]:
        assert line["question"] in marked, line
    for line in persona["not_flagged"]:
        assert line["question"] not in marked, line


@pytest.mark.parametrize("persona", PERSONAS, ids=[p["id"] for p in PERSONAS])
def test_nothing_is_hidden_by_tailoring(persona):
    # Questions offered do not depend on the profile at all: only the opt-in matters.
    for sid in LIB.sections:
        offered = [q for _, qs in LIB.questions_by_topic(sid, include_future=True) for q in qs]
        assert len(offered) == len(LIB.sections[sid].questions)


def test_a_test_question_gives_way_to_its_follow_up_once_the_result_is_known():
    pairs = [
        ("hormone.esr1-test", "hormone.esr1-next", "esr1"),
        ("targeted.immunotherapy", "targeted.pdl1-next", "pdl1"),
        ("targeted.pik3ca-test", "targeted.blood-sugar", "pik3ca_akt1_pten"),
        ("targeted.germline", "targeted.brca-next", "brca"),
    ]
    for test_q, follow_q, marker in pairs:
        base = {"hormone_receptor": "negative" if marker == "pdl1" else "positive", "her2": "zero"}
        for result, expect_test, expect_follow in [
            (None, True, False),
            ("not_tested", True, False),
            ("not_sure", True, False),
            ("yes", False, True),
            ("no", False, False),
        ]:
            profile = dict(base, biomarkers={marker: result} if result else {})
            marked = flagged(profile_facts(Profile.model_validate(profile)))
            assert (test_q in marked) is expect_test, (marker, result, test_q)
            assert (follow_q in marked) is expect_follow, (marker, result, follow_q)


def test_personas_file_is_content_and_not_loaded_by_the_app():
    assert Path(CONTENT_DIR / "personas.toml").is_file()
