"""Concurrent saves on a real PostgreSQL: the revision check loses no update.

Writers in threads (one server, one pool) and in separate processes (two app servers,
two pools) each add their own questions to the same workbook; a refused save reloads
the newer version and applies the edit again. Every edit must be in the database at
the end, and the revision must count every successful save.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from tests.clinic.conftest import PATIENT, ClinicDb, owner_sql
from workbook import edits, store
from workbook.model import Workbook

ROOT = Path(__file__).resolve().parents[2]
EDITS = 12


def _add_with_retry(workbook_id: str, text: str) -> int:
    """Add one question, retrying on a conflict; returns how many conflicts it met."""
    conflicts = 0
    saved = store.load(workbook_id)
    assert saved is not None
    wb, rev = saved.workbook, saved.revision
    while True:
        edits.add_own_question(wb, "general", text)
        try:
            store.save(wb, rev)
            return conflicts
        except store.ConflictError as exc:
            conflicts += 1
            wb, rev = exc.latest.workbook, exc.latest.revision


def _texts(db: ClinicDb, wid: str) -> list[str]:
    [(questions,)] = owner_sql(
        db, "SELECT data->'sections'->'general'->'questions' FROM workbooks WHERE id = %s", (wid,)
    )
    return sorted(q["text"] for q in questions)  # type: ignore[attr-defined]


def test_two_saves_on_the_same_revision_one_wins_one_is_told(pg_store):
    wb = Workbook()
    store.create(wb)
    barrier = threading.Barrier(2)
    results: list[object] = []

    def write(note: str) -> None:
        saved = store.load(wb.id)
        assert saved is not None
        mine = saved.workbook
        edits.set_notes(mine, "general", note)
        barrier.wait()  # both hold revision 1 before either saves
        try:
            results.append(store.save(mine, 1))
        except store.ConflictError as exc:
            results.append(exc.latest.revision)

    def run(note: str) -> None:
        with store.acting(PATIENT):
            write(note)

    threads = [threading.Thread(target=run, args=(n,)) for n in ("left", "right")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [2, 2]  # one saved revision 2; the other was refused and shown 2
    assert owner_sql(pg_store, "SELECT revision FROM workbooks") == [(2,)]


def test_threads_saving_the_same_workbook_lose_no_edit(pg_store):
    wb = Workbook()
    store.create(wb)
    conflicts: list[int] = []

    def worker(n: int) -> None:
        with store.acting(PATIENT):
            conflicts.extend(_add_with_retry(wb.id, f"thread {n} edit {i}") for i in range(EDITS))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(conflicts) == 4 * EDITS
    assert _texts(pg_store, wb.id) == sorted(f"thread {n} edit {i}" for n in range(4) for i in range(EDITS))
    assert owner_sql(pg_store, "SELECT revision FROM workbooks") == [(1 + 4 * EDITS,)]


def test_two_processes_like_two_app_servers_lose_no_edit(pg_store):
    wb = Workbook()
    store.create(wb)
    script = textwrap.dedent(f"""
        import sys
        from tests.clinic.test_store_concurrency import _add_with_retry
        from workbook import store
        who = store.Actor(issuer={PATIENT.issuer!r}, subject={PATIENT.subject!r}, name={PATIENT.name!r})
        with store.acting(who):
            for i in range({EDITS}):
                _add_with_retry({wb.id!r}, f"process {{sys.argv[1]}} edit {{i}}")
    """)
    env = {**os.environ, store.DATABASE_URL_ENV: pg_store.app_url, "PYTHONPATH": str(ROOT)}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(n)], env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True
        )
        for n in range(2)
    ]
    for child in children:
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err[-2000:]
    assert _texts(pg_store, wb.id) == sorted(f"process {n} edit {i}" for n in range(2) for i in range(EDITS))
    assert owner_sql(pg_store, "SELECT revision FROM workbooks") == [(1 + 2 * EDITS,)]
