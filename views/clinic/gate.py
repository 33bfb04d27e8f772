"""The clinic gate: app.py calls `run()` once per run, before it opens any workbook.

Personal mode (no `[auth]` in the secrets): returns None at once and draws nothing, so the
workbook works exactly as before (no sign-in, this computer only through localguard.py).

Clinic mode (`[auth]` configured for st.login): nobody sees a workbook before signing in
with the clinic's OIDC provider. The identity is the token's issuer and subject, never the
email or a workbook id. An invitation link (`?invite=<token>`) survives the sign-in round
trip in a short-lived cookie (Streamlit's callback returns to the bare address), and is
accepted once she is signed in.
"""

from __future__ import annotations

import logging
import re

import streamlit as st

from views.clinic import access
from views.clinic.identity import Identity, from_claims
from views.session import t
from views.text import md
from workbook import store

log = logging.getLogger(__name__)

INVITE_PARAM = "invite"
INVITE_COOKIE = "twb_invite"
INVITE_COOKIE_SECONDS = 15 * 60  # long enough to sign in, short enough not to linger
# What a token looks like (secrets.token_urlsafe); anything else is never echoed into a script.
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,128}$")
_IDENTITY = access.IDENTITY_KEY
_INVITE = "clinic_invite"
_INVITE_RESULT = "clinic_invite_result"
_COOKIE_READ = "clinic_invite_cookie_read"  # st.context.cookies is fixed for the session: read once


def sign_in_configured() -> bool:
    """The clinic has configured st.login (an [auth] section in the secrets)."""
    try:
        auth = st.secrets.get("auth")
    except Exception:  # no secrets file at all
        return False
    return bool(auth)


def configured() -> bool:
    """Clinic mode: sign-in configured, or workbooks in PostgreSQL (either one needs the other)."""
    return sign_in_configured() or store.clinic_mode()


def identity() -> Identity | None:
    """The signed-in person of this session (after `run()`), None in personal mode."""
    found = st.session_state.get(_IDENTITY)
    return found if isinstance(found, Identity) else None


def run() -> Identity | None:
    """Personal mode: None. Clinic mode: the signed-in person, or a sign-in screen and stop."""
    if not configured():
        return None
    if not sign_in_configured():  # PostgreSQL without sign-in: nobody could open anything
        log.error("clinic mode without [auth]: sign-in is not configured")
        st.error(t("clinic.no_sign_in"))
        st.stop()
    _remember_invite()
    if not st.user.is_logged_in:
        _sign_in_screen()
        st.stop()
    who = from_claims(st.user)
    if who is None:  # a provider that sends no usable issuer/subject: refuse, do not guess
        log.warning("sign-in without a usable issuer or subject")
        st.error(t("clinic.no_identity"))
        st.button(t("clinic.sign_out"), on_click=st.logout, key="clinic.sign_out.bad")
        st.stop()
    access.bind(who)
    _accept_pending_invite(who)
    _signed_in_bar(who)
    return who


# --- invitations across the sign-in round trip --------------------------------------


def _cookie_script(token: str | None) -> None:
    """Write (or clear) the pending-invite cookie; only a checked token ever reaches the script."""
    if token is None:
        value, age = "", 0
    elif TOKEN.match(token):
        value, age = token, INVITE_COOKIE_SECONDS
    else:
        return
    st.html(
        f"<script>document.cookie = '{INVITE_COOKIE}={value}; Path=/; Max-Age={age}; SameSite=Lax';</script>",
        unsafe_allow_javascript=True,
    )


def _remember_invite() -> None:
    """An invitation in the address: kept in the session, the cookie, and out of the URL."""
    raw = st.query_params.get(INVITE_PARAM)
    if raw is None:
        if not st.session_state.get(_COOKIE_READ):
            st.session_state[_COOKIE_READ] = True
            cookie = st.context.cookies.get(INVITE_COOKIE)
            if isinstance(cookie, str) and TOKEN.match(cookie):
                st.session_state[_INVITE] = cookie
        return
    del st.query_params[INVITE_PARAM]  # a token is a secret: not left in the address bar
    if TOKEN.match(raw):
        st.session_state[_INVITE] = raw
        if not st.user.is_logged_in:
            _cookie_script(raw)
    else:
        st.session_state[_INVITE_RESULT] = "invalid"


def _accept_pending_invite(who: Identity) -> None:
    token = st.session_state.pop(_INVITE, None)
    if token is not None:
        st.session_state[_INVITE_RESULT] = access.accept_invitation(who, token)
        _cookie_script(None)
    result = st.session_state.pop(_INVITE_RESULT, None)
    if result == "accepted":
        st.success(t("clinic.invite_accepted"), icon=":material/group_add:")
    elif result is not None:
        st.error(t("clinic.invite_refused"), icon=":material/link_off:")


# --- screens ----------------------------------------------------------------------


def _sign_in_screen() -> None:
    st.title(t("clinic.sign_in_title"))
    st.markdown(t("clinic.sign_in_intro"))
    if st.session_state.get(_INVITE):
        st.info(t("clinic.sign_in_invited"), icon=":material/mail:")
    st.button(
        t("clinic.sign_in"), on_click=st.login, type="primary", icon=":material/login:", key="clinic.sign_in"
    )
    st.caption(t("clinic.sign_in_privacy"))


def _signed_in_bar(who: Identity) -> None:
    with st.sidebar:
        name = md(who.shown_name) if who.shown_name else t("clinic.someone")
        st.caption(t("clinic.signed_in_as").format(name=name))
        st.button(t("clinic.sign_out"), on_click=st.logout, icon=":material/logout:", key="clinic.sign_out")
