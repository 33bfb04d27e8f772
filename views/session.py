"""Session state: the open workbook, the one save helper, and messages.

The workbook lives under one non-widget key. Widgets write into it through
`commit` in their on_change callbacks, so every committed change is saved
before the rerun that follows it draws anything. Widget keys name the page and
item, then the workbook id and a generation number: opening, reloading or
merging a workbook starts every widget afresh from the data, never from stale
widget state.

What the person is told follows what happened to their change: saved ("Saved
at"), kept in this tab only ("Not saved", with the reason), merged with another
tab, or waiting for their choice. A change that could not be saved is kept in
the session and saved again on the next run.
"""

from __future__ import annotations

import logging
import secrets
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, TypeVar

import streamlit as st

from content.library import Library, load_library
from views import box_registry
from views.text import md
from workbook import labels, merge as _merge, store  # _merge: the three-way merge between tabs
from workbook.edits import EditError
from workbook.model import Workbook

log = logging.getLogger(__name__)

URL_PARAM = "wb"
COOKIE = "twb_last"  # the id of the workbook this browser used last: opaque, no health detail
_WB, _REV, _GEN, _SAVED_AT = "workbook", "workbook_revision", "workbook_generation", "saved_at"
_BASE = "workbook_base"  # the workbook as stored at _REV: the base of a merge
_PENDING = "unsaved_reason"  # why the workbook in this tab is not (all) in the store
_MESSAGES, _TOASTS, _CONFLICT = "messages", "toasts", "conflict"
_CHOSEN = "workbook_chosen"  # the person opened or started this workbook on purpose
_BOXES = "text_boxes"  # text box key -> apply, for saving while typing
_ALL_BOXES = "text_boxes_seen"  # every box drawn in this session (keys carry workbook id)
_TYPED_SEQ = "typed_seq"  # box key -> sequence number of the last batch applied
_TYPED_TOP = "typed_confirmed"  # workbook id -> highest batch sequence number received
_OWNER = "text_box_owner"  # a random token for this session's boxes (views/box_registry.py)
_BOX_BASE = "text_box_base"  # box key -> (the text this tab knows the workbook holds for it, limit)
_WRITTEN = "workbook_written"  # what this session last wrote (a _Written): see there

_Id = TypeVar("_Id", bound=str)
_Value = TypeVar("_Value")
Level = Literal["info", "success", "warning", "error"]
Reason = Literal["failed", "missing", "deleted", "conflict", "choose"]


@dataclass
class _Written:
    """What this session last wrote to the store, noted without touching st.session_state.

    When the browser asks for a newer run, Streamlit stops the running one at its next
    st.session_state access (views/callbacks.py keeps callbacks from being stopped, not the
    page's own code). A run stopped just after
    the store wrote could not note the new revision there, so the session kept the older
    one and every later save looked like another tab's change to the same field: a
    conflict panel in a single tab, and the text typed since not saved (the chaos walk,
    two notes typed on the same page, each followed at once by a page switch)."""

    workbook_id: str = ""
    revision: int = 0
    base: Workbook | None = None

    def wrote(self, wb: Workbook, revision: int) -> int:
        # Plain attributes only: no point here where Streamlit can stop the run. Only the
        # plain save notes here: it writes this session's own workbook, so catching up
        # later is safe. A merge writes another workbook than the one in memory; a run
        # stopped there is caught by the next merge, as before.
        self.workbook_id, self.revision, self.base = wb.id, revision, wb.model_copy(deep=True)
        return revision


def _written() -> _Written:
    return st.session_state.setdefault(_WRITTEN, _Written())


def _catch_up(wb: Workbook) -> None:
    """An earlier run of this session saved and was stopped before noting it: note it now."""
    state, done = st.session_state, _written()
    if done.workbook_id == wb.id and done.revision > state.get(_REV, 0) and done.base is not None:
        state[_REV], state[_BASE] = done.revision, done.base.model_copy(deep=True)


class _Never(Exception):
    """Stands in for a store error the core does not define (yet)."""


DeletedError: type[Exception] = getattr(store, "DeletedError", _Never)
StoreMissingError: type[Exception] = getattr(store, "StoreMissingError", _Never)
InvalidWorkbookError: type[Exception] = getattr(store, "InvalidWorkbookError", _Never)
STORE_ERRORS = (store.StoreError, sqlite3.Error, OSError)


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


