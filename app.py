"""Entry point: page setup, the open workbook, navigation.

streamlit run app.py
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from views import callbacks, session
from views.clinic import gate
from views.components import keeper
from views.session import t
from views.text import md

log = logging.getLogger(__name__)
ICON = Path(__file__).parent / "static" / "icon.png"
RETRY_SECONDS = 5
TOAST_ICONS = {
    "info": ":material/info:",
    "success": ":material/check_circle:",
    "warning": ":material/warning:",
    "error": ":material/error:",
}

# heading key -> (script, title key or None for a treatment page, icon, is the default page)
PAGES: dict[str, list[tuple[str, str | None, str | None, bool]]] = {
    "nav.start": [
        ("views/welcome.py", "welcome.title", ":material/home:", True),
        ("views/history.py", "history.title", ":material/history:", False),
    ],
    "nav.about": [
        ("views/about_me.py", "about.title", ":material/person:", False),
        ("views/values.py", "values.title", ":material/favorite:", False),
    ],
    "nav.treatments": [
        (f"views/{sid}.py", None, None, False)
        for sid in ("hormone", "targeted", "radiation", "surgery", "chemotherapy", "general")
    ],
    "nav.visit": [
        ("views/diary.py", "diary.title", ":material/monitor_heart:", False),
        ("views/medicines.py", "medicines.title", ":material/medication:", False),
        ("views/care_team.py", "team.title", ":material/groups:", False),
        ("views/visits.py", "visits.title", ":material/event_note:", False),
        ("views/my_questions.py", "questions.title", ":material/checklist:", False),
        ("views/export.py", "export.title", ":material/print:", False),
    ],
}
# Clinic mode only (a signed-in person): personal mode has nobody to share with.
CLINIC_PAGES: dict[str, list[tuple[str, str | None, str | None, bool]]] = {
    "nav.clinic": [
        ("views/clinic/sharing.py", "clinic.sharing_title", ":material/share:", False),
        ("views/clinic/shared.py", "clinic.shared_title", ":material/folder_shared:", False),
    ],
}


def navigation(clinic: bool = False) -> dict[str, list[st.Page]]:
    lib = session.library()
    sections = {}
    for heading, pages in (PAGES | CLINIC_PAGES if clinic else PAGES).items():
        built = []
        for path, title_key, icon, default in pages:
            if title_key is None:  # a treatment page: its title and icon come from content
                content = lib.sections[path.removeprefix("views/").removesuffix(".py")]
                title, icon = content.short_title, content.icon
            else:
                title = t(title_key)
            built.append(st.Page(path, title=title, icon=icon, default=default))
        sections[t(heading)] = built
    return sections


def status_bar(on_welcome: bool = False) -> None:
    """What happened to the person's work: at the top, and as a toast where they are."""
    for message in session.take_toasts():
        st.toast(message.text, icon=TOAST_ICONS[message.level], duration="long")
    for message in session.take_messages():
        getattr(st, message.level)(message.text)
    reason = session.unsaved_reason()
    if session.has_conflict():
        conflict_panel()
    elif reason == "deleted":
        deleted_panel()
    elif reason == "choose":
        choose_panel()
    workbook_line(reason, on_welcome)
    if reason in ("failed", "missing"):
        keep_trying()
    with st.sidebar:
        st.caption(session.library().interface.disclaimer)


@st.fragment(run_every=RETRY_SECONDS)
def keep_trying() -> None:
    """While a change is kept only in this tab, try to save it every few seconds
    (the data folder may be back), not only on the person's next click."""
    if session.unsaved_reason() in ("failed", "missing") and session.retry_pending():
        st.rerun()  # the whole page: the saved indicator and messages change


