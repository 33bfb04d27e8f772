"""The one adapter between the clinic screens and the store's access model (helper C1's half).

Every clinic screen calls these functions and nothing else of the access model, so the
names C1's API settles on are mapped here once. Until that API is in the tree
(`workbook.access`, see /work/notes/clinic-contract.md) `ready()` is False and the
screens say sharing is not available; sign-in itself works without it.

The store learns who acts through the provider C1's store offers (set_actor_provider):
Streamlit runs a widget's callback before the page's code, so a per-run `acting` block
would miss the saves that callbacks make. The provider reads this session's identity,
which the gate keeps in st.session_state.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from types import ModuleType
from typing import Literal, TypeVar

import streamlit as st

from views.clinic.identity import Identity
from views.session import t
from workbook import store

log = logging.getLogger(__name__)

API_MODULE = "workbook.access"
IDENTITY_KEY = "clinic_identity"  # where the gate keeps the signed-in person
InviteResult = Literal["accepted", "refused"]
T = TypeVar("T")
F = TypeVar("F")
ROLE_WORDS = {"read": "reader", "suggest": "suggester", "navigator": "navigator"}  # -> clinic.role.*


def _api() -> ModuleType | None:
    try:
        return importlib.import_module(API_MODULE)
    except ImportError:
        return None


def ready() -> bool:
    """True when the access model (grants, invitations, audit) is available."""
    return _api() is not None


def actor(who: Identity) -> store.Actor:
    return store.Actor(issuer=who.issuer, subject=who.subject, name=who.shown_name)


def _session_actor() -> store.Actor | None:
    """The actor of the session whose script runs on this thread; nobody outside a session."""
    try:
        who = st.session_state.get(IDENTITY_KEY)
    except Exception:  # no script run on this thread (a download built on another thread)
        return None
    return actor(who) if isinstance(who, Identity) else None


def bind(who: Identity) -> None:
    """Make the signed-in person the actor of this session's store calls (idempotent)."""
    st.session_state[IDENTITY_KEY] = who
    store.set_actor_provider(_session_actor)


def attempt(call: Callable[[], T], fallback: F) -> T | F:
    """A clinic call that may be refused or fail: the plain error on screen, never a crash."""
    try:
        return call()
    except store.StoreError as exc:
        log.warning("clinic call refused: %s", type(exc).__name__)
        st.error(t("clinic.error"), icon=":material/error:")
        return fallback


def exported(workbook_id: str) -> None:
    """Clinic mode: an audit line for a download of this workbook by the signed-in person.

    Personal mode has no audit trail. A line that cannot be written never stops the
    download (the person has the file either way); the log names only the error type.
    """
    api = _api()
    if api is None or not store.clinic_mode() or _session_actor() is None:
        return
    try:
        api.record(workbook_id, "exported")
    except Exception as exc:
        log.warning("export not recorded: %s", type(exc).__name__)


def public_origin() -> str:
    """The one public origin: the one the OIDC redirect URI names (invitation links use it)."""
    try:
        redirect = str(st.secrets["auth"]["redirect_uri"])
    except Exception:
        return ""
    return redirect.removesuffix("/oauth2callback")


def accept_invitation(who: Identity, token: str) -> InviteResult:
    """Use an invitation once; anything wrong with it (unknown, used, expired, revoked) is refused."""
    api = _api()
    if api is None:
        return "refused"
    try:
        with store.acting(actor(who)):
            return "accepted" if api.accept_invitation(token) is not None else "refused"
    except Exception as exc:  # a refusal is an answer, never a crash
        log.warning("invitation refused: %s", type(exc).__name__)
        return "refused"
