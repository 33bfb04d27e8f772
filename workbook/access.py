"""Clinic mode: who may see a workbook, invitations, suggestions, navigator notes, the audit trail.

A patient owns her workbooks. She invites a caregiver ("read" or "suggest") or a
nurse navigator ("navigator") with a single-use link that expires; only the
SHA-256 of its token is stored. Every function checks the acting person's right
here, and the database checks it again with row-level security
(workbook/store/migrations), so one mistake in a screen cannot show another
patient's workbook. The audit trail holds who, what (a fixed word) and when,
never health text. Nothing here is cached.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, get_args

from workbook import store
from workbook.store.actor import Actor
from workbook.store.common import NotAllowedError, StoreError

Role = Literal["read", "suggest", "navigator"]
Access = Literal["owner", "read", "suggest", "navigator"]
Action = Literal[
    "opened", "changed", "exported", "shared", "revoked", "invited", "joined", "suggested", "decided", "noted"
]
ROLES: tuple[Role, ...] = get_args(Role)
INVITE_DAYS = 7
MAX_INVITE = timedelta(days=30)
SUGGESTION_CHARS = 2000
NOTE_CHARS = 4000
TOKEN_BYTES = 32


class ClinicOnlyError(StoreError):
    """Sharing exists only in clinic mode (a PostgreSQL store)."""


@dataclass(frozen=True)
class Grant:
    id: str
    workbook_id: str
    name: str
    role: Role
    since: datetime


@dataclass(frozen=True)
class Invitation:
    """A link not used yet: it still works until it expires or the patient cancels it."""

    id: str
    workbook_id: str
    role: Role
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class Shared:
    workbook_id: str
    owner_name: str
    label: str
    role: Role
    updated_at: datetime


@dataclass(frozen=True)
class Suggestion:
    id: str
    workbook_id: str
    author_name: str
    section: str
    text: str
    created_at: datetime
    status: Literal["pending", "accepted", "declined"]


@dataclass(frozen=True)
class Note:
    author_name: str
    text: str
    updated_at: datetime


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    name: str
    action: Action
    mine: bool


def _pg() -> Any:
    if not store.clinic_mode():
        raise ClinicOnlyError("Sharing is only available when a clinic runs this workbook.")
    from workbook.store import postgres

    return postgres


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


def _need(found: str | None, allowed: tuple[str, ...], message: str) -> str:
    if found not in allowed:
        raise NotAllowedError(message)
    return str(found)


_NOT_YOURS = "Only the owner of this workbook can do this."


def sign_in(actor: Actor | None = None) -> None:
    """Make or update the acting person's row (the name others see); optional, done lazily too."""
    pg = _pg()
    who = actor or pg.acting_actor()
    with pg.transaction(who) as cur:
        pg.ensure_actor(cur, who)


def role_on(workbook_id: str) -> Access | None:
    pg = _pg()
    with pg.transaction() as cur:
        found: Access | None = pg.access_of(cur, workbook_id)
        return found


# --- invitations and grants ------------------------------------------------------


def invite(workbook_id: str, role: Role, expires_in: timedelta = timedelta(days=INVITE_DAYS)) -> str:
    """A new single-use invitation; returns the token for the link (only its hash is kept)."""
    if role not in ROLES:
        raise StoreError("This kind of sharing does not exist.")
    if not timedelta(0) < expires_in <= MAX_INVITE:
        raise StoreError("An invitation lasts between a moment and 30 days.")
    pg = _pg()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with pg.transaction() as cur:
        _need(pg.access_of(cur, workbook_id), ("owner",), _NOT_YOURS)
        cur.execute(
            "INSERT INTO invitations (workbook_id, role, token_hash, created_by, expires_at) "
            "VALUES (%s, %s, %s, app_actor(), now() + %s)",
            (workbook_id, role, token_hash(token), expires_in),
        )
        pg.record(cur, workbook_id, "invited")
    return token


def accept_invitation(token: object) -> str | None:
    """Use an invitation: the workbook id it opens, or None if unknown, used, expired or revoked."""
    if not isinstance(token, str) or not 10 <= len(token) <= 200:
        return None
    pg = _pg()
    actor = pg.acting_actor()
    with pg.transaction(actor) as cur:
        pg.ensure_actor(cur, actor)
        cur.execute("SELECT app_accept_invitation(%s)", (token_hash(token),))
        row = cur.fetchone()
        return str(row[0]) if row and row[0] else None


