"""Session state: the open workbook, the one save helper, and messages.

The workbook lives under one non-widget key. Widgets write into it through
`commit` in their on_change callbacks, so every committed change is saved
before the rerun that follows it draws anything. Widget keys carry the
workbook id and a generation number: opening or reloading a workbook starts
every widget afresh from the saved data, never from stale widget state.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Literal

import streamlit as st

from content.library import Library, load_library
from workbook import store
from workbook.edits import EditError
from workbook.model import Workbook

log = logging.getLogger(__name__)

URL_PARAM = "wb"
_WB, _REV, _GEN, _SAVED_AT = "workbook", "workbook_revision", "workbook_generation", "saved_at"
_MESSAGES, _CONFLICT = "messages", "conflict"

Level = Literal["info", "success", "warning", "error"]


@dataclass(frozen=True)
class Message:
    level: Level
    text: str


@st.cache_resource(show_spinner=False)
def library() -> Library:
    """Content is loaded once per server and shared; it is immutable."""
    return load_library()


def t(key: str) -> str:
    return library().t(key)


# --- the open workbook ------------------------------------------------------

def workbook() -> Workbook:
    return st.session_state[_WB]


def is_saved() -> bool:
    return st.session_state.get(_REV, 0) > 0


def _use(wb: Workbook, revision: int) -> None:
    state = st.session_state
    state[_WB], state[_REV] = wb, revision
    state[_GEN] = state.get(_GEN, 0) + 1
    state[_SAVED_AT] = None
    state.pop(_CONFLICT, None)


def _load(workbook_id: str) -> store.Saved | None:
    """A saved workbook, or None with a plain message saying why not."""
    try:
        saved = store.load(workbook_id)
    except (store.StoreError, sqlite3.Error, OSError) as exc:
        log.warning("could not open a workbook: %s", type(exc).__name__)
        say("error", t("app.load_error"))
        return None
    if saved is None:
        say("warning", t("app.not_found"))
    return saved


def ensure_open() -> None:
    """At the top of every run: reopen the workbook named in the URL, or start one."""
    if _WB in st.session_state:
        return
    wanted = st.query_params.get(URL_PARAM)
    saved = _load(wanted) if wanted else None
    if saved is not None:
        _use(saved.workbook, saved.revision)
    else:
        # A new workbook is saved (and gets its id in the URL) on its first change.
        _use(Workbook(), 0)


def keep_id_in_url() -> None:
    """Switching pages clears query parameters, so put the id back on every run."""
    if is_saved():
        if st.query_params.get(URL_PARAM) != workbook().id:
            st.query_params[URL_PARAM] = workbook().id
    elif URL_PARAM in st.query_params:
        del st.query_params[URL_PARAM]


def start_new() -> None:
    _use(Workbook(), 0)


def open_saved(workbook_id: str) -> None:
    saved = _load(workbook_id)
    if saved is not None:
        _use(saved.workbook, saved.revision)


def open_new(wb: Workbook) -> None:
    """Open a workbook that came from a file, saved at once as its own entry."""
    _use(wb, 0)
    save()


def key(name: str) -> str:
    """A widget key tied to this workbook and generation."""
    return f"{workbook().id}.{st.session_state[_GEN]}.{name}"


# --- saving -----------------------------------------------------------------

def commit(change: Callable[[Workbook], Any]) -> bool:
    """Apply one change through the core, then save. The only way views change data."""
    wb = workbook()
    try:
        change(wb)
    except EditError as exc:
        say("warning", str(exc))
        return False
    except ValueError as exc:  # a validation error; its text could echo input, so not shown
        log.info("change refused: %s", type(exc).__name__)
        say("warning", t("app.invalid"))
        return False
    return save()


def save() -> bool:
    state = st.session_state
    wb = workbook()
    try:
        state[_REV] = store.create(wb) if state[_REV] == 0 else store.save(wb, state[_REV])
    except store.ConflictError:
        state[_CONFLICT] = True
        return False
    except (store.StoreError, sqlite3.Error, OSError) as exc:
        log.warning("save failed: %s", type(exc).__name__)
        say("error", t("app.store_error"))
        return False
    state[_SAVED_AT] = datetime.now().astimezone()
    return True


def bound(name: str, apply: Callable[[Workbook, Any], Any]) -> dict[str, Any]:
    """key/on_change/args for a widget whose value `apply` writes into the workbook."""
    widget_key = key(name)
    return {"key": widget_key, "on_change": _changed, "args": (widget_key, apply)}


def _changed(widget_key: str, apply: Callable[[Workbook, Any], Any]) -> None:
    value = st.session_state.get(widget_key)
    commit(lambda wb: apply(wb, value))


def saved_at() -> datetime | None:
    return st.session_state.get(_SAVED_AT)


# --- conflicts between tabs --------------------------------------------------

def has_conflict() -> bool:
    return bool(st.session_state.get(_CONFLICT))


def reload_latest() -> None:
    open_saved(workbook().id)


def keep_mine() -> None:
    """Save this tab's version over the other one, on purpose."""
    try:
        latest = store.load(workbook().id)
    except (store.StoreError, sqlite3.Error, OSError):
        latest = None  # unreadable: this tab's version is written as a fresh copy
    st.session_state[_REV] = latest.revision if latest else 0
    st.session_state.pop(_CONFLICT, None)
    save()


# --- messages -----------------------------------------------------------------

def say(level: Level, text: str) -> None:
    st.session_state.setdefault(_MESSAGES, []).append(Message(level, text))


def take_messages() -> list[Message]:
    return st.session_state.pop(_MESSAGES, [])


def flag(name: str) -> Any:
    """A small view flag (a dialog to open, a preview shown), not workbook data."""
    return st.session_state.get(f"flag.{name}")


def set_flag(name: str, value: Any) -> None:
    st.session_state[f"flag.{name}"] = value
