"""Who is acting (clinic mode): a signed-in person, known by the issuer and subject of their sign-in.

The store never asks a screen who is signed in. A view either wraps its calls in
`acting(actor)`, or registers once, at start-up, a function that returns the
actor of the session running on the current thread (`set_actor_provider`);
Streamlit callbacks run before a page's code, so the provider is the safer way.
Personal mode (SQLite) ignores the actor.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

NAME_CHARS = 120


class Actor(BaseModel):
    """A signed-in person. Identity is issuer + subject; the name is only shown."""

    model_config = ConfigDict(frozen=True)

    issuer: str = Field(min_length=1, max_length=500)
    subject: str = Field(min_length=1, max_length=500)
    name: str = ""

    @field_validator("name", mode="before")
    @classmethod
    def _plain_name(cls, value: object) -> str:
        # A display name from a sign-in is someone else's text: no control characters, bounded
        # (cut before cleaning, so a huge claim costs nothing).
        text = value[: NAME_CHARS * 4] if isinstance(value, str) else ""
        kept = "".join(c for c in text if unicodedata.category(c)[0] != "C" or c == " ")
        return " ".join(kept.split())[:NAME_CHARS]

    @property
    def key(self) -> str:
        """A stable, opaque id for this identity (what the database stores and checks)."""
        raw = f"{len(self.issuer)}:{self.issuer}|{self.subject}".encode()
        return hashlib.sha256(raw).hexdigest()


_current: ContextVar[Actor | None] = ContextVar("workbook_actor", default=None)
_provider: Callable[[], Actor | None] | None = None


@contextmanager
def acting(actor: Actor | None) -> Iterator[None]:
    """Every store and access call inside this block acts as `actor`."""
    token = _current.set(actor)
    try:
        yield
    finally:
        _current.reset(token)


def set_actor_provider(provider: Callable[[], Actor | None] | None) -> None:
    """Register the function that names the actor when no `acting` block is open."""
    global _provider
    _provider = provider


def current_actor() -> Actor | None:
    """The actor of an open `acting` block, else what the provider says, else nobody."""
    actor = _current.get()
    if actor is None and _provider is not None:
        actor = _provider()
    return actor
