"""Version history: every save keeps what it replaces, thinned with age; restore; recently deleted."""

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from workbook import edits, history, store
from workbook.model import Workbook

T0 = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


class Clock:
    """An injected clock for the store: tests move time on by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock(T0)
    monkeypatch.setattr(store, "clock", c)
    return c


def _saves(wb: Workbook, n: int, clock: Clock | None = None, step=timedelta(minutes=1)) -> int:
    rev = store.create(wb)
    for i in range(1, n):
        if clock:
            clock.now += step
        edits.set_notes(wb, "general", f"note {i}")
        rev = store.save(wb, rev)
    return rev


def _kept(data_dir, wid) -> list[int]:
    with sqlite3.connect(data_dir / store.DB_NAME) as con:
        return [
            r
            for (r,) in con.execute(
                "SELECT revision FROM versions WHERE workbook_id = ? ORDER BY revision", (wid,)
            )
        ]


def test_every_save_keeps_the_version_it_replaces(data_dir):
    """Issue 8: the old store overwrote each version in place."""
    wb = Workbook()
    rev = _saves(wb, 6)
    assert rev == 6
    assert _kept(data_dir, wb.id) == [1, 2, 3, 4, 5]
    assert store.load_version(wb.id, 3).sections["general"].notes == "note 2"
    assert [v.revision for v in store.history(wb.id)] == [6, 5, 4, 3, 2, 1]


def test_versions_are_append_only(data_dir):
    wb = Workbook()
    _saves(wb, 2)
    with sqlite3.connect(data_dir / store.DB_NAME) as con, pytest.raises(sqlite3.DatabaseError):
        con.execute("UPDATE versions SET data = '{}'")


def _ages(*hours: float) -> list[tuple[int, datetime]]:
    """(revision, saved_at) pairs, newest first gets the highest revision."""
    return [(len(hours) - n, T0 - timedelta(hours=h)) for n, h in enumerate(hours)]


def test_thinning_keeps_all_for_two_days_hourly_for_two_weeks_then_daily(monkeypatch):
    monkeypatch.setattr(history, "KEEP_NEWEST", 0)
    recent = [0.1 * i for i in range(1, 40)]  # within 2 days: all kept
    hourly = [50 + 0.25 * i for i in range(8)]  # 2 hours' worth, 4 per hour
    daily = [24 * 20 + i for i in range(30)]  # ~1.25 days, 20 days back
    versions = _ages(*recent, *hourly, *daily)
    drop = set(history.to_drop(versions, T0))
    kept = [(r, at) for r, at in versions if r not in drop]
    assert all(r not in drop for r, at in versions if T0 - at <= history.ALL_FOR)
    mid = [at for _, at in kept if history.ALL_FOR < T0 - at <= history.HOURLY_FOR]
    assert len(mid) == len(
        {at.strftime("%Y%m%d%H") for _, at in versions if history.ALL_FOR < T0 - at <= history.HOURLY_FOR}
    )
    old = [at for _, at in kept if T0 - at > history.HOURLY_FOR]
    assert len(old) == len({at.date() for _, at in versions if T0 - at > history.HOURLY_FOR}) == 2
    # The one kept in each bucket is the newest of that bucket.
    for _, at in kept:
        if T0 - at > history.HOURLY_FOR:
            assert at == max(a for _, a in versions if a.date() == at.date())


def test_thinning_always_keeps_the_newest_twenty():
    versions = _ages(*[24 * 30 + i for i in range(30)])  # all a month old, 30 in two days
    drop = history.to_drop(versions, T0)
    newest = sorted(r for r, _ in versions)[-history.KEEP_NEWEST :]
    assert not set(drop) & set(newest)


def test_store_thins_with_injected_time(data_dir, clock):
    wb = Workbook()
    _saves(wb, 61, clock, step=timedelta(minutes=15))  # 15 hours of saves, 4 per hour
    assert len(_kept(data_dir, wb.id)) == 60  # all younger than 2 days
    clock.now += timedelta(days=5)
    edits.set_notes(wb, "general", "five days later")
    rev = store.save(wb, 61)
    kept = _kept(data_dir, wb.id)
    # The newest 20 always stay; older ones one per hour (15 hours -> at most 16 buckets).
    assert 20 < len(kept) <= 20 + 16
    assert kept[-20:] == list(range(rev - 20, rev))


def test_history_restores_any_of_the_last_twenty_versions():
    """Issue 8, done when: history restores any of the last 20 versions."""
    wb = Workbook()
    rev = _saves(wb, 30)
    for target in range(rev - 19, rev + 1):
        wanted = store.load_version(wb.id, target).sections["general"].notes
        new_rev = store.restore(wb.id, target, rev)
        assert new_rev == rev + 1
        assert store.load(wb.id).workbook.sections["general"].notes == wanted
        rev = new_rev


def test_restore_is_itself_undoable():
    wb = Workbook()
    edits.set_notes(wb, "general", "first")
    store.create(wb)
    edits.set_notes(wb, "general", "second")
    store.save(wb, 1)
    store.restore(wb.id, 1, 2)
    assert store.load(wb.id).workbook.sections["general"].notes == "first"
    store.restore(wb.id, 2, 3)  # undo the restore
    assert store.load(wb.id).workbook.sections["general"].notes == "second"


def test_restore_over_a_newer_revision_is_a_conflict():
    wb = Workbook()
    _saves(wb, 3)
    with pytest.raises(store.ConflictError):
        store.restore(wb.id, 1, 2)


def test_history_says_what_changed_in_words():
    wb = Workbook()
    store.create(wb)
    edits.choose_question(wb, "hormone", "hormone.goal", "Goal?")
    edits.add_own_question(wb, "hormone", "Mine?")
    edits.set_notes(wb, "hormone", "a note")
    store.save(wb, 1)
    edits.update_profile(wb, name="Robin")
    store.save(wb, 2)
    newest, middle, first = store.history(wb.id)
    assert newest.summary == "About me changed"
    assert middle.summary == "Hormone therapy: 2 questions added, notes changed"
    assert first.summary == "The first version kept"
    assert newest.saved_at >= middle.saved_at >= first.saved_at


def test_unknown_version_is_a_plain_error():
    wb = Workbook()
    store.create(wb)
    with pytest.raises(store.StoreError):
        store.load_version(wb.id, 7)
    assert store.history("nope") == []


# --- recently deleted ------------------------------------------------------


def test_delete_is_soft_and_undoable_for_thirty_days(clock):
    """Issue 8: the old delete removed the row at once, with no way back."""
    wb = Workbook()
    edits.update_profile(wb, name="Robin")
    store.create(wb)
    store.delete(wb.id)
    assert store.list_saved() == []
    assert store.load(wb.id) is None
    [gone] = store.list_deleted()
    assert gone.id == wb.id
    assert gone.label == "Robin"
    assert gone.deleted_at == T0
    clock.now += timedelta(days=29)
    store.undelete(wb.id)
    assert store.load(wb.id).workbook.profile.name == "Robin"
    assert store.list_deleted() == []


def test_deleted_workbooks_are_purged_after_thirty_days(clock, data_dir):
    wb, keep = Workbook(), Workbook()
    _saves(wb, 3)
    store.create(keep)
    store.delete(wb.id)
    clock.now += timedelta(days=30, minutes=1)
    assert store.list_deleted() == []
    assert _kept(data_dir, wb.id) == []
    with pytest.raises(store.StoreError):
        store.undelete(wb.id)
    assert [w.id for w in store.list_saved()] == [keep.id]