def titles() -> dict[str, str]:
    """Page titles by section id, for plain words about changes."""
    return {sid: section.title for sid, section in library().sections.items()}


# --- the open workbook ------------------------------------------------------


def workbook() -> Workbook:
    return st.session_state[_WB]


def revision() -> int:
    return st.session_state.get(_REV, 0)


def is_saved() -> bool:
    return revision() > 0


def is_chosen() -> bool:
    return bool(st.session_state.get(_CHOSEN))


def _use(wb: Workbook, revision: int, chosen: bool = True) -> None:
    state = st.session_state
    state[_WRITTEN] = _Written()  # a workbook opened anew: its revision comes from the store
    state[_WB], state[_REV] = wb, revision
    state[_BASE] = wb.model_copy(deep=True) if revision else None
    state[_GEN] = state.get(_GEN, 0) + 1
    state[_SAVED_AT] = None
    state[_CHOSEN] = chosen
    for name in (_CONFLICT, _PENDING):
        state.pop(name, None)


def _refresh_widgets() -> None:
    """New widget keys: every widget is drawn again from the workbook."""
    st.session_state[_GEN] = st.session_state.get(_GEN, 0) + 1


def _load(workbook_id: str, quiet: bool = False) -> store.Saved | None:
    """A saved workbook, or None with a plain message saying why not."""
    try:
        saved = store.load(workbook_id)
    except STORE_ERRORS as exc:
        log.warning("could not open a workbook: %s", type(exc).__name__)
        if isinstance(exc, StoreMissingError):
            say("error", t("app.store_missing_load"))
        elif not quiet:
            say("error", t("app.load_error"))
        return None
    if saved is None and not quiet:
        say("warning", t("app.not_found"))
    if saved is not None and saved.damaged:
        # Part names can hold a person's words (an appointment's name): shown literally.
        say(
            "warning",
            t("app.damaged").format(parts="; ".join(md(part) for part in saved.damaged)),
            toast=True,
        )
    return saved


def remembered_id() -> str | None:
    """The workbook this browser used last (a cookie the page sets; see views/keeper.py)."""
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:  # no browser context (a script run outside a session)
        return None
    return value if isinstance(value, str) and 0 < len(value) <= 200 else None


def _listing() -> list[store.Listing]:
    try:
        return store.list_saved()
    except STORE_ERRORS as exc:
        log.warning("could not list workbooks: %s", type(exc).__name__)
        return []


def ensure_open() -> None:
    """At the top of every run: the workbook in the URL, else the one this browser used last."""
    if _WB in st.session_state:
        retry_pending()
        return
    wanted = st.query_params.get(URL_PARAM)
    if wanted:
        saved = _load(wanted)
    else:
        remembered = remembered_id()
        saved = _load(remembered, quiet=True) if remembered else None
    if saved is not None:
        _use(saved.workbook, saved.revision)
    else:
        # A new workbook is saved (and gets its id in the URL) on its first change;
        # with other workbooks on this computer, only once the person says it is a new one.
        _use(Workbook(), 0, chosen=not _listing())


def keep_id_in_url() -> None:
    """Switching pages clears query parameters, so put the id back on every run."""
    if is_saved():
        if st.query_params.get(URL_PARAM) != workbook().id:
            st.query_params[URL_PARAM] = workbook().id
    elif URL_PARAM in st.query_params:
        del st.query_params[URL_PARAM]


def start_new() -> None:
    """'Start a new workbook': an empty one, or the changes made before choosing."""
    if not is_saved() and not is_chosen() and _has_changes(workbook()):
        st.session_state[_CHOSEN] = True
        st.session_state.pop(_PENDING, None)
        save()
        return
    _use(Workbook(), 0)


def _has_changes(wb: Workbook) -> bool:
    blank = Workbook(id=wb.id, created_at=wb.created_at, updated_at=wb.updated_at)
    return wb != blank


def open_saved(workbook_id: str) -> None:
    saved = _load(workbook_id)
    if saved is not None:
        _use(saved.workbook, saved.revision)


def open_new(wb: Workbook) -> None:
    """Open a workbook that came from a file, saved at once as its own entry."""
    _use(wb, 0)
    save()


