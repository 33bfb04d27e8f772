"""The treatment register: one place for every drug, its approval and its signs.

Also pins each fix of issue 9 so the error cannot come back unnoticed.
"""

from __future__ import annotations

import re

from tests.unit.test_content import _mentions, section_texts

FDA_HOSTS = ("https://www.fda.gov/", "https://www.accessdata.fda.gov/", "https://api.fda.gov/")


def page_text(section) -> str:
    return " ".join(
        section_texts(section)
        + list(section.urgent)
        + [q.text + " " + q.why for q in section.questions]
        + [n.text for n in section.tailored]
    )


def test_an_approval_date_rests_on_an_fda_record_checked_on_a_date(library):
    for t in library.register.treatments:
        if t.approved:
            src = library.register.sources[t.approval_source]
            assert src.url.startswith(FDA_HOSTS), t.id
            assert t.checked, t.id
            assert src.checked, t.id


def test_reported_approvals_name_their_report_and_are_not_called_approved_on_pages(library):
    for t in library.register.treatments:
        if t.status == "reported":
            assert "reported" in t.approval, t.id
            assert "no FDA notice" in t.approval, t.id
    for s in library.sections.values():
        assert not re.search(r"\bapproved\b", page_text(s), re.I), s.id


def test_unconfirmed_drugs_are_marked_so(library):
    for tid in ("gedatolisib", "camizestrant"):
        t = library.treatment(tid)
        assert t is not None
        assert t.status == "not_confirmed"
        assert t.approved is None


def test_each_drug_a_page_names_lists_that_page(library):
    # The urgent box is built from the register and may name drugs of other
    # pages (one sign covers several drugs), so only the page's own words count.
    for s in library.sections.values():
        text = " ".join(
            section_texts(s) + [q.text + " " + q.why for q in s.questions] + [n.text for n in s.tailored]
        )
        for t in library.register.treatments:
            if t.kind == "drug" and any(_mentions(text, n) for n in t.names):
                assert s.id in t.sections, f"{t.id} is named on {s.id} but does not list it"


def test_every_register_note_describes_and_never_prescribes(library):
    for t in library.register.treatments:
        if t.often:
            assert "often discussed" in t.often, t.id
            assert not re.search(r"\bfor you\b", t.often), t.id


def test_every_drug_entry_has_given_used_for_and_side_effects(library):
    for t in library.register.treatments:
        assert t.given, t.id
        assert t.used_for, t.id
        if t.status != "not_confirmed":
            assert t.side_effects, t.id


# --- issue 9, each finding pinned ---------------------------------------------


def text_of(library, sid: str) -> str:
    return page_text(library.sections[sid])


def test_lung_inflammation_on_trastuzumab_deruxtecan_is_not_called_rare(library):
    text = text_of(library, "targeted")
    assert "rare but serious" not in text
    assert "not rare" in text


def test_inavolisib_is_named_with_high_blood_sugar(library):
    assert re.search(
        r"inavolisib can raise blood sugar", " ".join(section_texts(library.sections["targeted"]))
    )
    assert "inavolisib" in next(u.text for u in library.register.urgent if u.id == "blood-sugar")


def test_her2_low_names_the_one_drug(library):
    term = next(t for t in library.glossary.terms if t.term == "HER2-low")
    assert "trastuzumab deruxtecan" in term.plain
    assert "Some HER2 drugs" not in term.plain


def test_parp_inhibitors_carry_the_her2_negative_limit(library):
    assert "HER2-negative cancer in people born with a BRCA1 or BRCA2 change" in text_of(library, "targeted")
    assert library.treatment("parp-inhibitor").when.facts_used() >= {"her2:negative", "brca:yes"}


def test_cycles_and_garbled_sentence_fixed(library):
    assert "one to three weeks" not in text_of(library, "chemotherapy")
    assert "options depend on PD-L1, BRCA and Trop-2 drugs" not in text_of(library, "targeted")


def test_new_approvals_are_known_to_the_pages(library):
    assert "vepdegestrant" in text_of(library, "hormone")
    targeted = text_of(library, "targeted")
    assert "trastuzumab deruxtecan with pertuzumab may now be a first treatment" in targeted
    assert "datopotamab deruxtecan can now be a first treatment" in targeted
    # Reported only in news (no FDA page read): said so, and sent to the care team.
    assert "Recent news says sacituzumab govitecan may" in targeted
    assert "sacituzumab govitecan" in text_of(library, "chemotherapy")


def test_missing_urgent_signs_are_present(library):
    every = " ".join(library.urgent()).lower()
    for words in (
        "very thirsty",
        "put weight on",
        "yellow skin",
        "eye pain",
        "fainting",
        "swollen ankles",
        "pembrolizumab",
        "sick with a headache",
        "during any cancer treatment",
    ):
        assert words in every, words


def test_superseded_sources_are_gone(library):
    urls = {s.url for sec in library.sections.values() for s in sec.sources}
    assert "https://doi.org/10.1200/JCO.2016.70.1474" not in urls  # ASCO palliative 2017
    assert "https://doi.org/10.1200/JCO.24.00542" in urls  # ASCO palliative 2024
    assert "https://doi.org/10.1158/1055-9965.EPI-16-0889" not in urls  # 155,000 figure


# --- the urgent box (review of 2 December 2026) ---------------------------------


def _sign(library, sid: str) -> str:
    return next(u.text for u in library.register.urgent if u.id == sid)


def test_a_page_shows_every_sign_its_drugs_link_to(library):
    """A drug on a page brings its warnings: no datopotamab on the chemo page without eye signs."""
    for s in library.sections.values():
        for t in library.register.treatments:
            if s.id in t.sections:
                for sid in t.urgent:
                    assert _sign(library, sid) in s.urgent, f"{s.id} misses {sid} ({t.id})"


def test_general_signs_come_first_and_the_rest_name_who_they_are_for(library):
    general = [u.text for u in library.register.urgent if "all" in u.sections]
    specific = [u for u in library.register.urgent if "all" not in u.sections]
    for s in library.sections.values():
        assert list(s.urgent[: len(general)]) == general, s.id
    assert list(library.interface.urgent_general[: len(general)]) == general
    for u in specific:  # a tired reader can skip a sign that is not about their treatment
        assert re.match(r"(On|During|After) [^:]{3,80}: ", u.text), u.id


def test_documents_still_carry_every_sign(library):
    assert len(library.interface.urgent_general) == len(library.register.urgent)
    assert len(set(library.interface.urgent_general)) == len(library.register.urgent)


def test_a_page_shows_fewer_signs_than_the_documents(library):
    for s in library.sections.values():
        assert len(s.urgent) < len(library.register.urgent), s.id
