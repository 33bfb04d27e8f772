"""Workbook files through the UI: export, import as a new workbook, bad files, delete."""

from tests.app.conftest import assert_clean, fresh
from workbook import store
from workbook.files import export_json


def test_import_opens_a_new_workbook_and_keeps_the_old_one(saved_full, library):
    at = fresh(saved_full.id)
    at.get("file_uploader")[0].upload("mine.json", export_json(saved_full), "application/json").run()
    assert_clean(at)
    assert any(library.t("welcome.import_ok") in s.value for s in at.success)
    opened = at.session_state["workbook"]
    assert opened.id != saved_full.id
    assert opened.profile.name == saved_full.profile.name
    assert {w.id for w in store.list_saved()} == {saved_full.id, opened.id}
    assert store.load(saved_full.id).workbook == saved_full


def test_a_bad_file_shows_its_message_and_keeps_the_workbook(saved_full):
    at = fresh(saved_full.id)
    at.get("file_uploader")[0].upload("bad.json", b"{not json", "application/json").run()
    assert any("not a workbook file" in e.value for e in at.error)
    assert not at.exception
    assert at.session_state["workbook"].id == saved_full.id
    assert [w.id for w in store.list_saved()] == [saved_full.id]


def test_delete_asks_first_then_removes(saved_full, library):
    at = fresh(saved_full.id)
    next(b for b in at.button if b.label.startswith(library.t("welcome.delete") + ": ")).click().run()
    assert any(b.label == library.t("welcome.delete_yes") for b in at.button)
    # The dialog says which workbook: its name, when it was last changed, how many questions
    # (the same words as its row in the list, so they are there twice while it is open).
    count = library.t("welcome.questions_many").format(
        n=sum(len(s.questions) for s in saved_full.sections.values())
    )
    lines = [m.value for m in at.markdown if count in m.value]
    assert len(lines) == 2
    assert all(saved_full.profile.name.split()[0] in line and "Last changed" in line for line in lines)
    next(b for b in at.button if b.label == library.t("welcome.delete_no")).click().run()
    assert store.load(saved_full.id) is not None
    next(b for b in at.button if b.label.startswith(library.t("welcome.delete") + ": ")).click().run()
    next(b for b in at.button if b.label == library.t("welcome.delete_yes")).click().run()
    assert store.load(saved_full.id) is None
    assert at.session_state["workbook"].id != saved_full.id


def test_an_import_with_a_damaged_part_opens_and_says_which_part(saved_full, library):
    import json

    raw = json.loads(export_json(saved_full))
    raw["sections"]["hormone"]["status"] = "not-a-status"
    at = fresh(saved_full.id)
    at.get("file_uploader")[0].upload("mine.json", json.dumps(raw).encode(), "application/json").run()
    assert_clean(at)
    told = " ".join(w.value for w in at.warning)
    assert "could not be read" in told
    assert library.sections["hormone"].title in told
    assert "Input should be" not in told  # plain words, no key names
    assert "sections" not in told
    opened = at.session_state["workbook"]
    assert opened.id != saved_full.id
    assert store.load(opened.id).workbook.profile.name == saved_full.profile.name
