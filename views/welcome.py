"""Welcome: what this is, privacy, the notice, the task list, and which workbook to use."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from views import nav, session
from views.pages import TASK_PAGES, task_title
from views.session import t
from views.text import md, plain
from workbook import progress, store
from workbook.files import WorkbookFileError, import_salvaged
from workbook.labels import long_date_time

BadgeColor = Literal["gray", "orange", "green", "blue"]
STATUS_COLORS: dict[str, BadgeColor] = {
    "not_started": "gray",
    "in_progress": "orange",
    "ready": "green",
    "not_for_me": "blue",
}

lib = session.library()
wb = session.workbook()

nav.menu()
st.title(t("app.name"))
st.markdown(t("welcome.intro"))
st.markdown(t("welcome.time"))
st.info(t("welcome.privacy"), icon=":material/lock:")
st.warning(lib.interface.disclaimer, icon=":material/info:")


def task_list() -> None:
    """Every section and how far along it is (the GOV.UK task-list pattern)."""
    st.header(t("welcome.tasks_heading"))
    tasks = progress.tasks(wb)
    done = progress.done_count(tasks)
    st.progress(done / len(tasks), text=t("welcome.progress").format(done=done, total=len(tasks)))
    for task in tasks:
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.page_link(TASK_PAGES[task.id], label=task_title(task.id))
        right.badge(lib.choice_label(lib.interface.statuses, task.status), color=STATUS_COLORS[task.status])


def _delete(workbook_id: str) -> None:
    session.set_flag("delete", None)
    try:
        store.delete(workbook_id)
    except session.STORE_ERRORS:
        session.say("error", t("app.store_error"), toast=True)
        return
    if workbook_id == session.workbook().id:
        session.let_go()
    session.say("success", t("welcome.deleted"), toast=True)


def edited(item: store.Listing) -> str:
    return t("welcome.last_edited").format(when=long_date_time(item.updated_at, session.timezone()))


def name_of(item: store.Listing) -> str:
    """The workbook's name for the screen (escaped), or the words for no name."""
    return md(item.label) if item.label.strip() else t("welcome.unnamed")


@st.dialog(t("welcome.delete_title"), on_dismiss=lambda: session.set_flag("delete", None))
def confirm_delete(workbook_id: str, listing: list[store.Listing]) -> None:
    item = next((i for i in listing if i.id == workbook_id), None)
    if item is not None:  # which one: two workbooks can share a name, never a last-changed time and count
        st.markdown(f"**{name_of(item)}**  \n{edited(item)} · {questions_count(item)}")
    st.write(t("welcome.delete_confirm"))
    yes, no = st.columns(2)
    yes.button(t("welcome.delete_yes"), type="primary", on_click=_delete, args=(workbook_id,))
    no.button(t("welcome.delete_no"), on_click=session.set_flag, args=("delete", None))


def questions_count(item: store.Listing) -> str:
    return t("welcome.questions_one" if item.questions == 1 else "welcome.questions_many").format(
        n=item.questions
    )


def saved_workbooks(listing: list[store.Listing]) -> None:
    st.header(t("welcome.continue_heading"))
    st.button(
        t("welcome.start_new"),
        icon=":material/add:",
        on_click=session.start_new,
        disabled=session.is_chosen() and not session.is_saved(),
    )
    for item in listing:
        is_open = item.id == wb.id
        with st.container(border=True):
            name = name_of(item)
            st.markdown(
                f"**{name}** {t('welcome.this_one') if is_open else ''}  \n"
                f"{edited(item)} · {questions_count(item)}"
            )
            # A button's name is its rendered label: it says which workbook.
            short = md(plain(item.label)) if item.label.strip() else t("welcome.unnamed")
            with st.container(horizontal=True):
                st.button(
                    f"{t('welcome.open_saved')}: {short}",
                    key=f"welcome.open.{item.id}",
                    disabled=is_open,
                    icon=":material/folder_open:",
                    on_click=session.open_saved,
                    args=(item.id,),
                )
                st.button(
                    f"{t('welcome.delete')}: {short}",
                    key=f"welcome.delete.{item.id}",
                    icon=":material/delete:",
                    on_click=session.set_flag,
                    args=("delete", item.id),
                )
    st.page_link("views/history.py", label=t("welcome.deleted_link"), icon=":material/history:")
    if session.flag("delete"):
        confirm_delete(session.flag("delete"), listing)


def _imported(uploader_key: str) -> None:
    upload = st.session_state.get(uploader_key)
    if upload is not None:
        try:
            wb, damaged = import_salvaged(upload.getvalue(), session.titles())
        except WorkbookFileError as exc:
            session.say("error", str(exc), toast=True)
        else:
            session.open_new(wb)
            if damaged:  # opened with everything that could be read; say what was reset
                session.say(
                    "warning",
                    t("welcome.import_damaged").format(parts="; ".join(md(p) for p in damaged)),
                    toast=True,
                )
            else:
                session.say("success", t("welcome.import_ok"), toast=True)
    # A new key empties the uploader, ready for another file.
    session.set_flag("uploads", (session.flag("uploads") or 0) + 1)


def open_a_file() -> None:
    st.header(t("welcome.import_heading"))
    uploader_key = f"welcome.upload.{session.flag('uploads') or 0}"
    st.file_uploader(
        t("welcome.import_label"), type=["json"], key=uploader_key, on_change=_imported, args=(uploader_key,)
    )


try:
    listing = store.list_saved()
except session.STORE_ERRORS:
    listing = []
    st.error(t("app.store_missing_load"))
if not session.is_saved() and listing:
    # Someone coming back (the address had no workbook in it): their work first.
    saved_workbooks(listing)
    open_a_file()
    task_list()
else:
    task_list()
    if listing:
        saved_workbooks(listing)
    open_a_file()
nav.footer()
