"""Clinic mode: workbooks in PostgreSQL, each owned by a signed-in person.

One connection pool per server process, made at first use; one transaction per
action, which first names the acting person (set_config('app.actor', key,
true), local to the transaction) so the database's row-level security can
check every row again. The app must connect as a member of `workbook_app`,
never as the tables' owner (row-level security does not bind the owner): the
pool refuses otherwise. Data is jsonb; versions are thinned as in personal mode.
Nothing read here is cached: every call asks the database.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timedelta
from importlib import resources
from typing import Any

import psycopg
from psycopg import sql
from psycopg_pool import ConnectionPool

from workbook import history as thinning
from workbook.labels import long_date
from workbook.model import Workbook
from workbook.store.actor import Actor, current_actor
from workbook.store.common import (
    KEEP_DELETED,
    ConflictError,
    DeletedError,
    Listing,
    NotAllowedError,
    NotSignedInError,
    Saved,
    StoreError,
    Version,
    history_of,
    now,
    read,
    stamp,
    validated,
)

URL_ENV = "WORKBOOK_DATABASE_URL"
POOL_SIZE_ENV = "WORKBOOK_POOL_SIZE"
APP_ROLE = "workbook_app"
# One "opened" or "changed" line per person and workbook in this window: autosave is frequent.
AUDIT_EVERY = timedelta(minutes=15)

_pools: dict[str, ConnectionPool] = {}
_lock = threading.Lock()

_UNREACHABLE = (
    "The clinic's workbook database cannot be reached just now. Your change is kept on this "
    "screen and is saved when it is back."
)
_NOT_SIGNED_IN = (
    "Please sign in first. A workbook opens only for its owner and the people she shared it with."
)


# --- migrations --------------------------------------------------------------


def migrations() -> list[tuple[int, str, str]]:
    """(number, name, SQL) of every migration file, in order."""
    folder = resources.files("workbook.store") / "migrations"
    found = [
        (int(item.name[:3]), item.name, item.read_text(encoding="utf-8"))
        for item in folder.iterdir()
        if item.name.endswith(".sql") and item.name[:3].isdigit()
    ]
    return sorted(found)


def migrate(owner_url: str) -> list[str]:
    """Apply the migrations not yet applied, each in its own transaction; returns their names.

    Run as the role that owns (or will own) the tables, never by the app. Concurrent
    runs wait for each other (an advisory lock), so two servers starting at once are safe.
    """
    applied: list[str] = []
    with psycopg.connect(owner_url, autocommit=True) as con:
        con.execute("SELECT pg_advisory_lock(7140014)")
        try:
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
                "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
            )
            done = {r[0] for r in con.execute("SELECT version FROM schema_migrations")}
            for number, name, text in migrations():
                if number in done:
                    continue
                with con.transaction():
                    con.execute(text.encode())
                    con.execute(
                        "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (number, name)
                    )
                applied.append(name)
            con.execute(f"GRANT SELECT ON schema_migrations TO {APP_ROLE}")
        finally:
            con.execute("SELECT pg_advisory_unlock(7140014)")
    return applied


def ensure_app_login(owner_url: str, name: str, password: str | None = None) -> None:
    """Make (or keep) a login role that is a member of workbook_app: what the app connects as."""
    with psycopg.connect(owner_url, autocommit=True) as con:
        exists = con.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        if not exists:
            con.execute(
                sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOBYPASSRLS IN ROLE {}").format(
                    sql.Identifier(name), sql.Identifier(APP_ROLE)
                )
            )
        if password is not None:
            con.execute(
                sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(name), sql.Literal(password))
            )


# --- the pool and the transaction --------------------------------------------


def _check_role(con: psycopg.Connection[Any]) -> None:
    """Refuse to run where row-level security would not apply, or on an old schema."""
    row = con.execute(
        "SELECT r.rolsuper OR r.rolbypassrls, pg_has_role(current_user, %s, 'USAGE'), "
        "(SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'workbooks') "
        "= current_user FROM pg_roles r WHERE r.rolname = current_user",
        (APP_ROLE,),
    ).fetchone()
    if row is None or row[0] or not row[1] or row[2]:
        raise StoreError(
            "The clinic's workbook database is set up wrongly: the app must connect as a member of "
            f"{APP_ROLE}, not as a superuser or the tables' owner. Nothing was opened."
        )
    have = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
    want = max(n for n, _, _ in migrations())
    if have is None or have[0] < want:
        raise StoreError(
            "The clinic's workbook database needs an update first (python -m workbook.store.migrate)."
        )
    con.rollback()


def _make_pool(url: str) -> ConnectionPool:
    size = max(1, int(os.environ.get(POOL_SIZE_ENV) or 10))
    pool = ConnectionPool(
        url,
        min_size=1,
        max_size=size,
        kwargs={"autocommit": False},
        open=False,
        timeout=10,
        name="workbooks",
    )
    pool.open(wait=True, timeout=10)
    try:
        with pool.connection() as con:
            _check_role(con)
    except BaseException:
        pool.close()
        raise
    return pool


def pool() -> ConnectionPool:
    """This process's pool for $WORKBOOK_DATABASE_URL (made once, at first use)."""
    url = os.environ.get(URL_ENV, "")
    if not url:
        raise StoreError("No clinic database is configured.")
    found = _pools.get(url)
    if found is None:
        with _lock:
            found = _pools.get(url)
            if found is None:
                try:
                    found = _pools[url] = _make_pool(url)
                except psycopg.Error:
                    raise StoreError(_UNREACHABLE) from None
                except Exception as exc:
                    if isinstance(exc, StoreError):
                        raise
                    raise StoreError(_UNREACHABLE) from None
    return found


