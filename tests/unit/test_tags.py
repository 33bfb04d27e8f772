from content.rules import FACTS
from workbook.model import BIOMARKER_IDS, Profile
from workbook.tags import profile_facts


def test_triple_negative_her2_low_is_her2_negative():
    facts = profile_facts(Profile(hormone_receptor="negative", her2="low"))
    assert {"hr:negative", "her2:low", "her2:negative"} <= facts
    assert "her2:positive" not in facts


def test_hr_positive_premenopausal_with_sites_and_markers():
    facts = profile_facts(
        Profile(
            hormone_receptor="positive",
            her2="zero",
            menopause="before",
            sites=["bone", "other"],
            biomarkers={"esr1": "yes", "brca": "no"},
        )
    )
    assert {
        "hr:positive",
        "her2:zero",
        "her2:negative",
        "menopause:before",
        "site:bone",
        "site:other",
        "esr1:yes",
        "esr1:known",
        "brca:no",
        "brca:known",
    } <= facts
    # Results not given count as unknown, so the test questions stay flagged.
    assert {"pik3ca_akt1_pten:unknown", "pdl1:unknown"} <= facts
    assert "esr1:unknown" not in facts


def test_not_tested_and_not_sure_are_unknown_but_kept_apart():
    facts = profile_facts(Profile(biomarkers={"esr1": "not_tested", "pdl1": "not_sure"}))
    assert {"esr1:not_tested", "esr1:unknown", "pdl1:not_sure", "pdl1:unknown"} <= facts


def test_not_sure_is_unknown():
    facts = profile_facts(Profile(hormone_receptor="not_sure", her2="not_sure", menopause="not_sure"))
    assert {"hr:unknown", "her2:unknown", "menopause:unknown", "menopause:not_sure"} <= facts


def test_every_fact_a_profile_can_produce_is_known_to_content():
    results = ("yes", "no", "not_tested", "not_sure")
    profiles = [
        Profile(
            hormone_receptor=hr,
            her2=h2,
            menopause=meno,
            sites=["bone", "lung", "liver", "brain", "lymph_nodes", "skin", "other"],
            biomarkers=dict.fromkeys(BIOMARKER_IDS, r),
        )
        for hr in ("positive", "negative", "not_sure", None)
        for h2 in ("positive", "low", "ultralow", "zero", "not_sure", None)
        for meno in ("before", "after", "not_sure", "does_not_apply", None)
        for r in results
    ]
    produced = set().union(*(profile_facts(p) for p in profiles))
    assert produced <= FACTS
    # and nearly every fact content may use can come from some profile
    assert FACTS - produced <= set()
