"""Content standards: complete, sourced, dated, defined, neutral, and plain."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import textstat

from content.library import Library, load_library

MAX_GRADE = 8.0


def _latest_today() -> date:
    """Today where the calendar is furthest ahead (UTC+14): a review dated today
    by an editor anywhere on Earth is never "in the future"."""
    return datetime.now(timezone(timedelta(hours=14))).date()


MIN_WORDS = 100

# Word endings that mark a drug name; every such word must be in the register.
DRUG_SHAPE = re.compile(
    r"\b[a-z]+(?:mab|nib|ciclib|lisib|sertib|parib|strant|zole|taxel|abine|rubicin|platin|olimus|"
    r"oxifen|mestane|ecan|tansine|bulin|relbine|gestrant|degrant|tinib|lumab|zumab|ximab|"
    r"dronic acid|tecan|mycin|fosfamide|trexate|ouracil)\b",
    re.I,
)

# A number in text (not part of a name such as HER2, CDK4/6 or "stage 4").
NUMBER = re.compile(r"(?<![\w/.-])(?<!stage )(?<!Stage )\d+(?:[.,]\d+)?(?![\w/-])")


def section_texts(section) -> list[str]:
    texts = [section.summary]
    for block in section.blocks:
        texts += [block.body, block.detail]
    return [t for t in texts if t]


def all_texts(library: Library) -> Iterable[tuple[str, str]]:
    for s in library.sections.values():
        for t in section_texts(s) + list(s.urgent) + [n.text for n in s.tailored]:
            yield s.id, t
        for q in s.questions:
            yield s.id, q.text
            yield s.id, q.why
    for term in library.glossary.terms:
        yield "glossary", term.plain
    for t in library.register.treatments:
        for text in (t.often, t.given, t.used_for, *t.side_effects):
            if text:
                yield "treatments", text
    for u in library.register.urgent:
        yield "treatments", u.text
    iface = library.interface
    yield "ui", iface.disclaimer
    for key in iface_keys(library):
        yield "ui", library.t(key)


def iface_keys(library: Library) -> list[str]:
    return list(library._text)  # the flattened interface text


# --- completeness ----------------------------------------------------------


def test_question_counts(library):
    for m in library.modalities:
        assert len(m.questions) >= 15, m.id
    assert len(library.sections["general"].questions) >= 40


def test_all_twelve_topics_are_covered(library):
    used = {q.topic for s in library.sections.values() for q in s.questions}
    assert used == {t.id for t in library.topics.topics}
    assert len(used) == 12


def test_question_ids_are_unique(library):
    ids = [q.id for s in library.sections.values() for q in s.questions]
    assert len(ids) == len(set(ids))


def test_every_file_is_sourced_and_dated(library):
    for name, item in library.all_files():
        assert item.sources, name
        assert item.reviewed <= _latest_today(), name
        assert item.reviewed.year >= 2026, f"{name}: review is out of date"


def test_every_page_has_urgent_symptoms_and_the_future_is_opt_in(library):
    for s in library.sections.values():
        assert len(s.urgent) >= 3, s.id
    general = library.sections["general"]
    assert {q.topic for q in general.questions if q.future} == {"future", "planning"}
    assert all(q.future for q in general.questions if q.topic in ("future", "planning"))
    assert any(b.future for b in general.blocks)


# --- terms -----------------------------------------------------------------


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.I) is not None


def test_every_drug_name_used_is_in_the_register(library):
    words = {w for name in library.drug_names for w in name.split()} | library.drug_names
    for where, text in all_texts(library):
        for word in DRUG_SHAPE.findall(text):
            assert word.lower() in words, f"{where}: '{word}' is not in treatments.toml"


def test_the_drug_name_test_can_fail(library):
    assert DRUG_SHAPE.findall("ask about wonderciclib")
    assert "wonderciclib" not in library.drug_names


def test_every_glossary_drug_is_in_the_register(library):
    for term in library.glossary.terms:
        if term.drug:
            assert any(n.lower() in library.drug_names for n in term.names), term.term


def test_every_named_drug_on_a_page_is_approved_or_reported(library):
    """A drug not confirmed by the FDA is never named on a page."""
    unconfirmed = [t for t in library.register.treatments if t.status == "not_confirmed"]
    for where, text in all_texts(library):
        if where == "treatments":
            continue
        for t in unconfirmed:
            for name in t.names:
                assert not _mentions(text, name), f"{where}: unconfirmed '{name}' named"


# --- numbers -------------------------------------------------------------------


def test_every_number_has_a_source_that_exists(library):
    known = set(library.register.sources)
    for s in library.sections.values():
        texts = (
            section_texts(s)
            + [q.text + " " + q.why for q in s.questions]
            + [n.text for n in s.tailored if n.id.startswith(s.id + ".")]
        )
        for text in texts:
            for number in NUMBER.findall(text):
                assert number in s.numbers, f"{s.id}.toml: '{number}' has no source in [numbers]: {text[:60]}"
        ids = known | {src.id for src in s.sources if src.id}
        assert set(s.numbers.values()) <= ids, s.id
    for u in library.register.urgent:
        for number in NUMBER.findall(u.text):
            assert u.numbers.get(number) in known, f"urgent {u.id}: '{number}'"
    for t in library.register.treatments:
        for text in (t.often, t.given, t.used_for, *t.side_effects):
            assert not NUMBER.findall(text), f"{t.id}: numbers need a source: {text}"
    for term in library.glossary.terms:
        assert not NUMBER.findall(term.plain), term.term


def test_the_number_test_can_fail():
    assert NUMBER.findall("About 155,000 women, 23 in 100") == ["155,000", "23", "100"]
    assert NUMBER.findall("HER2, CDK4/6, BRCA1, T-DM1, stage 4") == []


def test_no_population_statistics(library):
    """Prevalence and recurrence figures do not help a decision now (issue 9)."""
    for where, text in all_texts(library):
        assert not re.search(r"\b\d+ (in|out of) \d+\b|\d+ ?%|living with", text), f"{where}: {text[:80]}"


def test_no_over_reassurance(library):
    for where, text in all_texts(library):
        assert not re.search(
            r"nearly always|always be eased|nothing to worry|rare but serious", text, re.I
        ), where


def test_explainers_say_treatment_can_help_many_live_longer(library):
    for sid in ("hormone", "targeted", "chemotherapy", "general"):
        text = " ".join(section_texts(library.sections[sid]))
        assert "help many people live longer and feel better" in text, sid


def test_every_glossary_term_a_page_uses_is_listed_for_that_page(library):
    for s in library.sections.values():
        text = " ".join(section_texts(s) + list(s.urgent) + [q.text for q in s.questions])
        listed = {t.lower() for t in s.terms}
        for term in library.glossary.terms:
            if any(_mentions(text, n) for n in term.names):
                assert term.term.lower() in listed, (
                    f"{s.id}.toml uses '{term.term}' but does not list it in terms"
                )


def test_listed_terms_are_used_on_their_page(library):
    by_name = {t.term.lower(): t for t in library.glossary.terms}
    for s in library.sections.values():
        text = " ".join(
            section_texts(s)
            + list(s.urgent)
            + [q.text + " " + q.why for q in s.questions]
            + [n.text for n in s.tailored]
        )
        for listed in s.terms:
            assert any(_mentions(text, n) for n in by_name[listed.lower()].names), f"{s.id}: {listed}"


# --- neutral and honest ----------------------------------------------------

FORBIDDEN = [
    r"\bwe recommend\b",
    r"\byou should (take|have|choose)\b",
    r"\bbest (treatment|option) for you\b",
    r"\bguarantee",
    r"\bmiracle\b",
    r"\bwill cure\b",
    r"\bmonths to live\b",
    r"\bsurvival rate",
    r"\b\d+\s*%\s*(survival|of people live)",
    r"\blife expectancy\b",
]


def test_no_recommendations_promises_or_survival_numbers(library):
    for where, text in all_texts(library):
        for pattern in FORBIDDEN:
            assert not re.search(pattern, text, re.I), f"{where}: '{pattern}' in: {text[:80]}"


def test_tailored_notes_describe_never_prescribe(library):
    for s in library.sections.values():
        for note in s.tailored:
            assert re.search(r"often discussed|sometimes discussed|mainly for", note.text), note.text
            assert not re.search(r"\bfor you\b", note.text)


def test_stage_four_is_described_honestly(library):
    summary = library.sections["general"].summary
    assert "not cured" in summary
    assert "live for years" in summary


# --- reading level -----------------------------------------------------------


def _without_drug_names(text: str, library: Library) -> str:
    names = sorted((n for t in library.glossary.terms if t.drug for n in t.names), key=len, reverse=True)
    for name in names:
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", "drug", text, flags=re.I)
    return text


def blocks_of_100_words(texts: list[str]) -> list[str]:
    """Join neighbouring texts until each block has at least MIN_WORDS words."""
    blocks: list[str] = []
    current: list[str] = []
    for text in texts:
        text = text.strip()
        # A label or list item stands alone: score it as its own sentence.
        current.append(text if text[-1:] in ".?!:" else text + ".")
        if len(" ".join(current).split()) >= MIN_WORDS:
            blocks.append(" ".join(current))
            current = []
    if current:
        if blocks:
            blocks[-1] += " " + " ".join(current)
        else:
            blocks.append(" ".join(current))
    return blocks


def reading_units(library: Library) -> list[tuple[str, str]]:
    units: list[tuple[str, str]] = []
    for s in library.sections.values():
        units += [(f"{s.id} explainer", b) for b in blocks_of_100_words(section_texts(s))]
        notes = list(s.urgent) + [n.text for n in s.tailored]
        units += [(f"{s.id} symptoms and notes", b) for b in blocks_of_100_words(notes)]
        questions = [f"{q.text} {q.why}" for q in s.questions]
        units += [(f"{s.id} questions", b) for b in blocks_of_100_words(questions)]
    units += [("glossary", b) for b in blocks_of_100_words([t.plain for t in library.glossary.terms])]
    ui = [library.interface.disclaimer] + [library.t(k) for k in iface_keys(library)]
    ui += [c.hint for c in library.interface.readiness] + list(library.interface.urgent_general)
    units += [("interface", b) for b in blocks_of_100_words(ui)]
    return units


UNITS = reading_units(load_library())


def test_reading_units_cover_every_section(library):
    names = {name.split()[0] for name, _ in UNITS}
    assert set(library.sections) | {"glossary", "interface"} <= names


@pytest.mark.parametrize("name, text", UNITS, ids=[f"{n} {i}" for i, (n, _) in enumerate(UNITS)])
def test_reading_grade_at_most_8(library, name, text):
    grade = textstat.flesch_kincaid_grade(_without_drug_names(text, library))
    assert grade <= MAX_GRADE, f"{name}: grade {grade:.1f} > {MAX_GRADE}: {text[:120]}…"


# --- coverage of published question lists (docs/content-review.md) ---------------

REVIEW = Path(__file__).resolve().parents[2] / "docs" / "content-review.md"


def coverage_rows(prefix: str) -> list[tuple[str, str]]:
    rows = re.findall(
        rf"^\| ({prefix}-\d+) \| [^|]+ \| ([^|]+) \|$", REVIEW.read_text(encoding="utf-8"), re.M
    )
    return [(item, cover.strip()) for item, cover in rows]


def test_coverage_table_names_real_questions(library):
    for prefix, total, target in (("AHRQ", 10, 9), ("NCCN", 39, 34)):
        rows = coverage_rows(prefix)
        assert len(rows) == total, prefix
        full = 0
        for item, cover in rows:
            qid = cover.removeprefix("partly: ").split()[0]
            assert library.question(qid) is not None, (item, qid)
            full += not cover.startswith("partly")
        assert full >= target, (prefix, full)
