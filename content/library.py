"""Load and validate the content files into frozen, typed objects.

Content is data an editor can review without touching Python: TOML files in
this folder. It is loaded once and shared by every session, so everything
here is immutable. A broken file fails loudly, naming the file and the problem.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CONTENT_DIR = Path(__file__).parent
SECTION_ORDER = ("hormone", "targeted", "radiation", "surgery", "chemotherapy", "general")

# Tags a profile can produce (see workbook/tags.py); content may only use these.
TAGS = frozenset({
    "hr_positive", "hr_negative", "her2_positive", "her2_low", "her2_ultralow",
    "her2_zero", "her2_negative", "triple_negative", "premenopausal",
    "esr1", "pik3ca_akt1_pten", "brca", "pdl1",
    "bone", "lung", "liver", "brain", "lymph_nodes", "skin",
})

_QUESTION_ID = re.compile(r"[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*")


class ContentError(ValueError):
    """A content file is missing, malformed or inconsistent."""


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(Frozen):
    org: str = Field(min_length=2)
    title: str = Field(min_length=2)
    url: str = Field(pattern=r"^https://\S+$")


class Sourced(Frozen):
    """What every content file carries: when it was reviewed and on what it rests."""

    reviewed: date
    sources: tuple[Source, ...] = Field(min_length=1)


class Topic(Frozen):
    id: str
    title: str
    hint: str = ""


class Question(Frozen):
    id: str
    topic: str
    text: str = Field(min_length=5, max_length=200)
    why: str = Field(min_length=5, max_length=200)
    tags: tuple[str, ...] = ()
    # About the future or planning ahead: kept closed until the person asks.
    future: bool = False

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _QUESTION_ID.fullmatch(value):
            raise ValueError("question ids look like 'hormone.how-long' (lower case, dots, dashes)")
        return value

    @field_validator("tags")
    @classmethod
    def _known_tags(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = set(value) - TAGS
        if unknown:
            raise ValueError(f"unknown tags {sorted(unknown)}; known: {sorted(TAGS)}")
        return value

    def matches(self, tags: frozenset[str]) -> bool:
        return bool(self.tags) and not tags.isdisjoint(self.tags)


class Block(Frozen):
    """One part of an explainer: a short layer, and an optional 'more detail' layer."""

    heading: str
    body: str
    detail: str = ""
    # About the future: shown only after the person chooses to see it.
    future: bool = False


class Tailored(Frozen):
    """A note shown when the person's profile has any of these tags."""

    tags: tuple[str, ...] = Field(min_length=1)
    text: str

    @field_validator("tags")
    @classmethod
    def _known_tags(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return Question._known_tags(value)


class Section(Sourced):
    """A modality page, or the general section."""

    id: str
    title: str
    short_title: str
    icon: str = Field(pattern=r"^:material/[a-z0-9_]+:$")
    summary: str
    blocks: tuple[Block, ...] = Field(min_length=1)
    tailored: tuple[Tailored, ...] = ()
    urgent: tuple[str, ...] = Field(min_length=1)
    terms: tuple[str, ...] = ()
    questions: tuple[Question, ...] = Field(min_length=1)

    @property
    def has_future(self) -> bool:
        """Holds material about the future, which stays closed until the person asks."""
        return any(b.future for b in self.blocks) or any(q.future for q in self.questions)

    def tailored_notes(self, tags: frozenset[str]) -> list[str]:
        return [note.text for note in self.tailored if not tags.isdisjoint(note.tags)]


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
            f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}" for e in exc.errors())
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

    def __init__(self, sections: Iterable[Section], topics: Topics,
                 glossary: Glossary, interface: Interface) -> None:
        self.sections: Mapping[str, Section] = MappingProxyType({s.id: s for s in sections})
        self.topics = topics
        self.glossary = glossary
        self.interface = interface
        flat: dict[str, str] = {}
        _flatten("", interface.text, flat)
        self._text = MappingProxyType(flat)
        self._questions = MappingProxyType(
            {q.id: (s.id, q) for s in self.sections.values() for q in s.questions})
        self._check()

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
            qs = [q for q in section.questions
                  if q.topic == topic.id and (include_future or not q.future)]
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
            ("topics.toml", self.topics), ("glossary.toml", self.glossary),
            ("ui.toml", self.interface)]


def load_library(root: Path = CONTENT_DIR) -> Library:
    """Read every content file under root. Raises ContentError naming the file."""
    sections = [_validated(Section, root / "sections" / f"{sid}.toml") for sid in SECTION_ORDER]
    return Library(
        sections,
        topics=_validated(Topics, root / "topics.toml"),
        glossary=_validated(Glossary, root / "glossary.toml"),
        interface=_validated(Interface, root / "ui.toml"),
    )