def key(name: str) -> str:
    """A widget key: `name` says the page and item; the rest ties it to this workbook and generation."""
    return f"{name}.{workbook().id}.{st.session_state[_GEN]}"


# --- saving -----------------------------------------------------------------


def commit(change: Callable[[Workbook], Any], widget: str | None = None, undo: Any = None) -> bool:
    """Apply one change through the core, then save. The only way views change data.

    A refused change leaves the workbook as it was; `widget` (with the value it
    showed before, `undo`) is put back on screen too.
    """
    wb = workbook()
    before = wb.model_copy(deep=True)
    try:
        change(wb)
    except EditError as exc:
        return _refuse(before, str(exc), widget, undo)
    except ValueError as exc:  # a validation error; its text could echo input, so not shown
        log.info("change refused: %s", type(exc).__name__)
        return _refuse(before, t("app.invalid"), widget, undo)
    if wb == before and is_saved() and not st.session_state.get(_PENDING):
        return True  # nothing changed: nothing to save
    if not save(revert=before):
        if workbook() is before and widget is not None and undo is not None:
            st.session_state[widget] = undo  # refused by the store: back on screen too
        return False
    return True


def commit_click(change: Callable[[Workbook], Any]) -> None:
    """A button's on_click: `commit(change)`; Streamlit has no use for its answer
    (a refused change has already said why)."""
    commit(change)


def item_edit(
    edit: Callable[[Workbook, _Id, _Value], object], item_id: _Id
) -> Callable[[Workbook, _Value], object]:
    """`edit` for one item (a question, a test, a value), as `bound` and `text_field` want
    it: the id is bound now, not read from a loop variable when the widget changes."""
    return lambda book, value: edit(book, item_id, value)


def _refuse(before: Workbook, text: str, widget: str | None, undo: Any) -> bool:
    st.session_state[_WB] = before
    if widget is not None and undo is not None:
        st.session_state[widget] = undo
    say("warning", text, toast=True)
    return False


def save(revert: Workbook | None = None) -> bool:
    """Save the open workbook. A workbook the store refuses as invalid goes back to
    `revert` (the last good one) when given; anything else is kept in this tab."""
    state = st.session_state
    wb = workbook()
    if not is_saved() and not is_chosen():
        # Other workbooks exist: is this change for a new one? (asked in a panel at the top)
        return _not_saved("choose", t("app.choose"))
    try:
        if state.get(_PENDING) == "deleted":
            return False  # the person chooses first: keep it as a new workbook, or let it go
        _catch_up(wb)
        done = _written()
        state[_REV] = done.wrote(wb, store.create(wb) if state[_REV] == 0 else store.save(wb, state[_REV]))
    except store.ConflictError as exc:
        _catch_up(wb)  # the "other tab" may be a stopped run of this one
        if revision() == getattr(_latest(exc), "revision", None):
            return save(revert)  # it was: save again on top of what it wrote
        return _merge_with_latest(exc)
    except InvalidWorkbookError:
        log.info("save refused: invalid workbook")
        if revert is not None:
            state[_WB] = revert
            say("warning", t("app.invalid"), toast=True)
            return False
        return _not_saved("failed", t("app.invalid"))
    except DeletedError:
        log.info("save refused: workbook deleted elsewhere")
        return _not_saved("deleted", t("app.deleted"))
    except StoreMissingError:
        log.warning("save failed: the data folder is gone")
        return _not_saved("missing", t("app.store_missing"))
    except STORE_ERRORS as exc:
        log.warning("save failed: %s", type(exc).__name__)
        return _not_saved("failed", t("app.store_error"))
    _saved(wb)
    return True


def _saved(wb: Workbook) -> None:
    state = st.session_state
    state[_BASE] = wb.model_copy(deep=True)
    state[_SAVED_AT] = datetime.now().astimezone()
    state.pop(_PENDING, None)


# Reasons with their own panel at the top (app.py) are told there and by a toast.
_PANELS = ("conflict", "deleted", "choose")


def _not_saved(reason: Reason, text: str) -> bool:
    state = st.session_state
    already = state.get(_PENDING) == reason
    state[_PENDING] = reason
    state[_SAVED_AT] = None
    if not already:  # say it once, not on every keystroke
        say("error", text, toast=True, top=reason not in _PANELS)
    return False


