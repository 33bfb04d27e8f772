"""Three-way merge of two tabs' versions of one workbook, field by field.

Each workbook is flattened to {key: value}, one key per field a person can
change (a profile field, a page's notes, one question's star, one answer for
one visit, ...); questions and appointments are matched by id. A key changed
on one side only takes that side; a key changed on both sides to different
values is a Conflict. A question or appointment deleted on one side and
changed on the other is a conflict too, never a silent loss. Check-ins,
medicines and care-team people are matched by id the same way (RECORDS). The
merged workbook holds "mine" for every conflict until `resolve` applies choices.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from workbook.edits import normalize_order
from workbook.model import SECTION_IDS, Answer, Appointment, CheckIn, Medicine, Question, TeamMember, Workbook
from workbook.parts import DEFAULT_TITLES, part_name

Key = tuple[Any, ...]
Flat = dict[Key, Any]
Side = Literal["mine", "theirs"]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
_QUESTION_FIELDS = ("text", "own", "starred")
# Lists of records matched by id: key head -> (the workbook's list, the model).
RECORDS: dict[str, tuple[str, type[BaseModel]]] = {
    "appointment": ("appointments", Appointment),
    "checkin": ("checkins", CheckIn),
    "medicine": ("medicines", Medicine),
    "member": ("care_team", TeamMember),
}


@dataclass(frozen=True)
class Conflict:
    path: str  # stable id of the field, for choices
    label: str  # plain words: "Hormone therapy: your notes"
    mine: Any  # what this tab has (None: deleted or empty)
    theirs: Any  # what the other tab saved


@dataclass
class Merge:
    workbook: Workbook
    conflicts: list[Conflict]
    # What resolve() needs: the merged fields, both sides' fields, positions.
    _flat: Flat = field(default_factory=dict, repr=False)
    _mine: Flat = field(default_factory=dict, repr=False)
    _theirs: Flat = field(default_factory=dict, repr=False)
    _sides: dict[str, Key] = field(default_factory=dict, repr=False)
    _hints: tuple[list[str], list[tuple[str, str]]] = field(default=([], []), repr=False)


# --- flatten ---------------------------------------------------------------


def _answer_keys(q: Question) -> Iterable[tuple[str, Answer]]:
    seen: dict[str, int] = {}
    for a in q.answers:
        visit = a.appointment_id or ""
        seen[visit] = seen.get(visit, 0) + 1
        yield f"{visit}#{seen[visit]}", a


def _flat_question(out: Flat, where: str, sid: str, q: Question) -> None:
    out[("question", q.id)] = (where, sid)
    for name in _QUESTION_FIELDS:
        out[("question", q.id, name)] = getattr(q, name)
    for akey, a in _answer_keys(q):
        out[("question", q.id, "answer", akey)] = a.model_dump(mode="json")


def flatten(wb: Workbook) -> Flat:
    """One key per field a person can change."""
    out: Flat = {}
    for name, value in wb.profile.model_dump(mode="json").items():
        if name == "biomarkers":
            out.update({("profile", name, k): v for k, v in value.items()})
        else:
            out[("profile", name)] = value
    for name, value in wb.values.model_dump(mode="json").items():
        if isinstance(value, dict):
            out.update({("values", name, k): v for k, v in value.items()})
        else:
            out[("values", name)] = value
    out.update({("sharing", k): v for k, v in wb.sharing.items()})
    out.update({("drafts", k): v for k, v in wb.drafts.items()})
    out[("future_opt_in",)] = wb.future_opt_in
    out[("next_appointment_id",)] = wb.next_appointment_id
    for sid, section in wb.sections.items():
        out[("sections", sid, "status")] = section.status
        out[("sections", sid, "notes")] = section.notes
        for where in ("questions", "set_aside"):
            for q in getattr(section, where):
                _flat_question(out, where, sid, q)
    for head, (attr, _) in RECORDS.items():
        for item in getattr(wb, attr):
            for name, value in item.model_dump(mode="json").items():
                if isinstance(value, dict):  # a check-in's ratings: one key per symptom
                    out.update({(head, item.id, name, k): v for k, v in value.items()})
                else:
                    out[(head, item.id, name)] = value
            out[(head, item.id)] = True
    return out


# --- merge -----------------------------------------------------------------


def _untimed(value: Any) -> Any:
    """An answer without its time stamp: the same words typed in both tabs are one change."""
    if isinstance(value, dict) and "recorded_at" in value:
        return {k: v for k, v in value.items() if k != "recorded_at"}
    return value


def _pick(b: Any, m: Any, t: Any) -> tuple[Any, bool]:
    """The merged value and whether it is a conflict."""
    if m == t or t == b:
        return m, False
    if m == b:
        return t, False
    return m, _untimed(m) != _untimed(t)


def _entity_of(key: Key) -> Key | None:
    return key[:2] if key[0] == "question" or key[0] in RECORDS else None


def _part(flat: Flat, entity: Key) -> Flat:
    return {k: v for k, v in flat.items() if k[:2] == entity}


def _value_label(key: Key, value: Any, flat: Flat) -> Any:
    """What a person sees for one side of a conflict."""
    if value is MISSING:
        return None
    if len(key) == 2 and key[0] == "question":
        return flat.get((*key, "text"))
    if len(key) == 2 and key[0] == "appointment":
        return flat.get((*key, "date")) or flat.get((*key, "clinician")) or ""
    if len(key) == 2 and key[0] == "checkin":
        return flat.get((*key, "day")) or ""
    if len(key) == 2 and key[0] in RECORDS:
        return flat.get((*key, "name")) or ""
    if key[0] == "question" and len(key) == 4:
        return value.get("text")
    return value


def _label(key: Key, where: Flat, titles: Mapping[str, str]) -> str:
    if key[0] == "question":
        _, sid = where.get(key[:2], ("questions", "general"))
        loc: tuple[Any, ...] = ("sections", sid, "questions", 0)
        if len(key) == 3:
            loc += (key[2],)
        elif len(key) == 4:
            loc += ("answers", 0, "text")
        return part_name(loc, titles)
    if key[0] in RECORDS:
        return part_name((RECORDS[key[0]][0], 0, *key[2:3]), titles)
    return part_name(key, titles)


class _Merger:
    """One merge: the three flat views, the result so far and the conflicts found."""

    def __init__(self, fb: Flat, fm: Flat, ft: Flat, titles: Mapping[str, str]) -> None:
        self.fb, self.fm, self.ft, self.titles = fb, fm, ft, titles
        self.flat: Flat = {}
        self.conflicts: list[Conflict] = []
        self.sides: dict[str, Key] = {}

    def conflict(self, key: Key) -> None:
        path = " / ".join(map(str, key))
        m, t = self.fm.get(key, MISSING), self.ft.get(key, MISSING)
        self.sides[path] = key
        label = _label(key, {**self.fb, **self.ft, **self.fm}, self.titles)
        self.conflicts.append(
            Conflict(path, label, _value_label(key, m, self.fm), _value_label(key, t, self.ft))
        )

    def fields(self, keys: Iterable[Key]) -> None:
        for key in keys:
            value, clash = _pick(*(f.get(key, MISSING) for f in (self.fb, self.fm, self.ft)))
            if clash:
                self.conflict(key)
            if value is not MISSING:
                self.flat[key] = value

    def entity(self, entity: Key) -> None:
        """A question or appointment: both kept, one deleted, or new on one side."""
        in_b, in_m, in_t = (entity in f for f in (self.fb, self.fm, self.ft))
        keys = dict.fromkeys(k for f in (self.fm, self.ft, self.fb) for k in f if k[:2] == entity)
        if in_m and in_t:
            self.fields(keys)
        elif in_m or in_t:
            kept_flat = self.fm if in_m else self.ft
            if in_b and _part(kept_flat, entity) != _part(self.fb, entity):
                self.conflict(entity)  # deleted there, changed here: ask
                self.flat.update(_part(self.fm, entity))
            elif not in_b:
                self.flat.update(_part(kept_flat, entity))  # new on one side


def merge(base: Workbook, mine: Workbook, theirs: Workbook, titles: Mapping[str, str] | None = None) -> Merge:
    """Mine and theirs merged against the base both started from."""
    fb, fm, ft = flatten(base), flatten(mine), flatten(theirs)
    m = _Merger(fb, fm, ft, titles or DEFAULT_TITLES)
    all_keys = list(dict.fromkeys([*fm, *ft, *fb]))
    m.fields(k for k in all_keys if _entity_of(k) is None)
    for entity in dict.fromkeys(e for k in all_keys if (e := _entity_of(k)) is not None):
        m.entity(entity)
    hints = (_question_hint(mine, theirs, base), _record_hint(mine, theirs, base))
    order = theirs.order if mine.order == base.order else mine.order
    wb = _build(m.flat, hints, mine, order)
    return Merge(wb, m.conflicts, m.flat, fm, ft, m.sides, hints)


def _question_hint(*wbs: Workbook) -> list[str]:
    ids: list[str] = []
    for wb in wbs:
        for sid in SECTION_IDS:
            section = wb.sections[sid]
            ids += [q.id for q in (*section.questions, *section.set_aside)]
    return list(dict.fromkeys(ids))


def _record_hint(*wbs: Workbook) -> list[tuple[str, str]]:
    """Every record as (head, id), in the order the sides hold them (mine first)."""
    return list(
        dict.fromkeys(
            (head, r.id) for wb in wbs for head, (attr, _) in RECORDS.items() for r in getattr(wb, attr)
        )
    )


# --- rebuild ---------------------------------------------------------------


def _answers(flat: Flat, qid: str) -> list[Answer]:
    keys = [k for k in flat if k[:3] == ("question", qid, "answer")]
    return [Answer.model_validate(flat[k]) for k in keys]


def _build(flat: Flat, hints: tuple[list[Any], ...], meta: Workbook, order: list[str]) -> Workbook:
    data: dict[str, Any] = {
        "schema_version": meta.schema_version,
        "id": meta.id,
        "created_at": meta.created_at,
        "updated_at": meta.updated_at,
        "profile": {"biomarkers": {}},
        "values": {"importance": {}, "readiness": {}},
        "sharing": {},
        "drafts": {},
        "order": order,
        "sections": {sid: {"questions": [], "set_aside": []} for sid in SECTION_IDS},
        **{attr: [] for attr, _ in RECORDS.values()},
    }
    for key, value in flat.items():
        head = key[0]
        if head in ("profile", "values") and len(key) == 3:
            data[head][key[1]][key[2]] = value
        elif head in ("profile", "values") or head in ("sharing", "drafts"):
            data[head][key[1]] = value
        elif head in ("future_opt_in", "next_appointment_id"):
            data[head] = value
        elif head == "sections":
            data["sections"][key[1]][key[2]] = value
    question_ids, record_ids = hints
    for qid in question_ids:
        if ("question", qid) in flat:
            where, sid = flat[("question", qid)]
            fields = {n: flat[("question", qid, n)] for n in _QUESTION_FIELDS if ("question", qid, n) in flat}
            if "text" in fields:
                q = Question(id=qid, answers=_answers(flat, qid), **fields)
                data["sections"][sid][where].append(q)
    for head, rid in record_ids:
        if (head, rid) in flat:
            attr, model = RECORDS[head]
            data[attr].append(model.model_validate({**_record_fields(flat, (head, rid)), "id": rid}))
    wb = Workbook.model_validate(data)
    normalize_order(wb)
    return wb


def _record_fields(flat: Flat, entity: Key) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key, value in flat.items():
        if key[:2] == entity and len(key) == 3:
            fields[key[2]] = value
        elif key[:2] == entity and len(key) == 4:
            fields.setdefault(key[2], {})[key[3]] = value
    return fields


def resolve(result: Merge, choices: Mapping[str, Side]) -> Workbook:
    """The merged workbook with each conflict settled by path: "mine" or "theirs".

    A conflict without a choice keeps mine; "*" chooses for every conflict; a path
    that is not a conflict (any more) is ignored.
    """
    flat = dict(result._flat)
    every = choices.get("*")
    picked = {
        **({c.path: every for c in result.conflicts} if every else {}),
        **{p: s for p, s in choices.items() if p in result._sides},
    }
    for path, side in picked.items():
        key = result._sides[path]
        source = result._mine if side == "mine" else result._theirs
        if _entity_of(key) == key:  # a whole question or appointment, as that side has it
            flat = {k: v for k, v in flat.items() if k[:2] != key}
            flat.update(_part(source, key))
        elif key in source:
            flat[key] = source[key]
        else:
            flat.pop(key, None)
    return _build(flat, result._hints, result.workbook, result.workbook.order)
