"""Two tabs merge field by field; earlier versions can be previewed and brought back
(and that undone); recently deleted workbooks come back (issue 8)."""

from __future__ import annotations

import sys

from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
from streamlit.runtime.state.safe_session_state import SafeSessionState

from tests.app.conftest import assert_clean, fresh, goto
from workbook import store


def _notes(at, library):
    return next(a for a in at.text_area if a.label == library.t("modality.notes_label"))


def _status(at, library):
    return next(r for r in at.radio if r.label == library.t("modality.status_label"))


def _button(at, label):
    """A button by its words; named buttons carry what they act on after a colon (issue 12)."""
    return next(b for b in at.button if b.label == label or b.label.startswith(f"{label}: "))


def test_edits_to_different_fields_in_two_tabs_are_both_kept(saved_full, library):
    tab_a = goto(fresh(saved_full.id), "views/surgery.py")
    tab_b = goto(fresh(saved_full.id), "views/surgery.py")
    _notes(tab_a, library).input("from A").run()
    _status(tab_b, library).set_value("ready").run()
    assert_clean(tab_b)
    saved = store.load(saved_full.id).workbook.sections["surgery"]
    assert saved.notes == "from A"
    assert saved.status == "ready"
    assert _notes(tab_b, library).value == "from A"  # tab B now shows A's edit


def test_same_field_shows_both_values_and_keep_mine_keeps_the_other_tabs_other_edits(saved_full, library):
    tab_a = goto(fresh(saved_full.id), "views/surgery.py")
    tab_b = goto(fresh(saved_full.id), "views/surgery.py")
    _status(tab_a, library).set_value("not_for_me").run()
    _notes(tab_a, library).input("from A").run()
    _notes(tab_b, library).input("from B").run()
    assert any(library.t("app.conflict") in e.value for e in tab_b.error)
    shown = " ".join(m.value for m in tab_b.markdown)
    assert "from A" in shown
    assert "from B" in shown
    _button(tab_b, library.t("app.keep_mine")).click().run()
    saved = store.load(saved_full.id).workbook.sections["surgery"]
    assert saved.notes == "from B"
    assert saved.status == "not_for_me"  # the other tab's edit to another field stays


def test_a_run_stopped_just_after_it_saved_is_not_another_tab(saved_full, library, monkeypatch):
    """Streamlit stops a run at its next session-state access once a newer run is asked
    for: here, just after the store wrote and before the session noted the
    new revision. The next save must not take this tab's own write for another tab's
    (a conflict panel in a single tab, and the text typed since not saved)."""
    real_save = store.save
    stop_next: list[bool] = []

    def save(wb, base_revision):
        revision = real_save(wb, base_revision)
        if not stop_next and base_revision == 1:
            stop_next.append(True)  # the first save is the one whose run is stopped
        return revision

    real_set = SafeSessionState.__setitem__

    def set_item(self, key, value):
        if stop_next and stop_next[0] and key == "workbook_revision":
            stop_next[0] = False
            raise StopException()
        real_set(self, key, value)

    monkeypatch.setattr(store, "save", save)
    monkeypatch.setattr(SafeSessionState, "__setitem__", set_item)
    at = goto(fresh(saved_full.id), "views/surgery.py")
    _notes(at, library).input("first note").run()
    assert store.load(saved_full.id).workbook.sections["surgery"].notes == "first note"
    assert stop_next == [False]  # that run was stopped right after the write
    at.run()  # the newer run, which drew the page
    _notes(at, library).input("second note").run()
    assert_clean(at)
    assert store.load(saved_full.id).workbook.sections["surgery"].notes == "second note"


def test_a_newer_request_does_not_stop_a_save_halfway(saved_full, library, monkeypatch):
    """A click or page switch that arrives while a box's callback runs stopped the run at the
    callback's next st.session_state access, before the save. The next run carries the same
    widget values, so no callback runs again: the note was gone although the page said
    "Saved at". Here the newer request comes at the first session-state access inside the
    notes box's callback, with no widget values (as a run whose values did not change)."""
    at = goto(fresh(saved_full.id), "views/surgery.py")
    real_init = SafeSessionState.__init__
    armed = [True]

    def init(self, state, yield_callback):
        def check() -> None:
            in_callback = any(f.f_code.co_name == "_changed" for f in _frames())
            if armed[0] and in_callback:
                armed[0] = False
                raise RerunException(RerunData(page_script_hash=at._tree.page_script_hash))
            yield_callback()

        real_init(self, state, check)

    monkeypatch.setattr(SafeSessionState, "__init__", init)
    _notes(at, library).input("typed, then a click at once").run()
    at.run()
    assert_clean(at)
    assert store.load(saved_full.id).workbook.sections["surgery"].notes == "typed, then a click at once"


def _frames():
    frame = sys._getframe(1)
    while frame is not None:
        yield frame
        frame = frame.f_back


def _edit_notes(at, library, *texts):
    for text in texts:
        _notes(at, library).input(text).run()
    return at


def test_an_earlier_version_is_previewed_brought_back_and_that_undone(saved_full, library):
    at = _edit_notes(goto(fresh(saved_full.id), "views/surgery.py"), library, "one", "two", "three")
    at = goto(at, "views/history.py")
    assert_clean(at)
    restore = [b for b in at.button if b.label == library.t("history.restore")]
    assert len(restore) >= 3
    look = [b for b in at.button if b.label == library.t("history.preview")]
    look[0].click().run()
    assert_clean(at)
    assert library.t("history.preview_changes") in " ".join(m.value for m in at.markdown)
    next(b for b in at.button if b.label == library.t("history.restore")).click().run()  # "two"
    assert_clean(at)
    assert store.load(saved_full.id).workbook.sections["surgery"].notes == "two"
    assert at.session_state["workbook"].sections["surgery"].notes == "two"
    _button(at, library.t("history.undo")).click().run()
    assert store.load(saved_full.id).workbook.sections["surgery"].notes == "three"


def test_a_deleted_workbook_can_be_brought_back_for_30_days(saved_full, library):
    at = fresh(saved_full.id)
    _button(at, library.t("welcome.delete")).click().run()
    _button(at, library.t("welcome.delete_yes")).click().run()
    assert store.load(saved_full.id) is None
    at = goto(at, "views/history.py")
    _button(at, library.t("history.undelete")).click().run()
    assert_clean(at)
    assert store.load(saved_full.id).workbook.profile.name == saved_full.profile.name