def retry_pending() -> bool:
    """A change kept in this tab is saved as soon as the store is back; True once saved."""
    reason = st.session_state.get(_PENDING)
    if reason not in ("failed", "missing"):
        return False
    available = getattr(store, "available", lambda: True)
    if not available():
        return False
    if save():
        say("success", t("app.saved_again"), toast=True)
        return True
    return False


def unsaved_reason() -> Reason | None:
    return st.session_state.get(_PENDING)


def bound(
    name: str, apply: Callable[[Workbook, Any], Any], undo: bool = False, shown: Any = None
) -> dict[str, Any]:
    """key/on_change/args for a widget whose value `apply` writes into the workbook.
    A refused change goes back on screen: undo=True flips a yes/no widget back;
    `shown` is the value the widget was drawn with (a text box, a radio): reported back
    unchanged, it is no edit."""
    widget_key = key(name)
    return {"key": widget_key, "on_change": _changed, "args": (widget_key, apply, undo, shown)}


def _changed(
    widget_key: str, apply: Callable[[Workbook, Any], Any], undo: bool = False, shown: Any = None
) -> None:
    value = st.session_state.get(widget_key)
    if widget_key in st.session_state.get(_BOX_BASE, {}):
        _box_edit(widget_key, apply, value, shown)
        return
    if shown is not None and value == shown:
        # The value it was drawn with: no choice was made. Streamlit reports such a widget
        # as changed after a quick page switch (its state from the run before is gone),
        # and committing it would undo a change made meanwhile (a note marks the page
        # started: issue 8's chaos walk, seed 1).
        return
    commit(lambda wb: apply(wb, value), widget_key, (not value) if undo else shown)


def _box_edit(widget_key: str, apply: Callable[[Workbook, Any], Any], value: Any, shown: Any = None) -> None:
    """Text from a box (left, or sent while typing), judged against the text this tab
    knows the box started from. A box drawn before another tab's change was merged in
    (an old page, a late batch) must not put its old text back over the newer one:
    unchanged text is no edit, and a real edit to a field that moved meanwhile goes
    to the conflict panel, where the person chooses."""
    bases = st.session_state.setdefault(_BOX_BASE, {})
    known, limit = bases[widget_key]
    if not isinstance(value, str) or value == known:
        return  # nothing typed here since the box was drawn or last saved
    wb = workbook()
    started_from = wb.model_copy(deep=True)
    apply(started_from, known)  # known fits the limit: no "shortened" message
    if started_from != wb and _moved_under_box(started_from, wb, apply, value):
        return
    if commit(lambda book: apply(book, value), widget_key, shown):
        bases[widget_key] = (value[:limit], limit)  # what the workbook kept


def _moved_under_box(
    started_from: Workbook, wb: Workbook, apply: Callable[[Workbook, Any], Any], value: str
) -> bool:
    """True (and the conflict panel opened) when the field changed under the box."""
    mine = wb.model_copy(deep=True)
    apply(mine, value)
    result = _merge.merge(started_from, mine, wb, titles())
    if not result.conflicts:
        return False
    st.session_state[_CONFLICT] = Conflicts(result, revision())
    _not_saved("conflict", t("app.conflict"))
    return True


def saved_at() -> datetime | None:
    return st.session_state.get(_SAVED_AT)


def saved_time() -> str | None:
    """When this tab last saved, on the person's clock ('14:05'), for "Saved at ..."."""
    moment = saved_at()
    return None if moment is None else labels.clock(moment, timezone())


def timezone() -> str | None:
    """The zone the browser reports (an IANA name), or None when it sends none: the
    core (workbook/labels.py) checks the name and falls back, so any value is safe."""
    return st.context.timezone


# --- text boxes saved while typing (views/keeper.py sends what is typed) ------


def register_box(widget_key: str, apply: Callable[[Workbook, str], Any], shown: str, limit: int) -> None:
    """`shown` is the workbook's text for the box as drawn now (later text is judged
    against it); `apply` keeps at most `limit` characters."""
    st.session_state.setdefault(_BOXES, {})[widget_key] = apply
    st.session_state.setdefault(_BOX_BASE, {})[widget_key] = (shown, limit)
    # Kept across pages: a batch typed on a page and delivered after a page switch
    # (or resent by the page from the browser's sessionStorage) still finds its box.
    st.session_state.setdefault(_ALL_BOXES, {})[widget_key] = apply
    # And beyond this session: text kept by the browser when the person leaves by the
    # address bar or a refresh is sent again by a new session, which never drew the box.
    box_registry.remember(box_owner(), widget_key, apply)


