"""Every persona through every page: the "Often discussed" box and the question
flags follow the persona table (content/personas.toml), and nothing is hidden."""

from __future__ import annotations

import tomllib

import pytest

from content.library import CONTENT_DIR
from tests.app.conftest import assert_clean, fresh, goto
from workbook import store
from workbook.model import Profile, Workbook

PERSONAS = tomllib.loads((CONTENT_DIR / "personas.toml").read_text(encoding="utf-8"))["personas"]
SECTIONS = ("hormone", "targeted", "radiation", "surgery", "chemotherapy", "general")


@pytest.mark.parametrize("persona", PERSONAS, ids=[p["id"] for p in PERSONAS])
def test_persona_on_every_page(persona, library):
    wb = Workbook(profile=Profile.model_validate(persona["profile"]))
    store.create(wb)
    at = fresh(wb.id)
    suffix = f" ({library.t('modality.matches')})"
    shown_notes: set[str] = set()
    marked: set[str] = set()
    for sid in SECTIONS:
        at = goto(at, f"views/{sid}.py")
        assert_clean(at)
        page = " ".join(m.value for m in at.markdown)
        labels = [c.label for c in at.checkbox]
        section = library.sections[sid]
        shown_notes |= {n.id for n in section.tailored if n.text in page}
        marked |= {q.id for q in section.questions if q.text + suffix in labels}
        # Nothing is hidden: every question open without the future opt-in is offered.
        offered = {label.removesuffix(suffix) for label in labels}
        expected = {q.text for _, qs in library.questions_by_topic(sid, include_future=False) for q in qs}
        assert expected <= offered, (sid, sorted(expected - offered)[:3])
        # The urgent box on each page comes from the register.
        assert all(line in page for line in library.urgent(sid)), sid
    for line in persona["must_see"]:
        assert line["note"] in shown_notes, line
    for line in persona["must_not_see"]:
        assert line["note"] not in shown_notes, line
    for line in persona["flagged"]:
        assert line["question"] in marked, line
    for line in persona["not_flagged"]:
        assert line["question"] not in marked, line
