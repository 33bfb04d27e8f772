"""Row-level security checked directly: SQL as the app's role, not through workbook/ code.

If a view or a core function had a bug, these are the rules the database still keeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest

from tests.clinic.conftest import PATIENT, ClinicDb, owner_sql
from workbook import access, edits, store
from workbook.model import Workbook

CAREGIVER = store.Actor(issuer="https://id.example", subject="son", name="Sid Son")
SUGGESTER = store.Actor(issuer="https://id.example", subject="friend", name="Fay Friend")
STRANGER = store.Actor(issuer="https://id.example", subject="nobody", name="No Body")
TABLES = ("workbooks", "versions", "grants", "invitations", "suggestions", "navigator_notes", "audit")


@contextmanager
def app_sql(db: ClinicDb, actor: store.Actor | None) -> Iterator[psycopg.Cursor[Any]]:
    """One transaction as the app's login role, acting as `actor` (or nobody)."""
    with psycopg.connect(db.app_url) as con, con.transaction(), con.cursor() as cur:
        if actor is not None:
            cur.execute("SELECT set_config('app.actor', %s, true)", (actor.key,))
        yield cur


def _count(cur: psycopg.Cursor[Any], table: str) -> int:
    cur.execute(f"SELECT count(*) FROM {table}")  # the table names are ours
    row = cur.fetchone()
    return int(row[0]) if row else -1


@pytest.fixture
def setup(pg_store: ClinicDb) -> tuple[ClinicDb, Workbook]:
    """A patient's workbook with 2 versions, a reader, a suggester, a suggestion and a pending invitation."""
    wb = Workbook()
    store.create(wb)
    edits.set_notes(wb, "general", "private")
    store.save(wb, 1)
    for who, role in ((CAREGIVER, "read"), (SUGGESTER, "suggest")):
        token = access.invite(wb.id, role)  # type: ignore[arg-type]
        with store.acting(who):
            assert access.accept_invitation(token) == wb.id
    with store.acting(SUGGESTER):
        access.suggest(wb.id, "general", "A question?")
    access.invite(wb.id, "navigator")
    return pg_store, wb


def test_the_app_role_is_not_the_owner_and_rls_is_on(setup):
    db, _ = setup
    with app_sql(db, None) as cur:
        cur.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
        assert cur.fetchone() == (False, False)
    rows = owner_sql(
        db, "SELECT relname, relrowsecurity FROM pg_class WHERE relname = ANY(%s)", (list(TABLES),)
    )
    assert sorted(rows) == sorted((t, True) for t in TABLES)


def test_nobody_acting_sees_no_row_of_any_table(setup):
    db, _ = setup
    with app_sql(db, None) as cur:
        assert [_count(cur, t) for t in (*TABLES, "actors")] == [0] * (len(TABLES) + 1)


def test_a_stranger_sees_nothing_even_by_the_exact_id(setup):
    db, wb = setup
    with app_sql(db, STRANGER) as cur:
        cur.execute("SELECT id FROM workbooks WHERE id = %s", (wb.id,))
        assert cur.fetchall() == []
        assert [_count(cur, t) for t in TABLES] == [0] * len(TABLES)
        cur.execute("UPDATE workbooks SET label = 'x' WHERE id = %s", (wb.id,))
        assert cur.rowcount == 0
        cur.execute("DELETE FROM workbooks WHERE id = %s", (wb.id,))
        assert cur.rowcount == 0
    assert owner_sql(db, "SELECT revision FROM workbooks") == [(2,)]


def test_a_reader_reads_the_workbook_but_cannot_write_it_or_read_its_history(setup):
    db, _wb = setup
    with app_sql(db, CAREGIVER) as cur:
        cur.execute("SELECT data->'sections'->'general'->>'notes' FROM workbooks")
        assert cur.fetchall() == [("private",)]
        assert _count(cur, "versions") == 0
        assert _count(cur, "invitations") == 0
        assert _count(cur, "suggestions") == 0  # not a suggester
        assert _count(cur, "grants") == 1  # their own
        cur.execute("UPDATE workbooks SET data = '{}'::jsonb, revision = 99")
        assert cur.rowcount == 0
        cur.execute("DELETE FROM workbooks")
        assert cur.rowcount == 0
        cur.execute("UPDATE grants SET role = 'navigator'")
        assert cur.rowcount == 0
    assert owner_sql(db, "SELECT revision FROM workbooks") == [(2,)]


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO workbooks (id, owner, revision, label, updated_at, data) "
        "VALUES ('new', %(owner)s, 1, '', now(), '{}')",
        "INSERT INTO versions (workbook_id, revision, saved_at, data) VALUES (%(wb)s, 50, now(), '{}')",
        "INSERT INTO suggestions (workbook_id, author, section, text) VALUES (%(wb)s, %(me)s, 'general', 'x')",
        "INSERT INTO navigator_notes (workbook_id, author, text) VALUES (%(wb)s, %(me)s, 'x')",
        "INSERT INTO audit (workbook_id, actor, action) VALUES (%(wb)s, %(owner)s, 'changed')",
        "INSERT INTO invitations (workbook_id, role, token_hash, created_by, expires_at) "
        "VALUES (%(wb)s, 'read', sha256('t'), %(me)s, now() + interval '1 day')",
        "INSERT INTO grants (workbook_id, grantee, role) VALUES (%(wb)s, %(me)s, 'navigator')",
        "UPDATE audit SET action = 'opened'",
        "DELETE FROM audit",
        "UPDATE versions SET data = '{}'",
    ],
)
def test_a_reader_cannot_write_anything(setup, statement):
    db, wb = setup
    with pytest.raises(psycopg.errors.InsufficientPrivilege), app_sql(db, CAREGIVER) as cur:
        cur.execute(statement, {"wb": wb.id, "me": CAREGIVER.key, "owner": PATIENT.key})