def close_pools() -> None:
    """Close every pool (tests, and a server shutting down)."""
    with _lock:
        for p in _pools.values():
            p.close()
        _pools.clear()


def acting_actor() -> Actor:
    actor = current_actor()
    if actor is None:
        raise NotSignedInError(_NOT_SIGNED_IN)
    return actor


@contextmanager
def transaction(actor: Actor | None = None) -> Iterator[psycopg.Cursor[Any]]:
    """One transaction acting as `actor` (default: the current one); commits at the end."""
    who = actor or acting_actor()
    try:
        with pool().connection() as con, con.transaction(), con.cursor() as cur:
            cur.execute("SELECT set_config('app.actor', %s, true)", (who.key,))
            yield cur
    except psycopg.errors.InsufficientPrivilege:
        raise NotAllowedError("You cannot change this workbook.") from None
    except psycopg.OperationalError:
        raise StoreError(_UNREACHABLE) from None
    except psycopg.Error as exc:
        raise StoreError(f"The clinic's workbook database refused this ({type(exc).__name__}).") from None


def ensure_actor(cur: psycopg.Cursor[Any], actor: Actor) -> None:
    """The acting person's row (made at first sign-in; the shown name follows the sign-in)."""
    cur.execute(
        "INSERT INTO actors (id, issuer, subject, display_name) VALUES (%s, %s, %s, %s) "
        "ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name "
        "WHERE actors.display_name IS DISTINCT FROM EXCLUDED.display_name",
        (actor.key, actor.issuer, actor.subject, actor.name),
    )


def record(cur: psycopg.Cursor[Any], workbook_id: str, action: str) -> None:
    """An audit line: who (the acting person), what (a fixed word), when. Never health text."""
    if action in ("opened", "changed"):
        cur.execute(
            "SELECT 1 FROM audit WHERE workbook_id = %s AND actor = app_actor() AND action = %s "
            "AND at > %s LIMIT 1",
            (workbook_id, action, now() - AUDIT_EVERY),
        )
        if cur.fetchone():
            return
    cur.execute(
        "INSERT INTO audit (workbook_id, actor, action, at) VALUES (%s, app_actor(), %s, %s)",
        (workbook_id, action, now()),
    )


def access_of(cur: psycopg.Cursor[Any], workbook_id: str) -> str | None:
    """'owner', the shared role ('read', 'suggest', 'navigator'), or None (nothing to see)."""
    cur.execute(
        "SELECT owner = app_actor(), app_role_on(id), deleted_at IS NULL FROM workbooks WHERE id = %s",
        (workbook_id,),
    )
    row = cur.fetchone()
    if row is None:
        return None
    if row[0]:
        return "owner"
    return str(row[1]) if row[1] and row[2] else None


# --- reading -------------------------------------------------------------------