def box_owner() -> str:
    """A random token naming this session's boxes; the browser sends it back with what was typed."""
    return st.session_state.setdefault(_OWNER, secrets.token_urlsafe(12))


def boxes() -> list[str]:
    return list(st.session_state.get(_BOXES, {}))


def begin_run() -> None:
    """Boxes are registered afresh by the page drawn in this run."""
    st.session_state[_BOXES] = {}


def typed(widget_key: Any, value: Any, seq: Any = None, owner: Any = None) -> None:
    """Text typed in a box (sent by the page after a pause): saved like a committed value.
    `seq` numbers the browser's batches; a batch resent after a page switch or refresh
    is applied only if it is newer than the last one applied to that box. `owner` names
    the session that drew the box, so a box of an earlier session of this browser is found."""
    state = st.session_state
    apply = state.get(_ALL_BOXES, {}).get(widget_key) if isinstance(widget_key, str) else None
    if apply is None and isinstance(widget_key, str) and f".{workbook().id}." in widget_key:
        apply = box_registry.find(owner, widget_key)  # only a box of the workbook open here
    if apply is None or not isinstance(value, str):
        return  # a box of another workbook, or not text: nothing to save
    if isinstance(seq, int) and not isinstance(seq, bool):
        seen = state.setdefault(_TYPED_SEQ, {})
        if seq <= seen.get(widget_key, -1):
            return  # already applied (a resent batch): idempotent
        seen[widget_key] = seq
    if widget_key in state.get(_BOX_BASE, {}):
        _box_edit(widget_key, apply, value)
        return
    commit(lambda wb: apply(wb, value))


def confirm_typed(workbook_id: str, seq: Any) -> None:
    if isinstance(seq, int) and not isinstance(seq, bool):
        top = st.session_state.setdefault(_TYPED_TOP, {})
        top[workbook_id] = max(seq, top.get(workbook_id, 0))


def typed_confirmed(workbook_id: str) -> int:
    """The highest batch received for this workbook: the page may forget those."""
    return int(st.session_state.get(_TYPED_TOP, {}).get(workbook_id, 0))


# --- conflicts between tabs --------------------------------------------------


@dataclass
class Conflicts:
    """Same-field changes in this tab and another, waiting for the person's choice."""

    merged: Any  # workbook.merge.Merge
    latest_revision: int


def _latest(exc: Exception) -> store.Saved | None:
    latest = getattr(exc, "latest", None)
    if latest is not None:
        return latest
    try:
        return store.load(workbook().id)
    except STORE_ERRORS:
        return None


def _merge_with_latest(exc: Exception, attempts: int = 3) -> bool:
    """Another tab saved first: merge field by field against this tab's base revision."""
    state = st.session_state
    mine, base = workbook(), state.get(_BASE)
    for _ in range(attempts):
        latest = _latest(exc)
        if latest is None or base is None:
            state[_CONFLICT] = Conflicts(None, latest.revision if latest else 0)
            return _not_saved("conflict", t("app.conflict"))
        result = _merge.merge(base, mine, latest.workbook, titles())
        if result.conflicts:
            state[_CONFLICT] = Conflicts(result, latest.revision)
            return _not_saved("conflict", t("app.conflict"))
        try:
            state[_REV] = store.save(result.workbook, latest.revision)
        except store.ConflictError as again:
            exc = again  # a third tab saved meanwhile: merge again
            continue
        except STORE_ERRORS as other:
            log.warning("merged save failed: %s", type(other).__name__)
            return _not_saved("failed", t("app.store_error"))
        _adopt(result.workbook, mine)
        say("info", t("app.merged"), toast=True)
        return True
    return _not_saved("failed", t("app.store_error"))


def _adopt(merged: Workbook, mine: Workbook) -> None:
    """The merged workbook is now this tab's; widgets are redrawn if it differs."""
    st.session_state[_WB] = merged
    _saved(merged)
    st.session_state.pop(_CONFLICT, None)
    if merged != mine:
        _refresh_widgets()


def has_conflict() -> bool:
    return st.session_state.get(_CONFLICT) is not None


