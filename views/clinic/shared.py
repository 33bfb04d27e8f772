"""Shared with me: the workbooks others shared with this person, read only. A caregiver who
may suggest sends a question; a nurse navigator downloads the question list and leaves a note."""

from __future__ import annotations

import streamlit as st

from pdf import Options, build_pdf
from views import nav, session
from views.clinic import access
from views.download import download_button, install
from views.session import t
from views.text import md
from workbook import access as api, labels, store

lib = session.library()
install(t("export.download_failed"))
nav.menu()
st.title(t("clinic.shared_title"))
st.markdown(t("clinic.shared_intro"))
items = access.attempt(api.shared_with_me, [])
if not items:
    st.info(t("clinic.shared_none"), icon=":material/group:")
    st.stop()

chosen = st.selectbox(
    t("clinic.shared_choose"),
    items[:500],
    format_func=lambda s: " · ".join(part for part in (s.owner_name, s.label) if part),  # shown literally
    key="clinic.shared.choose",
)
if chosen is None:
    st.stop()
saved = access.attempt(lambda: store.load(chosen.workbook_id), None)
if saved is None:  # revoked or deleted since the list was read: nothing to show
    st.warning(t("clinic.invite_refused"))
    st.stop()
wb = saved.workbook
wid = chosen.workbook_id
st.header(t("clinic.shared_of").format(name=md(chosen.owner_name)))
st.caption(t("clinic.read_only") if chosen.role != "navigator" else t("clinic.role.navigator"))

st.subheader(t("clinic.shared_questions"))
questions = [q for section in wb.sections.values() for q in section.questions]
if not questions:
    st.caption(t("clinic.shared_no_questions"))
st.markdown("\n".join(f"- {md(q.text)}" for q in questions[:500]))


def _sent(key: str, message: str) -> None:
    st.session_state[key] = ""
    session.say("success", message, toast=True)


def _suggest(key: str) -> None:
    text = str(st.session_state.get(key) or "").strip()
    if not text:
        session.say("warning", t("clinic.empty_text"))
        return
    if access.attempt(lambda: api.suggest(wid, "general", text), None) is not None:
        _sent(key, t("clinic.suggest_sent"))


def _note(key: str) -> None:
    text = str(st.session_state.get(key) or "").strip()
    if not text:
        session.say("warning", t("clinic.empty_text"))
        return

    def send() -> bool:
        api.leave_note(wid, text)
        return True

    if access.attempt(send, False):
        _sent(key, t("clinic.note_sent"))


if chosen.role == "suggest":
    box = f"clinic.suggest.{wid}"
    st.text_area(t("clinic.suggest_label"), key=box, max_chars=2000)
    st.button(t("clinic.suggest_button"), on_click=_suggest, args=(box,), key=f"clinic.suggest.send.{wid}")

if chosen.role == "navigator":
    snapshot = wb.snapshot()
    today = labels.today(session.timezone())  # the reader's day, printed on the list
    options = Options(made_on=today, document="questions")

    def _questions_pdf() -> bytes:
        with store.acting(None):  # another thread: no session here; the PDF needs no store call
            return build_pdf(snapshot, lib, options)

    download_button(
        t("clinic.print_list"),
        _questions_pdf,
        file_name=f"questions-{today:%Y-%m-%d}.pdf",
        mime="application/pdf",
        key=f"clinic.print.{wid}",
        primary=True,
        workbook_id=wid,
    )
    box = f"clinic.note.{wid}"
    st.text_area(t("clinic.note_label"), key=box, max_chars=2000)
    st.button(t("clinic.note_button"), on_click=_note, args=(box,), key=f"clinic.note.send.{wid}")
