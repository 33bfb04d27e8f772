"""Behaviour issue 8 asks for, which was not built when the walk was written.

An action or check that depends on one of these only expects it when the
feature is on. All have landed on main and are on by default; turn one off for
a run with CHAOS_FEATURES=-name (or CHAOS_FEATURES=none to walk as on the old
code, which finds only lost data, error pages and unreadable workbooks).
"""

from __future__ import annotations

import os

# name -> (on by default?, what it promises)
FEATURES: dict[str, tuple[bool, str]] = {
    "autosave_typing": (True, "text is saved within ~2 s of the last keystroke, without leaving the box"),
    "own_draft": (True, "an own question typed but not added is kept as a draft when the person leaves"),
    "reopen_last": (True, "the bare address reopens the workbook this browser last used"),
    "refused_star_unticks": (True, "a refused fourth star unticks itself on screen"),
    "answers_survive": (
        True,
        "unticking an answered question asks first and keeps its answers for a re-tick",
    ),
    "salvage_import": (True, "an imported file with one damaged part opens with everything valid"),
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