def available() -> bool:
    return True  # an unreachable database is reported by each call


Current = tuple[int, datetime, str, datetime | None]


def _row(cur: psycopg.Cursor[Any], workbook_id: str, lock: bool = False) -> Current | None:
    cur.execute(
        "SELECT revision, updated_at, data::text, deleted_at FROM workbooks WHERE id = %s"
        + (" FOR UPDATE" if lock else ""),
        (workbook_id,),
    )
    found = cur.fetchone()
    return (found[0], found[1], found[2], found[3]) if found else None


def _kept(cur: psycopg.Cursor[Any], workbook_id: str, limit: int) -> list[tuple[int, datetime, str]]:
    cur.execute(
        "SELECT revision, saved_at, data::text FROM versions WHERE workbook_id = %s "
        "ORDER BY revision DESC LIMIT %s",
        (workbook_id, limit),
    )
    return [(r[0], r[1], r[2]) for r in cur.fetchall()]


def _readable(cur: psycopg.Cursor[Any], workbook_id: str, revision: int, data: str) -> Saved:
    found = read(workbook_id, data)
    if found is not None:
        return Saved(found[0], revision, found[1])
    for _, when, older in _kept(cur, workbook_id, 10_000):
        found = read(workbook_id, older)
        if found is not None:
            note = (
                f"The latest save could not be read, so the version saved on "
                f"{long_date(when.date())} at {when:%H:%M} (UTC) was opened"
            )
            return Saved(found[0], revision, (note, *found[1]))
    raise StoreError("This saved workbook could not be read, and no earlier version of it could either.")


def _keep(cur: psycopg.Cursor[Any], workbook_id: str, revision: int, saved_at: datetime, data: str) -> None:
    cur.execute(
        "INSERT INTO versions (workbook_id, revision, saved_at, data) VALUES (%s, %s, %s, %s::jsonb) "
        "ON CONFLICT DO NOTHING",
        (workbook_id, revision, saved_at, data),
    )


def load(workbook_id: str) -> Saved | None:
    """The workbook if the acting person may read it (owner or shared), else None."""
    with transaction() as cur:
        who = access_of(cur, workbook_id)
        row = _row(cur, workbook_id)
        if who is None or row is None or row[3] is not None:
            return None
        saved = _readable(cur, workbook_id, row[0], row[2])
        if saved.damaged and who == "owner":
            _keep(cur, workbook_id, row[0], row[1], row[2])
        record(cur, workbook_id, "opened")
        return saved


# --- writing -------------------------------------------------------------------


def create(wb: Workbook) -> int:
    """Save a new workbook owned by the acting person."""
    clean = validated(wb)
    new = stamp(clean)
    actor = acting_actor()
    with transaction(actor) as cur:
        ensure_actor(cur, actor)
        cur.execute(
            "INSERT INTO workbooks (id, owner, revision, label, updated_at, data, questions) "
            "VALUES (%s, app_actor(), 1, %s, %s, %s::jsonb, %s) ON CONFLICT (id) DO NOTHING",
            (wb.id, new.label, new.updated_at, new.data, new.questions),
        )
        if cur.rowcount != 1:
            raise StoreError("A workbook with this id is already saved. Nothing was changed.")
        record(cur, wb.id, "changed")
    wb.updated_at = clean.updated_at
    return 1


_DELETED = (
    "This workbook was deleted in another tab or window. You can keep it as a new workbook or let it go."
)
_READ_ONLY = "This workbook was shared with you to read. Only its owner can change it."


def _thin(cur: psycopg.Cursor[Any], workbook_id: str, when: datetime) -> None:
    cur.execute("SELECT revision, saved_at FROM versions WHERE workbook_id = %s", (workbook_id,))
    drop = thinning.to_drop(((r[0], r[1]) for r in cur.fetchall()), when)
    if drop:
        cur.execute("DELETE FROM versions WHERE workbook_id = %s AND revision = ANY(%s)", (workbook_id, drop))


