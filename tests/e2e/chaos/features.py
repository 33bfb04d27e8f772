"""Behaviour issue 8 asks for that may not be built yet.

An action or check that depends on one of these only expects it when the
feature is on. Switch one on here when it lands, or for a run with
CHAOS_FEATURES=name,name (or CHAOS_FEATURES=all / none).
"""

from __future__ import annotations

import os

# name -> (on by default?, what it promises)
FEATURES: dict[str, tuple[bool, str]] = {
    "autosave_typing": (False, "text is saved within ~2 s of the last keystroke, without leaving the box"),
    "own_draft": (False, "an own question typed but not added is kept as a draft when the person leaves"),
    "reopen_last": (False, "the bare address reopens the workbook this browser last used"),
    "refused_star_unticks": (False, "a refused fourth star unticks itself on screen"),
    "salvage_import": (False, "an imported file with one damaged part opens with everything valid"),
}


def enabled() -> frozenset[str]:
    wanted = os.environ.get("CHAOS_FEATURES", "").strip()
    if wanted == "all":
        return frozenset(FEATURES)
    if wanted == "none":
        return frozenset()
    on = {name for name, (default, _) in FEATURES.items() if default}
    for name in filter(None, (w.strip() for w in wanted.split(","))):
        if name.startswith("-"):
            on.discard(name[1:])
        elif name in FEATURES:
            on.add(name)
        else:
            raise ValueError(f"unknown chaos feature {name!r}; known: {sorted(FEATURES)}")
    return frozenset(on)