def workbook_line(reason: str | None, on_welcome: bool) -> None:
    """Which workbook is open, whether the last change is kept, and a way to switch."""
    wb = session.workbook()
    if reason is not None:  # never an old "Saved at" for a change that was not kept
        state = ":material/error: " + t("app.not_saved")
    elif session.saved_at() is not None:
        state = ":material/check_circle: " + t("app.saved_at").format(time=session.saved_time())
    else:
        state = ""
    if session.is_saved():
        name = md(wb.profile.name.strip()) if wb.profile.name.strip() else t("welcome.unnamed")
        line = t("app.current").format(name=name)
    else:
        line = t("app.current_new")
    # In the main area: on a phone the sidebar is folded away.
    st.caption(" · ".join(part for part in (line, state) if part))
    if session.is_saved() and reason is None and not on_welcome:
        st.page_link("views/welcome.py", label=t("app.switch"), icon=":material/swap_horiz:")


def _shown(value: object) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return t("app.conflict_empty")
    if isinstance(value, bool):
        return t("values.yes") if value else t("values.no")
    if isinstance(value, (list, tuple)):
        return md(", ".join(str(v) for v in value))
    return md(str(value))


def conflict_panel() -> None:
    st.error(t("app.conflict"), icon=":material/sync_problem:")
    items = session.conflicts()
    for n, conflict in enumerate(items):
        with st.container(border=True):
            st.markdown(f"**{md(conflict.label)}**")
            st.markdown(f"{t('app.conflict_mine')}  \n{_shown(conflict.mine)}")
            st.markdown(f"{t('app.conflict_theirs')}  \n{_shown(conflict.theirs)}")
            if len(items) > 1:
                st.radio(
                    t("app.conflict_choose"),
                    ["mine", "theirs"],
                    horizontal=True,
                    format_func=lambda v: t(f"app.conflict_use_{v}"),
                    key=f"app.conflict.{n}",
                )
    left, right = st.columns(2)
    left.button(t("app.reload"), on_click=session.reload_latest, type="primary", key="app.reload")
    right.button(t("app.keep_mine"), on_click=session.keep_mine, key="app.keep_mine")
    if len(items) > 1:
        st.button(t("app.conflict_save"), on_click=_save_choices, args=(items,), key="app.conflict.save")


def _save_choices(items: list) -> None:
    session.resolve(
        {c.path: st.session_state.get(f"app.conflict.{n}") or "mine" for n, c in enumerate(items)}
    )


def deleted_panel() -> None:
    st.error(t("app.deleted"), icon=":material/delete:")
    left, right = st.columns(2)
    left.button(t("app.deleted_keep"), on_click=session.keep_as_new, type="primary", key="app.deleted.keep")
    right.button(t("app.deleted_let_go"), on_click=session.let_go, key="app.deleted.let_go")


def choose_panel() -> None:
    st.warning(t("app.choose"), icon=":material/help:")
    left, right = st.columns(2)
    left.button(
        t("welcome.start_new"),
        on_click=session.start_new,
        type="primary",
        icon=":material/add:",
        key="app.choose.new",
    )
    with right:
        st.page_link("views/welcome.py", label=t("app.choose_saved"), icon=":material/folder_open:")


def main() -> None:
    callbacks.install()  # before the next run's callbacks: a newer request never cuts one short
    # A local file: a ":material/...:" page icon is fetched from a third-party server.
    st.set_page_config(page_title=t("app.name"), page_icon=str(ICON), layout="centered")
    who = gate.run()  # clinic mode: sign in first (or stop here); personal mode: None at once
    session.ensure_open()
    # All pages always listed: a "View more" button hides half of them from a tired reader.
    page = st.navigation(navigation(clinic=who is not None), expanded=True)
    session.keep_id_in_url()
    session.begin_run()
    status_bar(on_welcome=page.url_path in ("", "welcome"))
    try:
        page.run()
    except Exception as exc:  # a page must never show a traceback; rerun/stop are BaseException
        log.error("page failed: %s", type(exc).__name__)
        st.error(t("app.error"))
    keeper.mount()  # after the page: every text box on it is registered


main()
