"""Widget callbacks run to the end: a click or a page switch never stops one halfway.

Streamlit runs a run's widget callbacks (every save in this app) before the page, and a
newer request from the browser (a click, a page switch, the keeper's typed text) stops
the run at its next st.session_state access, also inside a callback. A callback stopped
between reading the new value and saving it lost the edit for good: the next run carries
the same widget values, so Streamlit sees no change and calls nothing again, and the
page still said "Saved at" (issue 8's chaos walk, seed 2, on a busy machine; Streamlit
1.67). `install` makes session-state access inside callbacks skip that check; Streamlit
checks for the newer request right after the callbacks (ScriptRunner._run_script) and
serves it then, with every callback's save done.
"""

from __future__ import annotations

from typing import Any

from streamlit.runtime.state.safe_session_state import SafeSessionState

_INSTALLED = "_workbook_callbacks_run_to_the_end"  # our mark on the class, not Streamlit's


def _no_yield() -> None:
    return None


def install() -> None:
    """Patch SafeSessionState once per process (idempotent)."""
    if getattr(SafeSessionState, _INSTALLED, False):
        return
    original = SafeSessionState.on_script_will_rerun

    def on_script_will_rerun(self: SafeSessionState, *args: Any, **kwargs: Any) -> None:
        check = self._yield_callback
        check()  # a request that is already there still stops the run before any callback
        object.__setattr__(self, "_yield_callback", _no_yield)
        try:
            original(self, *args, **kwargs)
        finally:
            object.__setattr__(self, "_yield_callback", check)

    SafeSessionState.on_script_will_rerun = on_script_will_rerun  # type: ignore[method-assign]
    setattr(SafeSessionState, _INSTALLED, True)
