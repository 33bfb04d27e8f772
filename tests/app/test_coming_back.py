"""Coming back to the bare address, a workbook deleted in another tab, a data folder
that disappears, a salvaged workbook (issues 8 and 17)."""

from __future__ import annotations

import json
import sqlite3

from tests.app.conftest import assert_clean, fresh, goto
from views import session as session_module
from workbook import store


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def _texts(at) -> str:
    parts = [*at.warning, *at.error, *at.info, *at.success, *at.caption, *at.markdown]
    return " ".join(str(p.value) for p in parts)


def _notes(at, library):
    return next(a for a in at.text_area if a.label == library.t("modality.notes_label"))


def test_the_bare_address_reopens_the_workbook_this_browser_used_last(saved_full, library, monkeypatch):
    monkeypatch.setattr(session_module, "remembered_id", lambda: saved_full.id)
    at = fresh()  # no id in the address
    assert_clean(at)
    assert at.session_state["workbook"].id == saved_full.id
    assert library.t("app.current").format(name=saved_full.profile.name) in _texts(at)
    at = goto(at, "views/hormone.py")
    assert any(link.label == library.t("app.switch") for link in at.get("page_link"))
    assert at.query_params["wb"] in (saved_full.id, [saved_full.id])


def test_a_forgotten_or_unknown_remembered_workbook_is_not_an_error(saved_full, library, monkeypatch):
    monkeypatch.setattr(session_module, "remembered_id", lambda: "gone-long-ago")
    at = fresh()
    assert_clean(at)
    assert not any(library.t("app.not_found") in w.value for w in at.warning)
    assert at.header[0].value == library.t("welcome.continue_heading")


def test_ticking_on_the_bare_address_never_silently_creates_a_workbook(saved_full, library):
    at = goto(fresh(), "views/hormone.py")  # another browser: nothing remembered
    question = library.question("hormone.goal")
    next(c for c in at.checkbox if c.label.startswith(question.text)).check().run()
    assert [w.id for w in store.list_saved()] == [saved_full.id]
    assert library.t("app.choose") in _texts(at)
    assert library.t("app.not_saved") in _texts(at)
    next(b for b in at.button if b.key == "app.choose.new").click().run()
    assert_clean(at)
    new_id = at.session_state["workbook"].id
    assert {w.id for w in store.list_saved()} == {saved_full.id, new_id}
    assert [q.id for q in store.load(new_id).workbook.section("hormone").questions] == ["hormone.goal"]


def test_a_workbook_deleted_in_another_tab_is_not_brought_back_silently(saved_full, library):
    at = goto(fresh(saved_full.id), "views/surgery.py")
    store.delete(saved_full.id)  # the other tab
    _notes(at, library).input("written after the delete").run()
    assert store.load(saved_full.id) is None
    assert library.t("app.deleted") in _texts(at)
    assert library.t("app.deleted") in " ".join(t.value for t in at.toast)
    _button(at, library.t("app.deleted_keep")).click().run()
    assert_clean(at)
    kept = at.session_state["workbook"]
    assert kept.id != saved_full.id
    assert store.load(kept.id).workbook.sections["surgery"].notes == "written after the delete"
    assert store.load(kept.id).workbook.profile.name == saved_full.profile.name


def test_letting_a_deleted_workbook_go_saves_nothing(saved_full, library):
    at = goto(fresh(saved_full.id), "views/surgery.py")
    store.delete(saved_full.id)
    _notes(at, library).input("gone").run()
    _button(at, library.t("app.deleted_let_go")).click().run()
    assert_clean(at)
    assert store.list_saved() == []
    assert at.session_state["workbook"].sections["surgery"].notes == ""


def test_a_vanished_data_folder_keeps_the_edit_and_saves_it_when_the_folder_is_back(
    saved_full, library, data_dir
):
    at = goto(fresh(saved_full.id), "views/surgery.py")
    moved = data_dir.with_name("moved-away")
    data_dir.rename(moved)
    _notes(at, library).input("kept meanwhile").run()
    assert library.t("app.store_missing") in _texts(at)
    assert library.t("app.not_saved") in _texts(at)
    assert "Saved at" not in _texts(at)
    assert not data_dir.exists()  # never a new, empty store in its place
    assert at.session_state["workbook"].sections["surgery"].notes == "kept meanwhile"
    moved.rename(data_dir)
    at.run()
    assert store.load(saved_full.id).workbook.sections["surgery"].notes == "kept meanwhile"
    assert "Saved at" in _texts(at)


def test_a_salvaged_workbook_says_which_part_could_not_be_read(saved_full, library, data_dir):
    with sqlite3.connect(data_dir / store.DB_NAME) as con:
        (data,) = con.execute("SELECT data FROM workbooks WHERE id = ?", (saved_full.id,)).fetchone()
        raw = json.loads(data)
        raw["sections"]["hormone"]["status"] = None
        con.execute("UPDATE workbooks SET data = ? WHERE id = ?", (json.dumps(raw), saved_full.id))
    at = fresh(saved_full.id)
    assert not at.exception
    assert at.session_state["workbook"].id == saved_full.id
    told = " ".join(w.value for w in at.warning)
    assert "could not be read" in told
    assert library.sections["hormone"].title.split(" ")[0] in told
