"""What the store must hold, for the fields the walk touched.

Each field of each workbook has a set of allowed values. An edit the app
acknowledged (its "Saved at" indicator showed, no refusal or error) narrows the
set to the new value; an edit that was not acknowledged may or may not have
landed, so it widens the set. Edits are functions old -> new so that a side
effect (ticking a question marks a page "in progress") composes with doubt.

`observe` reads a field from a stored workbook: the one place that knows the
workbook's shape.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, cast

from workbook.model import Section, SectionId, Workbook

Key = tuple[Hashable, ...]
Change = Callable[[Any], Any]


def _section(wb: Workbook, key: Key) -> Section:
    return wb.sections[cast(SectionId, key[1])]


def observe(wb: Workbook, key: Key) -> Any:
    kind = key[0]
    if kind == "notes":
        return _section(wb, key).notes
    if kind == "status":
        return _section(wb, key).status
    if kind == "chosen":  # a library question ticked on its page
        return any(q.id == key[2] for q in _section(wb, key).questions)
    if kind == "own":  # an own question with this text on this page
        return any(q.own and q.text == key[2] for q in _section(wb, key).questions)
    if kind == "star":  # a chosen question with this text is starred
        return any(q.starred and q.text == key[1] for s in wb.sections.values() for q in s.questions)
    if kind == "answers":  # answers kept with a question, ticked or set aside
        section = _section(wb, key)
        for q in (*section.questions, *getattr(section, "set_aside", ())):
            if q.id == key[2]:
                return tuple(sorted(a.text for a in q.answers if a.text.strip()))
        return ()
    if kind == "words":
        return wb.values.in_my_words
    if kind == "diary_note":  # some check-in holds this note
        return any(c.notes == key[1] for c in wb.checkins)
    if kind in ("team", "medicines", "visits"):  # ("team", person id, field): None once gone
        items = {"team": wb.care_team, "medicines": wb.medicines, "visits": wb.appointments}[kind]
        item = next((i for i in items if i.id == key[1]), None)
        return None if item is None else getattr(item, str(key[2]))
    if kind == "draft":  # features.own_draft: where the core keeps it
        return (getattr(wb, "drafts", None) or {}).get(key[1], "")
    raise KeyError(key)


def starred_count(wb: Workbook) -> int:
    return sum(q.starred for s in wb.sections.values() for q in s.questions)


def mark_started(old: str) -> str:
    return "in_progress" if old == "not_started" else old


@dataclass
class Edit:
    key: Key
    change: Change
    what: str  # for the step log
    # A side effect the app derives from the tab's own view ("marked started" when the
    # tab saw the page not started): a tab with a stale view may rightly leave the field
    # as another tab set it, so it widens the allowed values instead of narrowing them.
    soft: bool = False


def set_to(value: Any) -> Change:
    return lambda _old: value


@dataclass
class Expected:
    """Allowed values per (workbook id, field)."""

    allowed: dict[str, dict[Key, set]] = field(default_factory=dict)
    # Workbooks that must exist because an edit to them was acknowledged.
    must_exist: set[str] = field(default_factory=set)
    # Every value a field was ever allowed to hold: a tab with a stale view may
    # hold any of them in memory.
    seen: dict[str, dict[Key, set]] = field(default_factory=dict)

    def apply(self, wb_id: str, edits: list[Edit], acknowledged: bool, before: Workbook | None) -> None:
        fields = self.allowed.setdefault(wb_id, {})
        for edit in edits:
            if edit.key in fields:
                olds = fields[edit.key]
            else:
                olds = {observe(before if before is not None else Workbook(), edit.key)}
            news = {edit.change(o) for o in olds}
            fields[edit.key] = news if acknowledged and not edit.soft else olds | news
            self.seen.setdefault(wb_id, {}).setdefault(edit.key, set()).update(olds | news)
        if acknowledged and edits:
            self.must_exist.add(wb_id)

    def in_memory(self, wb_id: str, edit: Edit) -> set:
        """What a tab may hold in memory after making `edit` without a save: the
        change applied to any value it may have seen (its view may be stale)."""
        olds = self.seen.get(wb_id, {}).get(edit.key, set()) | {observe(Workbook(), edit.key)}
        return {edit.change(o) for o in olds}

    def widen(self, wb_id: str, pending: dict[Key, set]) -> None:
        """A tab kept its own version of fields it changed without a save: the
        person chose, so its values are allowed too (and only for those fields)."""
        fields = self.allowed.setdefault(wb_id, {})
        for key, values in pending.items():
            if key in fields:
                fields[key] |= values

    def value(self, wb_id: str, key: Key, stored: Workbook | None) -> set:
        """What the walk believes a field holds now (for choosing the next move)."""
        known = self.allowed.get(wb_id, {}).get(key)
        if known is not None:
            return known
        return {observe(stored if stored is not None else Workbook(), key)}

    def mismatches(self, wb_id: str, stored: Workbook) -> list[str]:
        out = []
        for key, allowed in self.allowed.get(wb_id, {}).items():
            got = observe(stored, key)
            if got not in allowed:
                out.append(f"{key}: stored {_short(got)}, expected one of {[_short(a) for a in allowed]}")
        return out


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