def test_a_suggester_may_suggest_but_not_decide(setup):
    db, wb = setup
    with app_sql(db, SUGGESTER) as cur:
        cur.execute(
            "INSERT INTO suggestions (workbook_id, author, section, text) VALUES (%s, %s, 'general', 'y')",
            (wb.id, SUGGESTER.key),
        )
        cur.execute("UPDATE suggestions SET status = 'accepted'")
        assert cur.rowcount == 0
        assert _count(cur, "suggestions") == 2
    with pytest.raises(psycopg.errors.InsufficientPrivilege), app_sql(db, SUGGESTER) as cur:
        cur.execute(
            "INSERT INTO suggestions (workbook_id, author, section, text) VALUES (%s, %s, 'general', 'z')",
            (wb.id, CAREGIVER.key),  # marked as someone else's
        )


def test_a_revoked_grant_gives_nothing(setup):
    db, _wb = setup
    with app_sql(db, PATIENT) as cur:
        cur.execute("UPDATE grants SET revoked_at = now() WHERE grantee = %s", (CAREGIVER.key,))
        assert cur.rowcount == 1
    with app_sql(db, CAREGIVER) as cur:
        assert [_count(cur, t) for t in TABLES] == [0] * len(TABLES)


def test_expired_reused_and_made_up_invitations_give_nothing(setup):
    db, wb = setup
    token = access.invite(wb.id, "read")
    digest = access.token_hash(token)
    owner_sql(
        db, "UPDATE invitations SET expires_at = now() - interval '1 second' WHERE token_hash = %s", (digest,)
    )
    with app_sql(db, STRANGER) as cur:
        cur.execute("SELECT app_accept_invitation(%s)", (digest,))
        assert cur.fetchone() == (None,)
        cur.execute("SELECT app_accept_invitation(sha256('made up'))")
        assert cur.fetchone() == (None,)
        assert _count(cur, "workbooks") == 0
    fresh = access.invite(wb.id, "read")
    with app_sql(db, STRANGER) as cur:
        cur.execute(
            "INSERT INTO actors (id, issuer, subject) VALUES (%s, %s, %s)",
            (STRANGER.key, STRANGER.issuer, STRANGER.subject),
        )
        cur.execute("SELECT app_accept_invitation(%s)", (access.token_hash(fresh),))
        assert cur.fetchone() == (wb.id,)
    other = store.Actor(issuer="https://id.example", subject="late")
    with app_sql(db, other) as cur:
        cur.execute("SELECT app_accept_invitation(%s)", (access.token_hash(fresh),))
        assert cur.fetchone() == (None,)  # used once already
        assert _count(cur, "workbooks") == 0


def test_the_actor_does_not_outlive_its_transaction(setup):
    """The pool reuses connections: set_config(..., true) must end with the transaction."""
    db, _ = setup
    with psycopg.connect(db.app_url) as con:
        with con.transaction():
            con.execute("SELECT set_config('app.actor', %s, true)", (PATIENT.key,))
            assert con.execute("SELECT count(*) FROM workbooks").fetchone() == (1,)
        with con.transaction():
            assert con.execute("SELECT count(*) FROM workbooks").fetchone() == (0,)


def test_actors_see_only_people_they_share_with(setup):
    db, _ = setup
    with app_sql(db, CAREGIVER) as cur:
        cur.execute("SELECT display_name FROM actors ORDER BY display_name")
        assert cur.fetchall() == [("Pat Patient",), ("Sid Son",)]
        cur.execute("UPDATE actors SET display_name = 'hacked' WHERE id = %s", (PATIENT.key,))
        assert cur.rowcount == 0
