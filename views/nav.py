"""Finding the way: "Back" and "Next" at the end of every page, and one labelled button
near the top that lists every page (on a phone the sidebar is folded away).

The order is the one app.py hands to st.navigation (its PAGES), read back from the
navigation of this run, so a page added there joins the chain without a change here.
Streamlit's own st.page_link resolves pages through the same list
(`pages_manager.get_pages()`, in navigation order); tests/app/test_pages.py pins it.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from views.session import t


@dataclass(frozen=True)
class Page:
    title: str
    script_path: str  # absolute, as st.navigation registered it
    page_hash: str


def pages() -> list[Page]:
    """Every page of this run's navigation, in its order (empty outside a script run)."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return []
    return [
        Page(info.get("page_name", ""), info["script_path"], info["page_script_hash"])
        for info in ctx.pages_manager.get_pages().values()
    ]


ASIDE = ("views/history.py",)  # pages off the path a person walks with Next


def _aside(page: Page) -> bool:
    return page.script_path.replace("\\", "/").endswith(ASIDE)


def neighbours() -> tuple[Page | None, Page | None]:
    """The pages before and after the one being drawn (None at either end)."""
    ctx = get_script_run_ctx()
    found = pages()
    if ctx is None:
        return None, None
    current = ctx.pages_manager.current_page_script_hash
    # The task list's order (Welcome, About me, ...): "Earlier versions" is a place one goes
    # for a reason, so the chain visits it last, after Export, not right after Welcome.
    found = [p for p in found if not _aside(p)] + [p for p in found if _aside(p)]
    hashes = [p.page_hash for p in found]
    if current not in hashes:
        return None, None
    at = hashes.index(current)
    back = found[at - 1] if at > 0 else None
    following = found[at + 1] if at + 1 < len(found) else None
    return back, following


def footer() -> None:
    """Back and Next, the last thing on a page: a tired person only has to keep pressing Next."""
    back, following = neighbours()
    if back is None and following is None:
        return
    st.divider()
    back_col, next_col = st.columns(2)
    if back is not None:
        back_col.page_link(
            back.script_path, label=t("nav.back").format(page=back.title), icon=":material/arrow_back:"
        )
    if following is not None:
        next_col.page_link(
            following.script_path,
            label=t("nav.next").format(page=following.title),
            icon=":material/arrow_forward:",
            icon_position="right",
        )


def menu() -> None:
    """A labelled button near the top that opens a list of every page."""
    found = pages()
    if not found:
        return
    with st.popover(t("nav.all_pages"), icon=":material/menu:"):
        for page in found:
            st.page_link(page.script_path, label=page.title)
