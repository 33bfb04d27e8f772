"""The same store tests SQLite passes, run against a real PostgreSQL (clinic mode).

The tests are imported from tests/unit/ unchanged; the autouse fixture below points the
store at PostgreSQL with a signed-in patient. Tests that open the SQLite file directly
(permissions, a vanished folder, an old SQLite schema, damaged text) have PostgreSQL
counterparts here instead.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from tests.clinic.conftest import PATIENT, ClinicDb, owner_sql
from tests.unit.test_history import (  # noqa: F401  (collected here, against PostgreSQL)
    Clock,
    _saves,
    clock,
    test_delete_is_soft_and_undoable_for_thirty_days,
    test_history_restores_any_of_the_last_twenty_versions,
    test_history_says_what_changed_in_words,
    test_restore_is_itself_undoable,
    test_restore_over_a_newer_revision_is_a_conflict,
    test_unknown_version_is_a_plain_error,
)
from tests.unit.test_store import (  # noqa: F401
    test_conflict_carries_the_newer_version,
    test_create_load_save_and_reopen_by_id,
    test_invalid_workbook_is_refused_and_the_last_good_revision_stays,
    test_list_and_delete_newest_first,
    test_listing_counts_chosen_questions,
    test_saving_a_workbook_deleted_elsewhere_is_refused_not_reinserted,
    test_stale_save_is_refused_not_silently_lost,
    test_unknown_id_loads_nothing,
)
from workbook import edits, store
from workbook.model import Workbook


@pytest.fixture(autouse=True)
def _postgres(pg_store: ClinicDb) -> ClinicDb:
    assert store.backend_name() == "postgres"
    return pg_store


def _kept(db: ClinicDb, wid: str) -> list[int]:
    rows = owner_sql(db, "SELECT revision FROM versions WHERE workbook_id = %s ORDER BY revision", (wid,))
    return [int(r[0]) for r in rows]  # type: ignore[call-overload]


def test_every_save_keeps_the_version_it_replaces(pg_store):
    wb = Workbook()
    assert _saves(wb, 6) == 6
    assert _kept(pg_store, wb.id) == [1, 2, 3, 4, 5]
    assert store.load_version(wb.id, 3).sections["general"].notes == "note 2"
    assert [v.revision for v in store.history(wb.id)] == [6, 5, 4, 3, 2, 1]


def test_versions_are_append_only_even_for_the_owner(pg_store):
    wb = Workbook()
    _saves(wb, 2)
    with pytest.raises(Exception, match="append-only"):
        owner_sql(pg_store, "UPDATE versions SET data = '{}'")


def test_store_thins_with_injected_time(pg_store, clock):  # noqa: F811
    wb = Workbook()
    _saves(wb, 61, clock, step=timedelta(minutes=15))
    assert len(_kept(pg_store, wb.id)) == 60
    clock.now += timedelta(days=5)
    edits.set_notes(wb, "general", "five days later")
    rev = store.save(wb, 61)
    kept = _kept(pg_store, wb.id)
    assert 20 < len(kept) <= 20 + 16
    assert kept[-20:] == list(range(rev - 20, rev))


def test_deleted_workbooks_are_purged_after_thirty_days(pg_store, clock):  # noqa: F811  # noqa: F811
    wb, keep = Workbook(), Workbook()
    _saves(wb, 3)
    store.create(keep)
    store.delete(wb.id)
    clock.now += timedelta(days=30, minutes=1)
    assert store.list_deleted() == []
    assert _kept(pg_store, wb.id) == []
    assert owner_sql(pg_store, "SELECT 1 FROM workbooks WHERE id = %s", (wb.id,)) == []
    with pytest.raises(store.StoreError):
        store.undelete(wb.id)
    assert [w.id for w in store.list_saved()] == [keep.id]


def test_data_is_stored_as_jsonb(pg_store, full_wb):
    store.create(full_wb)
    [(kind, name)] = owner_sql(
        pg_store,
        "SELECT jsonb_typeof(data), data->'profile'->>'name' FROM workbooks WHERE id = %s",
        (full_wb.id,),
    )
    assert kind == "object"
    assert name == full_wb.profile.name


def test_damaged_stored_part_is_salvaged_and_named(pg_store):
    wb = Workbook()
    edits.set_notes(wb, "hormone", "kept note")
    store.create(wb)
    raw = json.loads(wb.model_dump_json())
    raw["sections"]["hormone"]["status"] = None
    owner_sql(pg_store, "UPDATE workbooks SET data = %s::jsonb WHERE id = %s", (json.dumps(raw), wb.id))
    saved = store.load(wb.id)
    assert saved.damaged == ("Hormone therapy: the page status",)
    assert saved.workbook.sections["hormone"].notes == "kept note"
    assert [v.revision for v in store.history(wb.id)] == [1]
    store.save(saved.workbook, saved.revision)
    [(kept,)] = owner_sql(
        pg_store,
        "SELECT data->'sections'->'hormone'->'status' FROM versions WHERE workbook_id = %s",
        (wb.id,),
    )
    assert kept is None


def test_an_unreadable_latest_save_opens_the_newest_readable_version(pg_store):
    wb = Workbook()
    edits.set_notes(wb, "general", "earlier")
    store.create(wb)
    edits.set_notes(wb, "general", "latest")
    store.save(wb, 1)
    owner_sql(pg_store, """UPDATE workbooks SET data = '"not a workbook"'::jsonb WHERE id = %s""", (wb.id,))
    saved = store.load(wb.id)
    assert saved.revision == 2
    assert saved.workbook.sections["general"].notes == "earlier"
    assert saved.damaged[0].startswith("The latest save could not be read")
    assert store.save(saved.workbook, 2) == 3


def test_no_actor_opens_nothing(pg_store):
    wb = Workbook()
    store.create(wb)
    with store.acting(None):
        for call in (lambda: store.load(wb.id), store.list_saved, lambda: store.save(wb, 1)):
            with pytest.raises(store.NotSignedInError):
                call()


def test_the_app_refuses_to_connect_as_the_owner(pg_store, monkeypatch):
    from workbook.store import postgres

    monkeypatch.setenv(store.DATABASE_URL_ENV, pg_store.owner_url)
    with pytest.raises(store.StoreError, match="must connect as a member of workbook_app"):
        store.list_saved()
    postgres._pools.pop(pg_store.owner_url, None)


def test_migrations_are_recorded_and_applied_once(pg_store):
    from workbook.store import postgres

    names = [r[0] for r in owner_sql(pg_store, "SELECT name FROM schema_migrations ORDER BY version")]
    assert names == [name for _, name, _ in postgres.migrations()]
    assert postgres.migrate(pg_store.owner_url) == []


def test_owner_is_the_signed_in_patient(pg_store):
    wb = Workbook()
    store.create(wb)
    [(owner,)] = owner_sql(pg_store, "SELECT owner FROM workbooks WHERE id = %s", (wb.id,))
    assert owner == PATIENT.key
