"""Earlier versions: when each was saved and what changed, a preview, and bringing one
back as the newest version (undoable). Recently deleted workbooks, restorable for 30 days."""

from __future__ import annotations

import logging
from datetime import datetime

import streamlit as st

from views import nav, session
from views.session import t
from views.text import md
from workbook import store
from workbook.changes import describe
from workbook.labels import long_date_time
from workbook.model import SECTION_IDS, Workbook

log = logging.getLogger(__name__)
SHOWN = 60  # the newest versions; older ones stay in the store, thinned with age

lib = session.library()
wb = session.workbook()


def when(moment: datetime) -> str:
    """'2 December 2026, 14:05' on the person's clock (the browser's zone)."""
    return long_date_time(moment, session.timezone())


def titles() -> dict[str, str]:
    return {sid: section.title for sid, section in lib.sections.items()}


def _toggle_preview(revision: int) -> None:
    session.set_flag("history.preview", None if session.flag("history.preview") == revision else revision)


def _restore(revision: int) -> None:
    before = session.revision()
    session.set_flag("history.preview", None)
    if session.restore_version(revision):
        session.set_flag("history.undo", before)
        session.say("success", t("history.restored"), toast=True)


def _undo() -> None:
    before = session.flag("history.undo")
    session.set_flag("history.undo", None)
    if before and session.restore_version(before):
        session.say("success", t("history.undone"), toast=True)


def preview(revision: int) -> None:
    try:
        old: Workbook = store.load_version(wb.id, revision)
    except session.STORE_ERRORS as exc:
        log.warning("could not read a version: %s", type(exc).__name__)
        st.error(t("app.load_error"))
        return
    changes = describe(old, wb, titles())
    st.markdown(t("history.preview_changes"))
    st.markdown("\n".join(f"- {md(line)}" for line in changes) if changes else t("history.no_change"))
    counts = [
        f"{md(lib.sections[sid].short_title)} {len(old.section(sid).questions)}"
        for sid in SECTION_IDS  # the library's pages, in its order (content/library.py checks)
    ]
    st.caption(t("history.questions_count").format(counts=" · ".join(counts)))


def versions() -> None:
    if not session.is_saved():
        st.info(t("history.not_saved"), icon=":material/info:")
        return
    if session.flag("history.undo"):
        st.button(t("history.undo"), icon=":material/undo:", on_click=_undo, key="history.undo")
    try:
        found = store.history(wb.id, titles())
    except session.STORE_ERRORS as exc:
        log.warning("could not list versions: %s", type(exc).__name__)
        st.error(t("app.load_error"))
        return
    if not found:
        st.info(t("history.none"), icon=":material/info:")
        return
    current = session.revision()
    for version in found[:SHOWN]:
        is_current = version.revision == current
        with st.container(border=True):
            mark = f" {t('history.current')}" if is_current else ""
            st.markdown(f"**{t('history.saved_on').format(when=when(version.saved_at))}**{mark}")
            st.caption(md(version.summary) if version.summary else t("history.no_change"))
            if is_current:
                continue
            showing = session.flag("history.preview") == version.revision
            look, bring = st.columns(2)
            look.button(
                t("history.preview_hide") if showing else t("history.preview"),
                icon=":material/visibility:",
                key=f"history.preview.{version.revision}",
                on_click=_toggle_preview,
                args=(version.revision,),
            )
            bring.button(
                t("history.restore"),
                icon=":material/restore:",
                key=f"history.restore.{version.revision}",
                on_click=_restore,
                args=(version.revision,),
            )
            if showing:
                preview(version.revision)


def _undelete(workbook_id: str) -> None:
    try:
        store.undelete(workbook_id)
    except session.STORE_ERRORS as exc:
        log.warning("could not restore a workbook: %s", type(exc).__name__)
        session.say("error", t("history.restore_failed"), toast=True)
        return
    session.say("success", t("history.undeleted"), toast=True)


def recently_deleted() -> None:
    st.header(t("history.deleted_heading"), anchor="recently-deleted")
    st.caption(t("history.deleted_intro"))
    try:
        gone = store.list_deleted()
    except session.STORE_ERRORS as exc:
        log.warning("could not list deleted workbooks: %s", type(exc).__name__)
        gone = []
    if not gone:
        st.caption(t("history.deleted_none"))
    for item in gone:
        with st.container(border=True):
            text, button = st.columns([3, 1], vertical_alignment="center")
            name = md(item.label) if item.label else t("welcome.unnamed")
            text.markdown(f"**{name}**  \n{t('welcome.last_edited').format(when=when(item.updated_at))}")
            button.button(
                t("history.undelete"), key=f"history.undelete.{item.id}", on_click=_undelete, args=(item.id,)
            )


nav.menu()
st.title(t("history.title"))
st.markdown(t("history.intro"))
versions()
recently_deleted()
nav.footer()