def grants(workbook_id: str) -> list[Grant]:
    """The active shares of a workbook (owner only)."""
    pg = _pg()
    with pg.transaction() as cur:
        _need(pg.access_of(cur, workbook_id), ("owner",), _NOT_YOURS)
        cur.execute(
            "SELECT g.id::text, g.workbook_id, coalesce(a.display_name, ''), g.role, g.created_at "
            "FROM grants g LEFT JOIN actors a ON a.id = g.grantee "
            "WHERE g.workbook_id = %s AND g.revoked_at IS NULL ORDER BY g.created_at",
            (workbook_id,),
        )
        return [Grant(*r) for r in cur.fetchall()]


def invitations(workbook_id: str) -> list[Invitation]:
    """The links of a workbook that would still work (owner only): not used, cancelled or expired."""
    pg = _pg()
    with pg.transaction() as cur:
        _need(pg.access_of(cur, workbook_id), ("owner",), _NOT_YOURS)
        cur.execute(
            "SELECT id::text, workbook_id, role, created_at, expires_at FROM invitations "
            "WHERE workbook_id = %s AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now() "
            "ORDER BY created_at",
            (workbook_id,),
        )
        return [Invitation(*r) for r in cur.fetchall()]


def cancel_invitation(invitation_id: str) -> None:
    """Make a link not used yet stop working (owner only), e.g. one sent to the wrong person."""
    pg = _pg()
    with pg.transaction() as cur:
        cur.execute(
            "SELECT workbook_id FROM invitations WHERE id::text = %s AND used_at IS NULL AND revoked_at IS NULL",
            (invitation_id,),
        )
        row = cur.fetchone()
        if row is None:  # RLS shows only the owner's own: another's link is "not there" too
            raise NotAllowedError("This invitation is not there any more.")
        _need(pg.access_of(cur, row[0]), ("owner",), _NOT_YOURS)
        cur.execute("UPDATE invitations SET revoked_at = now() WHERE id::text = %s", (invitation_id,))
        pg.record(cur, row[0], "revoked")


def revoke(grant_id: str) -> None:
    """Stop one share (owner only); the person sees nothing of the workbook from now on."""
    pg = _pg()
    with pg.transaction() as cur:
        cur.execute("SELECT workbook_id FROM grants WHERE id::text = %s AND revoked_at IS NULL", (grant_id,))
        row = cur.fetchone()
        if row is None:
            raise NotAllowedError("This share is not there any more.")
        _need(pg.access_of(cur, row[0]), ("owner",), _NOT_YOURS)
        cur.execute("UPDATE grants SET revoked_at = now() WHERE id::text = %s", (grant_id,))
        pg.record(cur, row[0], "revoked")


def shared_with_me() -> list[Shared]:
    pg = _pg()
    with pg.transaction() as cur:
        cur.execute(
            "SELECT w.id, coalesce(a.display_name, ''), w.label, g.role, w.updated_at "
            "FROM grants g JOIN workbooks w ON w.id = g.workbook_id LEFT JOIN actors a ON a.id = w.owner "
            "WHERE g.grantee = app_actor() AND g.revoked_at IS NULL AND w.deleted_at IS NULL "
            "ORDER BY w.updated_at DESC"
        )
        return [Shared(*r) for r in cur.fetchall()]


# --- suggestions and notes ---------------------------------------------------------


def _text(text: object, limit: int) -> str:
    clean = text.strip() if isinstance(text, str) else ""
    if not clean:
        raise StoreError("Please write something first.")
    if len(clean) > limit:
        raise StoreError(f"This is too long: at most {limit} characters.")
    return clean


_SUGGESTION = (
    "SELECT s.id::text, s.workbook_id, coalesce(a.display_name, ''), s.section, s.text, s.created_at, s.status "
    "FROM suggestions s LEFT JOIN actors a ON a.id = s.author "
)


def suggest(workbook_id: str, section: str, text: str) -> str:
    """A caregiver's suggested question, marked as theirs, for the owner to accept or decline."""
    clean = _text(text, SUGGESTION_CHARS)
    pg = _pg()
    with pg.transaction() as cur:
        _need(
            pg.access_of(cur, workbook_id),
            ("suggest",),
            "You can read this workbook but not suggest questions.",
        )
        cur.execute(
            "INSERT INTO suggestions (workbook_id, author, section, text) VALUES (%s, app_actor(), %s, %s) "
            "RETURNING id::text",
            (workbook_id, section[:40], clean),
        )
        row = cur.fetchone()
        pg.record(cur, workbook_id, "suggested")
        return str(row[0]) if row else ""


