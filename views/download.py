"""The one download button: a document built on click, from the newest edits, never lost.

Streamlit's `download_button(data=callable)` registers the callable under a new id on
every run and forgets the old id when the next run ends. Clicking Download while a text
box is still open sends two messages, in this order (seen on the wire): "build the file
for id X" and, a few milliseconds later, the rerun that commits the text. So the click ran
the old callable, with the copy of the workbook taken before the edit (the PDF lacked the
note), or, when the rerun had already ended, found X gone: a server error, and the person
saw nothing. (Streamlit 1.67; 7 of 15 rushed clicks.)

The fix is one rule, added to Streamlit's media file manager by `install`: a click is
served by the button's registration from the run that the click itself started. The
button reruns the app when clicked (`on_click="rerun"`); that rerun carries every pending
widget value with the click, commits and saves them in their callbacks, then draws the
button again, which registers a callable over a fresh copy. The click's request waits
for that registration (bounded) and runs it. If a document still cannot be made, the
person is told in plain words to try again.
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import streamlit as st
from streamlit.runtime.backend_operation_handler import DeferredFileHandler
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileStorageError
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from views.clinic import access

log = logging.getLogger(__name__)

CLICK_TIMEOUT = 30.0  # seconds a click waits for the run it started (a rerun takes milliseconds)
_REMEMBERED = 4096  # registrations remembered per process

Owner = tuple[str, str]  # (session id, element id): one button in one browser tab
_cond = threading.Condition()
_order = itertools.count()
_registered: OrderedDict[str, tuple[Owner, int]] = OrderedDict()  # file id -> (owner, order)
_newest: dict[Owner, str] = {}  # owner -> newest file id
_clicked: dict[Owner, int] = {}  # owner -> order of the newest registration drawn by a click's run
_last_in_session: dict[str, str] = {}  # session id -> file id registered last
_plain_failure = ["The file could not be made. Please try again."]
# Set on MediaFileManager once `install` has added the rule (a mark of ours, not Streamlit's).
_INSTALLED = "_workbook_click_rule"


def download_button(
    label: str,
    build: Callable[[], bytes | str],
    *,
    file_name: str,
    mime: str,
    key: str,
    primary: bool = False,
    icon: str | None = ":material/download:",
    workbook_id: str | None = None,
) -> None:
    """A download built by `build` when clicked, on another thread.

    `build` must read a copy taken in this run (e.g. `wb.snapshot()`), never the live
    workbook. `key` must be unique and stable: it is how a click finds its button.
    `workbook_id`: the workbook whose audit trail notes the click (clinic mode only).
    """
    clicked = st.download_button(
        label,
        data=_logged(build),
        file_name=file_name,
        mime=mime,
        key=key,
        on_click="rerun",
        type="primary" if primary else "secondary",
        icon=icon,
    )
    if clicked:
        _mark_clicked()
        if workbook_id is not None:
            access.exported(workbook_id)


def _logged(build: Callable[[], bytes | str]) -> Callable[[], bytes | str]:
    @functools.wraps(build)
    def run() -> bytes | str:
        try:
            return build()
        except Exception as exc:  # its text could quote the workbook: log the type only
            log.error("download failed: %s", type(exc).__name__)
            raise RuntimeError("download failed") from None

    return run


def _mark_clicked() -> None:
    """This run was started by a click on the button just drawn: its registration serves it."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        _clicked_in(ctx.session_id)


def _clicked_in(session_id: str) -> None:
    with _cond:
        file_id = _last_in_session.get(session_id)
        if file_id is not None and file_id in _registered:
            owner, order = _registered[file_id]
            _clicked[owner] = order
            _cond.notify_all()


def _remember(file_id: str, owner: Owner) -> None:
    with _cond:
        _registered[file_id] = (owner, next(_order))
        _newest[owner] = file_id
        _last_in_session[owner[0]] = file_id
        while len(_registered) > _REMEMBERED:
            old_id, (old_owner, _) = _registered.popitem(last=False)
            if _newest.get(old_owner) == old_id:
                _newest.pop(old_owner, None)
                _clicked.pop(old_owner, None)
            if _last_in_session.get(old_owner[0]) == old_id:
                del _last_in_session[old_owner[0]]


def _served_by(file_id: str) -> str | None:
    """The registration that answers a click on `file_id`; None if the click's run never came."""
    with _cond:
        if file_id not in _registered:
            return file_id  # not one of ours: Streamlit's own behaviour
        owner, order = _registered[file_id]
        if not _cond.wait_for(lambda: _clicked.get(owner, -1) > order, timeout=CLICK_TIMEOUT):
            return None
        return _newest.get(owner, file_id)


def install(plain_failure: str) -> None:
    """Add the rule to Streamlit's media file manager (once per process)."""
    _plain_failure[0] = plain_failure
    if getattr(MediaFileManager, _INSTALLED, False):
        return
    add, execute, handle = (
        MediaFileManager.add_deferred,
        MediaFileManager.execute_deferred,
        DeferredFileHandler.handle,
    )

    @functools.wraps(add)
    def add_deferred(self: MediaFileManager, *args: Any, **kwargs: Any) -> str:
        file_id = add(self, *args, **kwargs)
        entry = self._deferred_callables.get(file_id)
        if entry is not None and entry["element_id"]:
            _remember(file_id, (entry["session_id"], entry["element_id"]))
        return file_id

    @functools.wraps(execute)
    def execute_deferred(self: MediaFileManager, file_id: str) -> str:
        served_by = _served_by(file_id)
        if served_by is None:
            log.warning("download: the click's rerun did not draw its button in %ss", CLICK_TIMEOUT)
            raise MediaFileStorageError("the click's rerun did not come")
        return execute(self, served_by)

    @functools.wraps(handle)
    async def handle_plainly(self: DeferredFileHandler, request: Any, session_id: str) -> Any:
        response = await handle(self, request, session_id)
        if response.error_msg:  # shown under the button; Streamlit's own words are technical
            response.error_msg = _plain_failure[0]
        return response

    # Replacing Streamlit's methods is the point of this module (see its docstring),
    # so mypy's method-assign check is answered line by line.
    MediaFileManager.add_deferred = add_deferred  # type: ignore[method-assign]
    MediaFileManager.execute_deferred = execute_deferred  # type: ignore[method-assign]
    DeferredFileHandler.handle = handle_plainly  # type: ignore[method-assign]
    setattr(MediaFileManager, _INSTALLED, True)