def save(wb: Workbook, base_revision: int) -> int:
    """Write the workbook if nobody saved since base_revision (the row is locked meanwhile)."""
    clean = validated(wb)
    new = stamp(clean)
    with transaction() as cur:
        who = access_of(cur, wb.id)
        if who not in (None, "owner"):
            raise NotAllowedError(_READ_ONLY)
        row = _row(cur, wb.id, lock=True) if who == "owner" else None
        if row is None or row[3] is not None:
            raise DeletedError(_DELETED)
        revision, old_updated, old_data, _ = row
        if revision != base_revision:
            raise ConflictError(
                "This workbook was changed in another tab or window.",
                _readable(cur, wb.id, revision, old_data),
            )
        _keep(cur, wb.id, revision, old_updated, old_data)
        cur.execute(
            "UPDATE workbooks SET revision = %s, label = %s, updated_at = %s, data = %s::jsonb, "
            "questions = %s WHERE id = %s AND owner = app_actor()",
            (revision + 1, new.label, new.updated_at, new.data, new.questions, wb.id),
        )
        _thin(cur, wb.id, clean.updated_at)
        record(cur, wb.id, "changed")
    wb.updated_at = clean.updated_at
    return revision + 1


# --- listing, deleting -----------------------------------------------------------


def _purge_expired(cur: psycopg.Cursor[Any]) -> None:
    """The acting person's workbooks deleted more than 30 days ago go for good (with all shares)."""
    cur.execute(
        "DELETE FROM workbooks WHERE owner = app_actor() AND deleted_at IS NOT NULL AND deleted_at < %s",
        (now() - KEEP_DELETED,),
    )


def _listings(cur: psycopg.Cursor[Any]) -> list[Listing]:
    return [Listing(r[0], r[1], r[2], r[3] or 0, r[4]) for r in cur.fetchall()]


def list_saved() -> list[Listing]:
    """The acting person's own workbooks (shared ones: workbook.access.shared_with_me)."""
    with transaction() as cur:
        cur.execute(
            "SELECT id, label, updated_at, questions, deleted_at FROM workbooks "
            "WHERE owner = app_actor() AND deleted_at IS NULL ORDER BY updated_at DESC"
        )
        return _listings(cur)


def list_deleted() -> list[Listing]:
    with transaction() as cur:
        _purge_expired(cur)
        cur.execute(
            "SELECT id, label, updated_at, questions, deleted_at FROM workbooks "
            "WHERE owner = app_actor() AND deleted_at IS NOT NULL ORDER BY deleted_at DESC"
        )
        return _listings(cur)


def delete(workbook_id: str) -> None:
    with transaction() as cur:
        if access_of(cur, workbook_id) not in (None, "owner"):
            raise NotAllowedError(_READ_ONLY)
        cur.execute(
            "UPDATE workbooks SET deleted_at = %s WHERE id = %s AND owner = app_actor() "
            "AND deleted_at IS NULL",
            (now(), workbook_id),
        )
        _purge_expired(cur)


def undelete(workbook_id: str) -> None:
    with transaction() as cur:
        cur.execute(
            "UPDATE workbooks SET deleted_at = NULL WHERE id = %s AND owner = app_actor()", (workbook_id,)
        )
        if cur.rowcount == 0:
            raise StoreError("This workbook is no longer kept, so it cannot be brought back.")


# --- history (the owner's alone) ---------------------------------------------------


def history(workbook_id: str, titles: Mapping[str, str] | None = None, limit: int = 100) -> list[Version]:
    with transaction() as cur:
        if access_of(cur, workbook_id) != "owner":
            return []
        row = _row(cur, workbook_id)
        if row is None:
            return []
        earlier = [v for v in _kept(cur, workbook_id, limit + 1) if v[0] != row[0]]
        kept = [(row[0], row[1], row[2]), *earlier[:limit]]
    return history_of(workbook_id, kept, titles, limit)


def load_version(workbook_id: str, revision: int) -> Workbook:
    with transaction() as cur:
        row = _row(cur, workbook_id) if access_of(cur, workbook_id) == "owner" else None
        if row is not None and row[0] == revision:
            data = row[2]
        else:
            cur.execute(
                "SELECT data::text FROM versions WHERE workbook_id = %s AND revision = %s",
                (workbook_id, revision),
            )
            kept = cur.fetchone()
            if row is None or kept is None:
                raise StoreError("That earlier version is no longer kept.")
            data = kept[0]
    found = read(workbook_id, data)
    if found is None:
        raise StoreError("That earlier version could not be read.")
    return found[0]
