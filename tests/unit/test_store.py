import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbook import edits, store
from workbook.model import Workbook

ROOT = Path(__file__).resolve().parents[2]


def test_data_dir_follows_the_environment(data_dir):
    assert store.data_dir() == data_dir
    store.list_saved()  # the first open makes the folder
    assert data_dir.is_dir()


def test_create_load_save_and_reopen_by_id(full_wb):
    assert store.create(full_wb) == 1
    edits.set_notes(full_wb, "surgery", "new note")
    assert store.save(full_wb, 1) == 2
    # A browser refresh: a new session reopens the workbook by its id alone.
    saved = store.load(full_wb.id)
    assert saved.revision == 2
    assert saved.workbook.sections["surgery"].notes == "new note"


def test_unknown_id_loads_nothing():
    assert store.load("no-such-workbook") is None


def test_stale_save_is_refused_not_silently_lost():
    wb = Workbook()
    store.create(wb)
    tab_a = store.load(wb.id).workbook
    tab_b = store.load(wb.id).workbook
    edits.set_notes(tab_a, "general", "from tab A")
    store.save(tab_a, 1)
    edits.set_notes(tab_b, "general", "from tab B")
    with pytest.raises(store.ConflictError):
        store.save(tab_b, 1)
    assert store.load(wb.id).workbook.sections["general"].notes == "from tab A"


def test_saving_a_workbook_deleted_elsewhere_is_refused_not_reinserted():
    """Issue 17: old code re-inserted a workbook deleted in another tab, silently."""
    wb = Workbook()
    store.create(wb)
    store.delete(wb.id)
    edits.set_notes(wb, "general", "still here")
    # getattr: on the old code this fails by saving, not by a missing name.
    with pytest.raises(getattr(store, "DeletedError", store.StoreError)):
        store.save(wb, 1)
    assert store.load(wb.id) is None
    assert [w.id for w in store.list_deleted()] == [wb.id]


def test_list_and_delete_newest_first():
    older, newer = Workbook(), Workbook()
    edits.update_profile(newer, name="  Robin  ")
    store.create(older)
    store.create(newer)
    listed = store.list_saved()
    assert [w.id for w in listed] == [newer.id, older.id]
    assert listed[0].label == "Robin"
    store.delete(older.id)
    assert [w.id for w in store.list_saved()] == [newer.id]


def test_unreadable_row_raises_a_plain_error(data_dir):
    wb = Workbook()
    store.create(wb)
    import sqlite3

    with sqlite3.connect(data_dir / store.DB_NAME) as con:
        con.execute("UPDATE workbooks SET data = '{broken' WHERE id = ?", (wb.id,))
    with pytest.raises(store.StoreError):
        store.load(wb.id)


