"""Load and validate the content files into frozen, typed objects.

Content is data an editor can review without touching Python: TOML files in
this folder. It is loaded once and shared by every session, so everything
here is immutable. A broken file fails loudly, naming the file and the problem.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from content.rules import FACTS, Condition

CONTENT_DIR = Path(__file__).parent
SECTION_ORDER = ("hormone", "targeted", "radiation", "surgery", "chemotherapy", "general")
ALL_SECTIONS = "all"  # an urgent sign for every page and every document

__all__ = ["FACTS", "Condition", "ContentError", "Library", "load_library"]

_QUESTION_ID = re.compile(r"[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*")


class ContentError(ValueError):
    """A content file is missing, malformed or inconsistent."""


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(Frozen):
    org: str = Field(min_length=2)
    title: str = Field(min_length=2)
    url: str = Field(pattern=r"^https://\S+$")
    # Lets a [numbers] entry name this source; register sources have ids too.
    id: str = ""


class Sourced(Frozen):
    """What every content file carries: when it was reviewed and on what it rests."""

    reviewed: date
    sources: tuple[Source, ...] = Field(min_length=1)
    # Every number in the file's text -> the id of the source it rests on.
    numbers: dict[str, str] = Field(default_factory=dict)


class Topic(Frozen):
    id: str
    title: str
    hint: str = ""


class Question(Frozen):
    id: str
    topic: str
    text: str = Field(min_length=5, max_length=200)
    why: str = Field(min_length=5, max_length=200)
    # When to mark it "often discussed for people like you"; never hides it.
    when: Condition | None = None
    # About the future or planning ahead: kept closed until the person asks.
    future: bool = False

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _QUESTION_ID.fullmatch(value):
            raise ValueError("question ids look like 'hormone.how-long' (lower case, dots, dashes)")
        return value

    def flagged(self, facts: frozenset[str]) -> bool:
        """Marked as often discussed for this profile (see workbook.tags.profile_facts)."""
        return self.when is not None and self.when.holds(facts)


class Block(Frozen):
    """One part of an explainer: a short layer, and an optional 'more detail' layer."""

    heading: str
    body: str
    detail: str = ""
    # About the future: shown only after the person chooses to see it.
    future: bool = False


class Tailored(Frozen):
    """A note shown in "Often discussed" when its condition holds for the profile."""

    id: str
    when: Condition
    text: str


class Section(Sourced):
    """A modality page, or the general section."""

    id: str
    title: str
    short_title: str
    icon: str = Field(pattern=r"^:material/[a-z0-9_]+:$")
    summary: str
    blocks: tuple[Block, ...] = Field(min_length=1)
    # The page's own notes; the library appends the register's notes for this page.
    tailored: tuple[Tailored, ...] = ()
    # Filled by the library from the register's urgent signs.
    urgent: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    questions: tuple[Question, ...] = Field(min_length=1)

    @property
    def has_future(self) -> bool:
        """Holds material about the future, which stays closed until the person asks."""
        return any(b.future for b in self.blocks) or any(q.future for q in self.questions)

    def often_discussed(self, facts: frozenset[str]) -> list[Tailored]:
        return [note for note in self.tailored if note.when.holds(facts)]

    def tailored_notes(self, facts: frozenset[str]) -> list[str]:
        return [note.text for note in self.often_discussed(facts)]


class Term(Frozen):
    term: str
    plain: str
    aliases: tuple[str, ...] = ()
    # A drug name: the reading-level test may leave it out of the count.
    drug: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


class Glossary(Sourced):
    terms: tuple[Term, ...]


class Topics(Sourced):
    topics: tuple[Topic, ...] = Field(min_length=12)


class Choice(Frozen):
    id: str
    label: str
    hint: str = ""


class Interface(Sourced):
    """The words of the interface itself, so views hold no prose."""

    disclaimer: str
    text: dict[str, Any]
    statuses: tuple[Choice, ...]
    values: tuple[Choice, ...]
    importance: tuple[Choice, ...]
    readiness: tuple[Choice, ...]
    urgent_general: tuple[str, ...]


class RegisterSource(Frozen):
    org: str = Field(min_length=2)
    title: str = Field(min_length=2)
    url: str = Field(pattern=r"^https://\S+$")
    checked: date | None = None  # when someone last read it for the facts cited


class UrgentSign(Frozen):
    id: str
    sections: tuple[str, ...] = Field(min_length=1)
    text: str
    source: str
    numbers: dict[str, str] = Field(default_factory=dict)


Status = Literal["approved", "reported", "not_confirmed", "class"]


class Treatment(Frozen):
    """One drug or drug class: the one place its facts live."""

    id: str
    kind: Literal["drug", "class"]
    name: str
    brands: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    sections: tuple[str, ...] = Field(min_length=1)
    given: str
    used_for: str
    when: Condition | None = None
    often: str = ""
    status: Status
    approved: date | None = None
    approval: str = ""
    approval_source: str | None = None
    side_effects: tuple[str, ...] = ()
    urgent: tuple[str, ...] = ()
    sources: tuple[str, ...] = Field(min_length=1)
    checked: date | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.brands, *self.aliases)


class Symptom(Frozen):
    """One symptom or side effect the diary asks about (content/diary.toml)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]{0,59}$")
    label: str = Field(min_length=2, max_length=60)
    hint: str = ""
    # Register ids (drugs or classes) for which it is offered first; never hides it.
    watch_with: tuple[str, ...] = ()


