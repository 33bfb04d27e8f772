"""The clinic access model through its code path, on a real PostgreSQL."""

from __future__ import annotations

import pytest

from tests.clinic.conftest import PATIENT, ClinicDb, owner_sql
from tests.nasty import NASTY
from workbook import access, edits, store
from workbook.model import Workbook

CAREGIVER = store.Actor(issuer="https://id.example", subject="daughter", name="Dana Daughter")
NURSE = store.Actor(issuer="https://id.example", subject="nurse-7", name="Nora Nurse")
STRANGER = store.Actor(issuer="https://id.example", subject="stranger", name="Sam Stranger")
# Same subject, another issuer: a different person.
IMPOSTOR = store.Actor(issuer="https://evil.example", subject="patient-1", name="Pat Patient")


@pytest.fixture
def shared(pg_store: ClinicDb) -> Workbook:
    wb = Workbook()
    edits.set_notes(wb, "general", "a private note")
    store.create(wb)
    return wb


def _join(wb: Workbook, who: store.Actor, role: access.Role) -> None:
    token = access.invite(wb.id, role)
    with store.acting(who):
        assert access.accept_invitation(token) == wb.id


def test_reader_reads_but_cannot_write_delete_or_see_history(shared):
    _join(shared, CAREGIVER, "read")
    with store.acting(CAREGIVER):
        assert access.role_on(shared.id) == "read"
        assert store.load(shared.id).workbook.sections["general"].notes == "a private note"
        with pytest.raises(store.NotAllowedError):
            store.save(shared, 1)
        with pytest.raises(store.NotAllowedError):
            store.delete(shared.id)
        assert store.history(shared.id) == []
        with pytest.raises(store.StoreError):
            store.load_version(shared.id, 1)
        assert store.list_saved() == []
        [seen] = access.shared_with_me()
        assert (seen.workbook_id, seen.owner_name, seen.role) == (shared.id, "Pat Patient", "read")
        with pytest.raises(store.NotAllowedError):
            access.suggest(shared.id, "general", "Can I come along?")
    assert store.load(shared.id).revision == 1


def test_strangers_and_other_issuers_see_nothing(shared):
    for who in (STRANGER, IMPOSTOR):
        with store.acting(who):
            assert store.load(shared.id) is None
            assert access.role_on(shared.id) is None
            assert access.shared_with_me() == []
            assert access.suggestions(shared.id) == []
            assert access.notes(shared.id) == []
            for call in (
                lambda: access.grants(shared.id),
                lambda: access.invite(shared.id, "read"),
                lambda: access.audit_trail(shared.id),
                lambda: store.save(shared, 1),
            ):
                with pytest.raises(store.StoreError):
                    call()


def test_an_invitation_works_once_and_only_its_hash_is_stored(pg_store, shared):
    token = access.invite(shared.id, "suggest")
    [(stored,)] = owner_sql(pg_store, "SELECT token_hash FROM invitations")
    assert bytes(stored) == access.token_hash(token)
    assert token.encode() not in bytes(stored)
    with store.acting(CAREGIVER):
        assert access.accept_invitation(token) == shared.id
    with store.acting(STRANGER):
        assert access.accept_invitation(token) is None  # reused
        assert store.load(shared.id) is None


def test_expired_made_up_and_own_invitations_give_nothing(pg_store, shared):
    token = access.invite(shared.id, "read")
    owner_sql(pg_store, "UPDATE invitations SET expires_at = now() - interval '1 second'")
    with store.acting(CAREGIVER):
        assert access.accept_invitation(token) is None
        assert access.accept_invitation("x" * 43) is None
        for nasty in NASTY:
            assert access.accept_invitation(nasty) is None
        assert store.load(shared.id) is None
    assert access.accept_invitation(access.invite(shared.id, "read")) is None  # the owner herself


def test_revoking_stops_reading_at_once(shared):
    _join(shared, CAREGIVER, "read")
    [grant] = access.grants(shared.id)
    assert (grant.name, grant.role) == ("Dana Daughter", "read")
    with store.acting(CAREGIVER), pytest.raises(store.NotAllowedError):
        access.revoke(grant.id)
    access.revoke(grant.id)
    assert access.grants(shared.id) == []
    with store.acting(CAREGIVER):
        assert store.load(shared.id) is None
        assert access.shared_with_me() == []


