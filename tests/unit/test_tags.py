from content.library import TAGS
from workbook.model import BIOMARKER_IDS, Profile
from workbook.tags import profile_tags


def test_triple_negative_and_her2_negative():
    tags = profile_tags(Profile(hormone_receptor="negative", her2="low"))
    assert {"hr_negative", "her2_low", "her2_negative", "triple_negative"} <= tags


def test_hr_positive_premenopausal_with_sites_and_markers():
    tags = profile_tags(Profile(hormone_receptor="positive", her2="zero", menopause="before",
                                sites=["bone", "other"], biomarkers={"esr1": "yes", "brca": "no"}))
    assert tags == {"hr_positive", "her2_zero", "her2_negative", "premenopausal", "bone", "esr1"}


def test_not_sure_adds_nothing():
    assert profile_tags(Profile(hormone_receptor="not_sure", her2="not_sure")) == frozenset()


def test_every_tag_a_profile_can_produce_is_known_to_content():
    profiles = [Profile(hormone_receptor=hr, her2=h2, menopause="before",
                        sites=["bone", "lung", "liver", "brain", "lymph_nodes", "skin", "other"],
                        biomarkers={m: "yes" for m in BIOMARKER_IDS})
                for hr in ("positive", "negative") for h2 in ("positive", "low", "ultralow", "zero")]
    produced = set().union(*(profile_tags(p) for p in profiles))
    assert produced <= TAGS