class Level(Frozen):
    value: int = Field(ge=0, le=4)
    label: str = Field(min_length=2)


class UrgentRule(Frozen):
    """When the diary shows the urgent box, and its words ({phone} is filled in)."""

    at: int = Field(ge=1, le=4)
    heading: str
    text: str
    phone: str = Field(pattern=r"\{phone\}")
    no_phone: str
    emergency: str


class Diary(Sourced):
    recall: str
    scale: tuple[Level, ...] = Field(min_length=5, max_length=5)
    interference: tuple[Level, ...] = Field(min_length=5, max_length=5)
    urgent: UrgentRule
    symptoms: tuple[Symptom, ...] = Field(min_length=12)

    @field_validator("scale", "interference")
    @classmethod
    def _zero_to_four(cls, levels: tuple[Level, ...]) -> tuple[Level, ...]:
        if [lv.value for lv in levels] != [0, 1, 2, 3, 4]:
            raise ValueError("levels must be 0, 1, 2, 3, 4 in order")
        return levels

    def symptom(self, sid: str) -> Symptom | None:
        return next((s for s in self.symptoms if s.id == sid), None)

    def label(self, sid: str) -> str:
        """A symptom's words; an id content no longer has is shown as it was saved."""
        found = self.symptom(sid)
        return found.label if found else sid

    def scale_word(self, value: int) -> str:
        return self.scale[value].label if 0 <= value < len(self.scale) else str(value)

    def interference_word(self, value: int) -> str:
        return self.interference[value].label if 0 <= value < len(self.interference) else str(value)

    def is_urgent(self, ratings: Mapping[str, int], signs: Iterable[str] = ()) -> bool:
        """The urgent rule: any rating at or above `urgent.at`, or any sign ticked."""
        return any(True for _ in signs) or any(r >= self.urgent.at for r in ratings.values())


class Register(Frozen):
    sources: dict[str, RegisterSource]
    urgent: tuple[UrgentSign, ...] = Field(min_length=1)
    treatments: tuple[Treatment, ...] = Field(min_length=1)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError(f"{path.name}: file is missing") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path.name}: not valid TOML ({exc})") from None


def _validated(model: type[Frozen], path: Path) -> Any:
    try:
        return model.model_validate(_read_toml(path))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}" for e in exc.errors()
        )
        raise ContentError(f"{path.name}: {problems}") from None


def _flatten(prefix: str, value: Any, out: dict[str, str]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}" if prefix else key, inner, out)
    elif isinstance(value, str):
        out[prefix] = value
    else:
        raise ContentError(f"ui.toml: text.{prefix} must be text")


