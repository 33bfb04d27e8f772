"""What the profile says, as tags that content uses to mark what is often discussed.

Tags only ever *highlight*; nothing is hidden because of them.
"""

from __future__ import annotations

from workbook.model import Profile

_HER2_NEGATIVE = {"low", "ultralow", "zero"}


def profile_tags(profile: Profile) -> frozenset[str]:
    tags: set[str] = set(profile.sites) - {"other"}
    if profile.hormone_receptor in ("positive", "negative"):
        tags.add(f"hr_{profile.hormone_receptor}")
    if profile.her2 and profile.her2 != "not_sure":
        tags.add(f"her2_{profile.her2}")
        if profile.her2 in _HER2_NEGATIVE:
            tags.add("her2_negative")
            if profile.hormone_receptor == "negative":
                tags.add("triple_negative")
    if profile.menopause == "before":
        tags.add("premenopausal")
    tags.update(m for m, result in profile.biomarkers.items() if result == "yes" and m != "other")
    return frozenset(tags)
