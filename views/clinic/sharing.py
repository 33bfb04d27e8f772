"""Sharing (the patient's page): invite by a single-use link, see and stop every share, answer
suggested questions, read her navigator's notes, see who opened, changed or shared it."""

from __future__ import annotations

from typing import get_args

import streamlit as st

from views import nav, session
from views.clinic import access
from views.session import t
from views.text import md, plain
from workbook import access as api, edits, labels

wb = session.workbook()
nav.menu()
st.title(t("clinic.sharing_title"))
st.markdown(t("clinic.sharing_intro"))
if not session.is_saved():
    st.info(t("clinic.sharing_unsaved"))
    st.stop()
wid = wb.id
LINK = f"clinic.sharing.link.{wid}"


def _invite(role: api.Role) -> None:
    token = access.attempt(lambda: api.invite(wid, role), None)
    if token is not None:
        st.session_state[LINK] = f"{access.public_origin()}/?invite={token}"


def _decide(suggestion: api.Suggestion, accept: bool) -> None:
    if access.attempt(lambda: api.decide(suggestion.id, accept), None) is None:
        return
    if accept:  # the one save path: an own question of the section it was suggested for
        session.commit(lambda book: edits.add_own_question(book, suggestion.section, suggestion.text))  # type: ignore[arg-type]
        session.say("success", t("clinic.accepted"), toast=True)
    else:
        session.say("info", t("clinic.declined"), toast=True)


st.header(t("clinic.invite_heading"))
role = st.radio(
    t("clinic.invite_role_label"),
    list(access.ROLE_WORDS),
    format_func=lambda r: t(f"clinic.role.{access.ROLE_WORDS[r]}"),
    key=f"clinic.sharing.role.{wid}",
)
st.button(
    t("clinic.invite_button"), on_click=_invite, args=(role,), type="primary", key=f"clinic.invite.{wid}"
)
if st.session_state.get(LINK):
    st.caption(t("clinic.invite_link_intro").format(days=api.INVITE_DAYS))
    st.code(st.session_state[LINK], language=None)  # st.code: shown literally, easy to copy

st.header(t("clinic.suggestions_heading"))
pending = access.attempt(lambda: api.suggestions(wid), [])
if not pending:
    st.caption(t("clinic.suggestions_none"))
for s in pending[:50]:
    with st.container(border=True):
        st.markdown(md(s.text))
        st.caption(t("clinic.suggestion_by").format(name=md(s.author_name)))
        left, right = st.columns(2)
        left.button(t("clinic.accept"), on_click=_decide, args=(s, True), key=f"clinic.accept.{s.id}")
        right.button(t("clinic.decline"), on_click=_decide, args=(s, False), key=f"clinic.decline.{s.id}")

notes = access.attempt(lambda: api.notes(wid), [])
if notes:
    st.header(t("clinic.notes_heading"))
    for note in notes[:50]:
        written = labels.long_date(labels.local(note.updated_at, session.timezone()))
        st.caption(t("clinic.note_by").format(name=md(note.author_name), date=written))
        st.markdown(md(note.text))


def _cancel(invitation_id: str) -> None:
    # attempt() returns the call's None when it worked, the fallback (False) when refused.
    if access.attempt(lambda: api.cancel_invitation(invitation_id), False) is None:
        session.say("success", t("clinic.invitation_cancelled"), toast=True)


open_links = access.attempt(lambda: api.invitations(wid), [])
if open_links:
    st.header(t("clinic.invitations_heading"))
    st.caption(t("clinic.invitations_intro"))
for inv in open_links[:200]:
    role_words = t(f"clinic.role.{access.ROLE_WORDS.get(inv.role, 'reader')}")
    made = labels.long_date(labels.local(inv.created_at, session.timezone()))
    until = labels.long_date_time(inv.expires_at, session.timezone())
    st.markdown(t("clinic.invitation_line").format(role=role_words, date=made, until=until))
    st.button(
        t("clinic.cancel_invitation").format(role=role_words, date=made),
        on_click=_cancel,
        args=(inv.id,),
        key=f"clinic.cancel_invitation.{inv.id}",
    )


def _revoke(grant_id: str) -> None:
    if access.attempt(lambda: api.revoke(grant_id), False) is None:
        session.say("success", t("clinic.revoked"), toast=True)


st.header(t("clinic.grants_heading"))
grants = access.attempt(lambda: api.grants(wid), [])
if not grants:
    st.caption(t("clinic.grants_none"))
for g in grants[:200]:
    role_words = t(f"clinic.role.{access.ROLE_WORDS.get(g.role, 'reader')}")
    since = labels.long_date(labels.local(g.since, session.timezone()))
    st.markdown(t("clinic.grant_line").format(name=md(g.name), role=role_words, date=since))
    st.button(
        t("clinic.revoke").format(name=md(plain(g.name))),  # a button label renders Markdown
        on_click=_revoke,
        args=(g.id,),
        key=f"clinic.revoke.{g.id}",
    )

st.header(t("clinic.audit_heading"))
trail = access.attempt(lambda: api.audit_trail(wid), [])
if not trail:
    st.caption(t("clinic.audit_none"))
for entry in trail:
    known = entry.action in get_args(api.Action)
    action = t(f"clinic.action.{entry.action}") if known else t("clinic.action.other")
    st.markdown(
        t("clinic.audit_line").format(
            when=labels.long_date_time(entry.at, session.timezone()), who=md(entry.name), action=action
        )
    )