class Library:
    """All content, validated and cross-checked. Immutable once built."""

    def __init__(
        self,
        sections: Iterable[Section],
        topics: Topics,
        glossary: Glossary,
        interface: Interface,
        register: Register,
        diary: Diary,
    ) -> None:
        self.register = register
        self._check_register()
        self.diary = diary
        self._check_diary()
        self.sections: Mapping[str, Section] = MappingProxyType(
            {s.id: self._with_register(s) for s in sections}
        )
        self.topics = topics
        self.glossary = glossary
        # Documents read interface.urgent_general: it, too, comes from the register,
        # so every PDF carries every sign (ui.toml's own list is superseded).
        self.interface = interface.model_copy(update={"urgent_general": self.urgent()})
        flat: dict[str, str] = {}
        _flatten("", interface.text, flat)
        self._text = MappingProxyType(flat)
        self._questions = MappingProxyType(
            {q.id: (s.id, q) for s in self.sections.values() for q in s.questions}
        )
        self._check()

    def _check_register(self) -> None:
        reg, where = self.register, "treatments.toml"
        ids = [t.id for t in reg.treatments]
        if len(ids) != len(set(ids)):
            raise ContentError(f"{where}: a treatment id is used twice")
        classes = {t.id for t in reg.treatments if t.kind == "class"}
        signs = {u.id for u in reg.urgent}
        if len(signs) != len(reg.urgent):
            raise ContentError(f"{where}: an urgent sign id is used twice")
        pages = set(SECTION_ORDER)
        for u in reg.urgent:
            if not set(u.sections) <= pages | {ALL_SECTIONS}:
                raise ContentError(f"{where}: urgent {u.id}: unknown sections {u.sections}")
            missing = ({u.source} | set(u.numbers.values())) - set(reg.sources)
            if missing:
                raise ContentError(f"{where}: urgent {u.id}: unknown sources {sorted(missing)}")
        for t in reg.treatments:
            at = f"{where}: treatment {t.id}"
            refs = set(t.sources) | ({t.approval_source} if t.approval_source else set())
            problems = [
                (set(t.classes) - classes, "unknown classes"),
                (set(t.sections) - pages, "unknown sections"),
                (set(t.urgent) - signs, "unknown urgent signs"),
                (refs - set(reg.sources), "unknown sources"),
            ]
            for bad, what in problems:
                if bad:
                    raise ContentError(f"{at}: {what} {sorted(bad)}")
            if bool(t.when) != bool(t.often):
                raise ContentError(f"{at}: 'when' and 'often' go together")
            if t.status == "not_confirmed" and t.when:
                raise ContentError(f"{at}: an unconfirmed drug is never 'often discussed'")
            if t.approved and not (t.approval_source and t.checked):
                raise ContentError(f"{at}: an approval date needs approval_source and checked")

    def _with_register(self, section: Section) -> Section:
        """The page's own notes plus the register's, and its urgent signs."""
        notes = [
            Tailored(id=t.id, when=t.when, text=t.often)
            for t in self.register.treatments
            if t.when and section.id in t.sections
        ]
        return section.model_copy(
            update={"tailored": section.tailored + tuple(notes), "urgent": self.urgent(section.id)}
        )

    def _check_diary(self) -> None:
        where = "diary.toml"
        ids = [s.id for s in self.diary.symptoms]
        if len(ids) != len(set(ids)):
            raise ContentError(f"{where}: a symptom id is used twice")
        known = {t.id for t in self.register.treatments}
        for symptom in self.diary.symptoms:
            unknown = set(symptom.watch_with) - known
            if unknown:
                raise ContentError(f"{where}: symptom {symptom.id}: unknown treatments {sorted(unknown)}")
        unknown_sources = (
            set(self.diary.numbers.values())
            - set(self.register.sources)
            - {s.id for s in self.diary.sources if s.id}
        )
        if unknown_sources:
            raise ContentError(f"{where}: numbers cite unknown sources {sorted(unknown_sources)}")

    def _with_classes(self, drug_ids: Iterable[str]) -> set[str]:
        """The drugs and every class they belong to (classes of classes too)."""
        found: set[str] = set()
        todo = list(drug_ids)
        while todo:
            tid = todo.pop()
            if tid in found:
                continue
            found.add(tid)
            entry = self.treatment(tid)
            todo.extend(entry.classes if entry else ())
        return found

    def symptoms_for(self, drug_ids: Iterable[str]) -> tuple[tuple[Symptom, ...], tuple[Symptom, ...]]:
        """(offered first, the rest): symptoms to watch on these drugs first, in file order.

        Every symptom is in one of the two: following medicines never hides one.
        """
        taken = self._with_classes(drug_ids)
        first = tuple(s for s in self.diary.symptoms if taken & set(s.watch_with))
        rest = tuple(s for s in self.diary.symptoms if s not in first)
        return first, rest

    def link_sources(self, symptom: Symptom) -> tuple[RegisterSource, ...]:
        """What a symptom's watch_with links rest on: the linked register entries' sources."""
        ids: dict[str, None] = {}
        for tid in symptom.watch_with:
            entry = self.treatment(tid)
            ids.update(dict.fromkeys(entry.sources if entry else ()))
        return tuple(self.register.sources[i] for i in ids if i in self.register.sources)

    def urgent_signs(self, drug_ids: Iterable[str] = ()) -> tuple[UrgentSign, ...]:
        """The register's urgent signs: those for everyone and those of these drugs first."""
        taken = self._with_classes(drug_ids)
        linked = {u for t in self.register.treatments if t.id in taken for u in t.urgent}

        def rank(u: UrgentSign) -> int:
            return 0 if ALL_SECTIONS in u.sections else 1 if u.id in linked else 2

        return tuple(sorted(self.register.urgent, key=rank))

    def urgent(self, section_id: str | None = None) -> tuple[str, ...]:
        """Signs to report at once for one page, or every sign (for documents).

        Signs for everyone come first; each drug- or treatment-specific sign
        opens with "On <drug>:" so a tired reader can skip the ones not theirs.
        """
        # A page shows its own signs plus every sign its drugs link to, so a
        # drug added to a page brings its warnings with it (one source: the register).
        linked = {s for t in self.register.treatments if section_id in t.sections for s in t.urgent}
        chosen = [
            u
            for u in self.register.urgent
            if section_id is None or ALL_SECTIONS in u.sections or section_id in u.sections or u.id in linked
        ]
        chosen.sort(key=lambda u: ALL_SECTIONS not in u.sections)  # stable: file order within each group
        return tuple(u.text for u in chosen)

    def treatment(self, tid: str) -> Treatment | None:
        return next((t for t in self.register.treatments if t.id == tid), None)

    @cached_property
    def drug_names(self) -> frozenset[str]:
        """Every name the register knows, lower case, for the drug-name test."""
        return frozenset(n.lower() for t in self.register.treatments for n in t.names)

    def _check(self) -> None:
        if tuple(self.sections) != SECTION_ORDER:
            raise ContentError(f"sections: expected {SECTION_ORDER}, found {tuple(self.sections)}")
        topic_ids = {t.id for t in self.topics.topics}
        seen: set[str] = set()
        terms = {t.term.lower() for t in self.glossary.terms}
        for section in self.sections.values():
            for q in section.questions:
                where = f"{section.id}.toml: question {q.id}"
                if q.id in seen:
                    raise ContentError(f"{where}: id is used twice")
                seen.add(q.id)
                if not q.id.startswith(section.id + "."):
                    raise ContentError(f"{where}: id must start with '{section.id}.'")
                if q.topic not in topic_ids:
                    raise ContentError(f"{where}: unknown topic '{q.topic}'")
            missing = [t for t in section.terms if t.lower() not in terms]
            if missing:
                raise ContentError(f"{section.id}.toml: terms not in glossary.toml: {missing}")
            known = set(self.register.sources) | {s.id for s in section.sources if s.id}
            unknown = set(section.numbers.values()) - known
            if unknown:
                raise ContentError(f"{section.id}.toml: numbers cite unknown sources {sorted(unknown)}")
            note_ids = [n.id for n in section.tailored]
            if len(note_ids) != len(set(note_ids)):
                raise ContentError(f"{section.id}.toml: a note id is used twice")

    # --- look-ups -------------------------------------------------------

    def t(self, key: str) -> str:
        """Interface text by dotted key, e.g. t('welcome.title')."""
        try:
            return self._text[key]
        except KeyError:
            raise ContentError(f"ui.toml: no text for '{key}'") from None

    def question(self, qid: str) -> Question | None:
        found = self._questions.get(qid)
        return found[1] if found else None

    def questions_by_topic(self, section_id: str, include_future: bool) -> list[tuple[Topic, list[Question]]]:
        """A section's questions grouped in topic order; future ones only when asked for."""
        section = self.sections[section_id]
        groups = []
        for topic in self.topics.topics:
            qs = [q for q in section.questions if q.topic == topic.id and (include_future or not q.future)]
            if qs:
                groups.append((topic, qs))
        return groups

    def choice_label(self, choices: tuple[Choice, ...], choice_id: str) -> str:
        return next((c.label for c in choices if c.id == choice_id), choice_id)

    @cached_property
    def modalities(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections.values() if s.id != "general")

    def all_files(self) -> list[tuple[str, Sourced]]:
        return [(f"{s.id}.toml", s) for s in self.sections.values()] + [
            ("topics.toml", self.topics),
            ("glossary.toml", self.glossary),
            ("ui.toml", self.interface),
            ("diary.toml", self.diary),
        ]


def load_library(root: Path = CONTENT_DIR) -> Library:
    """Read every content file under root. Raises ContentError naming the file."""
    sections = [_validated(Section, root / "sections" / f"{sid}.toml") for sid in SECTION_ORDER]
    return Library(
        sections,
        topics=_validated(Topics, root / "topics.toml"),
        glossary=_validated(Glossary, root / "glossary.toml"),
        interface=_validated(Interface, root / "ui.toml"),
        register=_validated(Register, root / "treatments.toml"),
        diary=_validated(Diary, root / "diary.toml"),
    )