def test_saved_changes_survive_the_process_being_killed(data_dir):
    """A child saves change after change; we SIGKILL it mid-stream; every
    save it reported as committed must be there when we reopen."""
    script = textwrap.dedent("""
        import sys
        from workbook import edits, store
        from workbook.model import Workbook
        wb = Workbook(id="killed-workbook-id-000001")
        rev = store.create(wb)
        print("created", flush=True)
        i = 0
        while True:
            i += 1
            edits.set_notes(wb, "general", f"note {i}")
            rev = store.save(wb, rev)
            print(i, flush=True)
    """)
    env = {**os.environ, store.DATA_DIR_ENV: str(data_dir), "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    last = 0
    for line in child.stdout:
        if line.strip().isdigit():
            last = int(line)
            if last >= 25:
                break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    saved = store.load("killed-workbook-id-000001")
    committed = int(saved.workbook.sections["general"].notes.split()[1])
    assert committed >= last


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_data_folder_and_database_are_private_to_this_user(data_dir):
    store.create(Workbook())
    assert data_dir.stat().st_mode & 0o077 == 0
    assert (data_dir / store.DB_NAME).stat().st_mode & 0o077 == 0


def test_invalid_workbook_is_refused_and_the_last_good_revision_stays():
    """Issue 8 defect 1: old store wrote `status: null`, then refused the whole workbook."""
    wb = Workbook()
    store.create(wb)
    edits.set_notes(wb, "hormone", "my note")
    store.save(wb, 1)
    # A value that slipped past validation (an in-place change to a dict).
    wb.sharing["notes"] = "maybe"  # type: ignore[assignment]
    with pytest.raises(getattr(store, "InvalidWorkbookError", store.StoreError)) as err:
        store.save(wb, 2)
    assert err.value.parts == ("What to share",)
    assert "Input should be" not in str(err.value)
    saved = store.load(wb.id)
    assert saved.revision == 2
    assert saved.workbook.sections["hormone"].notes == "my note"
    bad = Workbook()
    bad.sections["hormone"].__dict__["status"] = None  # bypasses every check
    with pytest.raises(store.InvalidWorkbookError):
        store.create(bad)
    assert store.load(bad.id) is None


def test_conflict_carries_the_newer_version():
    wb = Workbook()
    store.create(wb)
    other = store.load(wb.id).workbook
    edits.set_notes(other, "general", "other tab")
    store.save(other, 1)
    with pytest.raises(store.ConflictError) as err:
        store.save(wb, 1)
    assert err.value.latest.revision == 2
    assert err.value.latest.workbook.sections["general"].notes == "other tab"


def test_listing_counts_chosen_questions(full_wb):
    store.create(full_wb)
    [listed] = store.list_saved()
    assert listed.questions == sum(len(s.questions) for s in full_wb.sections.values()) > 0


def test_damaged_stored_part_is_salvaged_and_named(data_dir):
    """Issue 8 defect 1: old load refused a whole workbook over one bad field."""
    wb = Workbook()
    edits.set_notes(wb, "hormone", "kept note")
    store.create(wb)
    import json
    import sqlite3

    raw = json.loads(wb.model_dump_json())
    raw["sections"]["hormone"]["status"] = None
    with sqlite3.connect(data_dir / store.DB_NAME) as con:
        con.execute("UPDATE workbooks SET data = ? WHERE id = ?", (json.dumps(raw), wb.id))
    saved = store.load(wb.id)
    assert saved.damaged == ("Hormone therapy: the page status",)
    assert saved.workbook.sections["hormone"].notes == "kept note"
    assert saved.workbook.sections["hormone"].status == "not_started"
    # The damaged original is in history at once, and stays there after a save over it.
    assert [v.revision for v in store.history(wb.id)] == [1]
    assert store.load(wb.id).damaged  # loading again changes nothing
    store.save(saved.workbook, saved.revision)
    assert [v.revision for v in store.history(wb.id)] == [2, 1]
    with sqlite3.connect(data_dir / store.DB_NAME) as con:
        (kept,) = con.execute(
            "SELECT data FROM versions WHERE workbook_id = ? AND revision = 1", (wb.id,)
        ).fetchone()
    assert json.loads(kept)["sections"]["hormone"]["status"] is None


def test_a_database_from_the_old_version_opens_and_upgrades(data_dir):
    import sqlite3

    data_dir.mkdir(mode=0o700)
    wb = Workbook()
    with sqlite3.connect(data_dir / store.DB_NAME) as con:
        con.execute(
            "CREATE TABLE workbooks (id TEXT PRIMARY KEY, revision INTEGER NOT NULL, "
            "label TEXT NOT NULL, updated_at TEXT NOT NULL, data TEXT NOT NULL)"
        )
        con.execute(
            "INSERT INTO workbooks VALUES (?, 4, '', '2026-01-01T00:00:00+00:00', ?)",
            (wb.id, wb.model_dump_json()),
        )
    assert store.load(wb.id).revision == 4
    assert store.save(wb, 4) == 5
    assert [w.id for w in store.list_saved()] == [wb.id]


# --- issue 17: faults at the edges -------------------------------------------


def test_data_folder_vanishing_is_reported_and_never_replaced_by_an_empty_one(data_dir, tmp_path):
    """Issue 17: old code silently made a new empty store and reported the save."""
    wb = Workbook()
    store.create(wb)
    moved = tmp_path / "moved-away"
    data_dir.rename(moved)  # moved, unmounted or deleted while the app runs
    edits.set_notes(wb, "general", "typed while the folder was gone")
    # getattr: on the old code this fails by saving into a new store, not by a missing name.
    missing = getattr(store, "StoreMissingError", store.StoreError)
    with pytest.raises(missing):
        store.save(wb, 1)
    with pytest.raises(missing):
        store.list_saved()
    assert not data_dir.exists()  # no new, empty store behind the person's back
    assert not store.available()
    moved.rename(data_dir)  # the folder is back: the kept edit saves
    assert store.available()
    assert store.save(wb, 1) == 2
    assert store.load(wb.id).workbook.sections["general"].notes == "typed while the folder was gone"


def test_database_file_vanishing_is_reported(data_dir):
    store.create(Workbook())
    for suffix in ("", "-wal", "-shm"):
        (data_dir / (store.DB_NAME + suffix)).unlink(missing_ok=True)
    with pytest.raises(store.StoreMissingError):
        store.list_saved()
    assert not (data_dir / store.DB_NAME).exists()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_existing_wide_permissions_are_tightened_at_open(data_dir):
    """Issue 17: old code left an existing 755 folder and 644 database as they were."""
    store.create(Workbook())  # makes the database, its WAL and SHM
    data_dir.chmod(0o755)
    files = [data_dir / (store.DB_NAME + s) for s in ("", "-wal", "-shm")]
    for path in files:
        path.touch()
        path.chmod(0o644)
    store.list_saved()
    assert data_dir.stat().st_mode & 0o777 == 0o700
    for path in files:
        if path.exists():
            assert path.stat().st_mode & 0o777 == 0o600, path.name


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_permissions_that_cannot_be_tightened_give_a_plain_error(data_dir, monkeypatch):
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)

    def refuse(*_args, **_kwargs):
        raise PermissionError("not the owner")

    monkeypatch.setattr(store.os, "chmod", refuse)
    with pytest.raises(store.StoreError) as err:
        store.list_saved()
    assert "Others on this computer could read" in str(err.value)
    assert "PermissionError" not in str(err.value)


def test_first_open_in_a_process_creates_the_folder(data_dir):
    assert not data_dir.exists()
    assert store.available()
    store.create(Workbook())
    assert (data_dir / store.DB_NAME).is_file()


def test_an_unreadable_latest_save_opens_the_newest_readable_version(data_dir):
    import sqlite3

    wb = Workbook()
    edits.set_notes(wb, "general", "earlier")
    store.create(wb)
    edits.set_notes(wb, "general", "latest")
    store.save(wb, 1)
    with sqlite3.connect(data_dir / store.DB_NAME) as con:
        con.execute("UPDATE workbooks SET data = 'not json' WHERE id = ?", (wb.id,))
    saved = store.load(wb.id)
    assert saved.revision == 2
    assert saved.workbook.sections["general"].notes == "earlier"
    assert saved.damaged[0].startswith("The latest save could not be read, so the version saved on ")
    assert store.save(saved.workbook, 2) == 3  # and it saves on from there
