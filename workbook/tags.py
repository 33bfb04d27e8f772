"""What the profile says, as plain fact strings that content conditions use.

Facts only ever *highlight* what is often discussed; nothing is hidden because
of them. The vocabulary is content.rules.FACTS; this module imports nothing
from content (the core rule: workbook and content share only plain types).
"""

from __future__ import annotations

from workbook.model import BIOMARKER_IDS, Profile

_HER2_NEGATIVE = {"low", "ultralow", "zero"}
_KNOWN = {"yes", "no"}


def profile_facts(profile: Profile) -> frozenset[str]:
    facts: set[str] = {f"site:{s}" for s in profile.sites}
    hr = profile.hormone_receptor
    facts.add(f"hr:{hr}" if hr in ("positive", "negative") else "hr:unknown")
    her2 = profile.her2
    if her2 and her2 != "not_sure":
        facts.add(f"her2:{her2}")
        if her2 in _HER2_NEGATIVE:
            facts.add("her2:negative")
    else:
        facts.add("her2:unknown")
    meno = profile.menopause
    facts.add(f"menopause:{meno}" if meno else "menopause:unknown")
    if meno in (None, "not_sure"):
        facts.add("menopause:unknown")
    for marker in BIOMARKER_IDS:
        if marker == "other":
            continue
        result = profile.biomarkers.get(marker)
        if result:
            facts.add(f"{marker}:{result}")
        facts.add(f"{marker}:known" if result in _KNOWN else f"{marker}:unknown")
    return frozenset(facts)


# The name the pages used before conditions replaced single tags.
profile_tags = profile_facts