def test_the_patient_sees_her_unused_links_and_can_stop_one(pg_store, shared):
    kept, wrong, used = (access.invite(shared.id, r) for r in ("read", "suggest", "navigator"))
    expired = access.invite(shared.id, "read")
    owner_sql(
        pg_store,
        f"UPDATE invitations SET expires_at = now() - interval '1 second' "
        f"WHERE token_hash = decode('{access.token_hash(expired).hex()}', 'hex')",
    )
    with store.acting(NURSE):
        assert access.accept_invitation(used) == shared.id
    listed = access.invitations(shared.id)
    assert [i.role for i in listed] == ["read", "suggest"]  # not the used one, not the expired one
    assert all(i.expires_at > i.created_at for i in listed)
    for who in (CAREGIVER, NURSE, STRANGER):  # only the owner sees or stops her links
        with store.acting(who):
            with pytest.raises(store.StoreError):
                access.invitations(shared.id)
            with pytest.raises(store.NotAllowedError):
                access.cancel_invitation(listed[1].id)
    access.cancel_invitation(listed[1].id)
    assert [i.role for i in access.invitations(shared.id)] == ["read"]
    with pytest.raises(store.NotAllowedError):
        access.cancel_invitation(listed[1].id)  # already stopped
    with store.acting(CAREGIVER):
        assert access.accept_invitation(wrong) is None  # the stopped link opens nothing
        assert access.accept_invitation(kept) == shared.id
    assert access.invitations(shared.id) == []
    assert "revoked" in [e.action for e in access.audit_trail(shared.id)]


def test_a_deleted_workbook_is_no_longer_shared(shared):
    _join(shared, CAREGIVER, "read")
    store.delete(shared.id)
    with store.acting(CAREGIVER):
        assert store.load(shared.id) is None


def test_suggestions_are_marked_as_theirs_and_the_owner_decides(shared):
    _join(shared, CAREGIVER, "suggest")
    with store.acting(CAREGIVER):
        sid = access.suggest(shared.id, "general", "  Ask about <b>pain</b> & sleep  ")
        [mine] = access.suggestions(shared.id)
        assert mine.text == "Ask about <b>pain</b> & sleep"
        with pytest.raises(store.StoreError):
            access.suggest(shared.id, "general", "   ")
        with pytest.raises(store.StoreError):
            access.suggest(shared.id, "general", "x" * (access.SUGGESTION_CHARS + 1))
        with pytest.raises(store.NotAllowedError):
            access.decide(sid, True)
    [pending] = access.suggestions(shared.id)
    assert (pending.author_name, pending.section, pending.status) == ("Dana Daughter", "general", "pending")
    decided = access.decide(sid, accept=True)
    assert decided.status == "accepted"
    assert access.suggestions(shared.id) == []
    with pytest.raises(store.NotAllowedError):
        access.decide(sid, accept=False)  # answered once


def test_a_navigator_leaves_a_note_the_patient_reads(shared):
    _join(shared, NURSE, "navigator")
    _join(shared, CAREGIVER, "read")
    with store.acting(NURSE):
        assert store.load(shared.id) is not None
        access.leave_note(shared.id, "Bring your medicine list.")
        access.leave_note(shared.id, "Bring your medicine list and a friend.")
        access.record(shared.id, "exported")
    with store.acting(CAREGIVER):
        with pytest.raises(store.NotAllowedError):
            access.leave_note(shared.id, "not a navigator")
        assert access.notes(shared.id) == []
    [note] = access.notes(shared.id)
    assert (note.author_name, note.text) == ("Nora Nurse", "Bring your medicine list and a friend.")


def test_the_audit_trail_says_who_did_what_and_never_health_text(pg_store, shared):
    _join(shared, CAREGIVER, "suggest")
    with store.acting(CAREGIVER):
        store.load(shared.id)
        store.load(shared.id)  # the same hour: one line
        access.suggest(shared.id, "general", "What about my private worry?")
        access.record(shared.id, "exported")
    trail = access.audit_trail(shared.id)
    seen = [(e.name, e.action, e.mine) for e in trail]
    assert ("Dana Daughter", "opened", False) in seen
    assert ("Dana Daughter", "joined", False) in seen
    assert ("Dana Daughter", "exported", False) in seen
    assert ("Pat Patient", "invited", True) in seen
    assert ("Pat Patient", "changed", True) in seen
    assert seen.count(("Dana Daughter", "opened", False)) == 1
    dump = str(owner_sql(pg_store, "SELECT * FROM audit"))
    assert "private" not in dump
    assert "worry" not in dump
    with store.acting(CAREGIVER), pytest.raises(store.NotAllowedError):
        access.audit_trail(shared.id)


def test_hostile_display_names_are_kept_as_plain_text(shared):
    for i, nasty in enumerate(NASTY[:20]):
        who = store.Actor(issuer="https://id.example", subject=f"n{i}", name=nasty)
        _join(shared, who, "read")
    names = {g.name for g in access.grants(shared.id)}
    assert all(len(n) <= 120 and not any(ord(c) < 32 for c in n) for n in names)


def test_sharing_is_clinic_only(monkeypatch):
    monkeypatch.delenv(store.DATABASE_URL_ENV, raising=False)
    with pytest.raises(access.ClinicOnlyError):
        access.shared_with_me()


def test_the_patient_fixture_is_the_owner(shared):
    assert access.role_on(shared.id) == "owner"
    assert PATIENT.key != IMPOSTOR.key