def suggestions(workbook_id: str) -> list[Suggestion]:
    """The owner: pending suggestions. A suggester: their own. Anyone else: nothing."""
    pg = _pg()
    with pg.transaction() as cur:
        who = pg.access_of(cur, workbook_id)
        if who == "owner":
            cur.execute(
                _SUGGESTION + "WHERE s.workbook_id = %s AND s.status = 'pending' ORDER BY s.created_at",
                (workbook_id,),
            )
        elif who == "suggest":
            cur.execute(
                _SUGGESTION + "WHERE s.workbook_id = %s AND s.author = app_actor() ORDER BY s.created_at",
                (workbook_id,),
            )
        else:
            return []
        return [Suggestion(*r) for r in cur.fetchall()]


def decide(suggestion_id: str, accept: bool) -> Suggestion:
    """The owner accepts or declines; the view then adds an accepted text through the one save helper."""
    pg = _pg()
    with pg.transaction() as cur:
        cur.execute(_SUGGESTION + "WHERE s.id::text = %s AND s.status = 'pending'", (suggestion_id,))
        row = cur.fetchone()
        if row is None:
            raise NotAllowedError("This suggestion was already answered or is not there.")
        _need(pg.access_of(cur, row[1]), ("owner",), _NOT_YOURS)
        status: Literal["accepted", "declined"] = "accepted" if accept else "declined"
        cur.execute(
            "UPDATE suggestions SET status = %s, decided_at = now() WHERE id::text = %s",
            (status, suggestion_id),
        )
        pg.record(cur, row[1], "decided")
        return Suggestion(row[0], row[1], row[2], row[3], row[4], row[5], status)


def leave_note(workbook_id: str, text: str) -> None:
    """A nurse navigator's note for the patient (one per navigator, replaced when written again)."""
    clean = _text(text, NOTE_CHARS)
    pg = _pg()
    with pg.transaction() as cur:
        _need(pg.access_of(cur, workbook_id), ("navigator",), "Only a nurse navigator can leave a note here.")
        cur.execute(
            "INSERT INTO navigator_notes (workbook_id, author, text, updated_at) VALUES (%s, app_actor(), %s, now()) "
            "ON CONFLICT (workbook_id, author) DO UPDATE SET text = EXCLUDED.text, updated_at = EXCLUDED.updated_at",
            (workbook_id, clean),
        )
        pg.record(cur, workbook_id, "noted")


def notes(workbook_id: str) -> list[Note]:
    """The owner: every navigator's note. A navigator: their own."""
    pg = _pg()
    with pg.transaction() as cur:
        who = pg.access_of(cur, workbook_id)
        if who not in ("owner", "navigator"):
            return []
        cur.execute(
            "SELECT coalesce(a.display_name, ''), n.text, n.updated_at FROM navigator_notes n "
            "LEFT JOIN actors a ON a.id = n.author WHERE n.workbook_id = %s "
            + ("" if who == "owner" else "AND n.author = app_actor() ")
            + "ORDER BY n.updated_at DESC",
            (workbook_id,),
        )
        return [Note(*r) for r in cur.fetchall()]


# --- the audit trail -----------------------------------------------------------------


def record(workbook_id: str, action: Action) -> None:
    """Add a line for something the store does not see (e.g. "exported" when a PDF is downloaded)."""
    if action not in get_args(Action):
        raise StoreError("Unknown action.")
    pg = _pg()
    with pg.transaction() as cur:
        if pg.access_of(cur, workbook_id) is None:
            raise NotAllowedError("This workbook is not shared with you.")
        pg.record(cur, workbook_id, action)


def audit_trail(workbook_id: str, limit: int = 200) -> list[AuditEntry]:
    """Who opened, changed, exported or shared the workbook, newest first (owner only)."""
    pg = _pg()
    with pg.transaction() as cur:
        _need(pg.access_of(cur, workbook_id), ("owner",), _NOT_YOURS)
        cur.execute(
            "SELECT u.at, coalesce(a.display_name, ''), u.action, u.actor = app_actor() FROM audit u "
            "LEFT JOIN actors a ON a.id = u.actor WHERE u.workbook_id = %s ORDER BY u.at DESC, u.id DESC LIMIT %s",
            (workbook_id, max(1, min(limit, 1000))),
        )
        return [AuditEntry(*r) for r in cur.fetchall()]
