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
    assert store.data_dir() == data_dir and data_dir.is_dir()


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


def test_saving_a_workbook_deleted_elsewhere_keeps_the_work():
    wb = Workbook()
    store.create(wb)
    store.delete(wb.id)
    edits.set_notes(wb, "general", "still here")
    assert store.save(wb, 1) == 2
    assert store.load(wb.id).workbook.sections["general"].notes == "still here"


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
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                             text=True, env=env, cwd=ROOT)
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