def conflicts() -> list[Any]:
    pending = st.session_state.get(_CONFLICT)
    return list(pending.merged.conflicts) if pending and pending.merged else []


def resolve(choices: Mapping[str, str]) -> None:
    """Save the merge with the person's choice for each conflicting field ("mine" or "theirs")."""
    pending: Conflicts | None = st.session_state.get(_CONFLICT)
    if pending is None:
        return
    mine = workbook()
    if pending.merged is None:  # no merge possible: the choice is all of one or the other
        if all(c == "theirs" for c in choices.values()):
            open_saved(mine.id)
            return
        st.session_state[_REV] = pending.latest_revision
        st.session_state.pop(_CONFLICT, None)
        st.session_state.pop(_PENDING, None)
        save()
        return
    chosen = _merge.resolve(pending.merged, _sides(choices))
    st.session_state.pop(_CONFLICT, None)
    st.session_state.pop(_PENDING, None)
    try:
        st.session_state[_REV] = store.save(chosen, pending.latest_revision)
    except store.ConflictError as exc:
        st.session_state[_WB] = chosen
        st.session_state[_BASE] = (
            pending.merged.base if hasattr(pending.merged, "base") else st.session_state[_BASE]
        )
        _merge_with_latest(exc)
        return
    except STORE_ERRORS as exc:
        st.session_state[_WB] = chosen
        log.warning("save failed: %s", type(exc).__name__)
        _not_saved("failed", t("app.store_error"))
        return
    _adopt(chosen, mine)
    say("success", t("app.conflict_saved"), toast=True)


def _sides(choices: Mapping[str, str]) -> dict[str, _merge.Side]:
    """The choices as the merge's sides, read the way workbook.merge reads them:
    "mine" keeps mine, any other value takes theirs."""
    return {path: "mine" if choice == "mine" else "theirs" for path, choice in choices.items()}


def _all(side: str) -> dict[str, str]:
    return {c.path: side for c in conflicts()} or {"*": side}


def reload_latest() -> None:
    """Take the other tab's value for every field both tabs changed (this tab's other edits stay)."""
    resolve(_all("theirs"))


def keep_mine() -> None:
    """Keep this tab's value for every field both tabs changed (the other tab's other edits stay)."""
    resolve(_all("mine"))


# --- a workbook deleted in another tab ----------------------------------------


def keep_as_new() -> None:
    """Deleted elsewhere: what this tab holds becomes a new workbook."""
    wb = workbook().model_copy(deep=True)
    wb.id = Workbook().id
    _use(wb, 0)
    if save():
        say("success", t("app.kept_as_new"), toast=True)


def let_go() -> None:
    """Deleted elsewhere, and the person lets it go: nothing is saved; this browser forgets it."""
    _use(Workbook(), 0, chosen=not _listing())
    set_flag("forget", True)


# --- messages -----------------------------------------------------------------


def say(level: Level, text: str, toast: bool = False, top: bool = True) -> None:
    """A message at the top of the page; with toast=True also where the person is."""
    if top:
        st.session_state.setdefault(_MESSAGES, []).append(Message(level, text))
    if toast:
        st.session_state.setdefault(_TOASTS, []).append(Message(level, text))


def take_messages() -> list[Message]:
    return st.session_state.pop(_MESSAGES, [])


def take_toasts() -> list[Message]:
    return st.session_state.pop(_TOASTS, [])


def flag(name: str) -> Any:
    """A small view flag (a dialog to open, a preview shown), not workbook data."""
    return st.session_state.get(f"flag.{name}")


def set_flag(name: str, value: Any) -> None:
    st.session_state[f"flag.{name}"] = value


# --- earlier versions ---------------------------------------------------------


def restore_version(revision_number: int) -> bool:
    """Bring back an earlier version, saved as the newest one (so it can be undone)."""
    wb = workbook()
    try:
        store.restore(wb.id, revision_number, revision())
    except store.ConflictError:
        say("warning", t("app.conflict_restore"), toast=True)
        open_saved(wb.id)
        return False
    except STORE_ERRORS as exc:
        log.warning("restore failed: %s", type(exc).__name__)
        say("error", t("history.restore_failed"), toast=True)
        return False
    saved = _load(wb.id)
    if saved is not None:
        _use(saved.workbook, saved.revision)
    return True
