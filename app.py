"""Entry point: page setup, the open workbook, navigation.

    streamlit run app.py
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from views import session
from views.session import t

log = logging.getLogger(__name__)
ICON = Path(__file__).parent / "static" / "icon.png"

PAGES = {
    "nav.start": [("views/welcome.py", "welcome.title", ":material/home:", True)],
    "nav.about": [("views/about_me.py", "about.title", ":material/person:", False),
                  ("views/values.py", "values.title", ":material/favorite:", False)],
    "nav.treatments": [(f"views/{sid}.py", None, None, False)
                       for sid in ("hormone", "targeted", "radiation", "surgery", "chemotherapy", "general")],
    "nav.visit": [("views/my_questions.py", "questions.title", ":material/checklist:", False),
                  ("views/export.py", "export.title", ":material/print:", False)],
}


def navigation() -> dict[str, list[st.Page]]:
    lib = session.library()
    sections = {}
    for heading, pages in PAGES.items():
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


def status_bar() -> None:
    for message in session.take_messages():
        getattr(st, message.level)(message.text)
    if session.has_conflict():
        st.error(t("app.conflict"), icon=":material/sync_problem:")
        left, right = st.columns(2)
        left.button(t("app.reload"), on_click=session.reload_latest, type="primary")
        right.button(t("app.keep_mine"), on_click=session.keep_mine)
    saved = session.saved_at()
    if saved is not None:  # in the main area: on a phone the sidebar is folded away
        st.caption(":material/check_circle: " + t("app.saved_at").format(time=f"{saved:%H:%M}"))
    with st.sidebar:
        st.caption(session.library().interface.disclaimer)


def main() -> None:
    # A local file: a ":material/...:" page icon is fetched from a third-party server.
    st.set_page_config(page_title=t("app.name"), page_icon=str(ICON), layout="centered")
    session.ensure_open()
    page = st.navigation(navigation())
    session.keep_id_in_url()
    status_bar()
    try:
        page.run()
    except Exception as exc:  # a page must never show a traceback; rerun/stop are BaseException
        log.error("page failed: %s", type(exc).__name__)
        st.error(t("app.error"))


main()
