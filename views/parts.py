"""Small pieces several pages draw: the urgent-symptoms box, option radios."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

import streamlit as st

from views import session
from views.session import t
from views.text import md
from workbook.model import MAX_SHORT_TEXT, MAX_TEXT, Workbook


def urgent_box(symptoms: Sequence[str]) -> None:
    """Symptoms to report at once, and the person's day-and-night number."""
    phone = session.workbook().profile.day_night_phone.strip()
    with st.container(border=True):
        st.markdown(f"**:material/emergency: {t('modality.urgent_heading')}**")
        st.markdown("\n".join(f"- {line}" for line in symptoms))
        if phone:
            st.markdown("**" + md(t("modality.urgent_phone").format(phone=phone)) + "**")
        else:
            st.caption(t("modality.urgent_no_phone"))


def option_radio(
    label: str,
    group: str,
    options: Sequence[str],
    current: str | None,
    name: str,
    apply: Callable[[Workbook, Any], Any],
) -> None:
    """A horizontal radio over option ids, labelled from content, nothing chosen until chosen."""
    st.radio(
        label,
        list(options),
        index=list(options).index(current) if current is not None and current in options else None,
        format_func=lambda v: t(f"options.{group}.{v}"),
        horizontal=True,
        **session.bound(name, apply, shown=current),
    )


def text_field(
    label: str,
    name: str,
    value: str,
    apply: Callable[[Workbook, Any], Any],
    area: bool = False,
    height: int | Literal["content"] | None = None,
    collapsed: bool = False,
) -> str:
    """The one helper for a text box. What is typed is saved within about a second,
    without leaving the box (views/components/keeper.py), and when the box is left.
    Text longer than the workbook holds (one line: a short field; several lines: a
    long one) keeps what fits and says it was shortened, instead of refusing the paste.
    `collapsed` hides the label on screen: it is then only the accessible name, read
    literally (views/text.py plain_label), and the page shows the words itself.
    Returns the widget key."""
    limit = MAX_TEXT if area else MAX_SHORT_TEXT
    widget_key = session.key(name)

    def save(wb: Workbook, text: Any) -> None:
        apply(wb, fit(text or "", limit, widget_key))

    session.register_box(widget_key, save, value, limit)
    # A refused text (an own question emptied) puts back what the box showed.
    shown_label: Literal["visible", "collapsed"] = "collapsed" if collapsed else "visible"
    if area:
        st.text_area(
            label,
            value=value,
            height=height,
            label_visibility=shown_label,
            **session.bound(name, save, shown=value),
        )
    else:
        st.text_input(
            label, value=value, label_visibility=shown_label, **session.bound(name, save, shown=value)
        )
    return widget_key


def fit(text: str, limit: int, widget_key: str | None = None) -> str:
    """At most `limit` characters; a longer text is cut with a plain message."""
    if len(text) <= limit:
        return text
    session.say("warning", t("app.shortened").format(limit=f"{limit:,}"), toast=True)
    if widget_key is not None:
        st.session_state[widget_key] = text[:limit]  # the box shows what was kept
    return text[:limit]


PAGE_SIZE = 20  # cards drawn at once: a long list is read a screenful at a time, and reruns stay quick


def paged(items: Sequence[Any], name: str, size: int = PAGE_SIZE) -> Sequence[Any]:
    """The part of a long list to draw now, with a box to choose another part.
    A list that fits on one screen is drawn whole, with no box."""
    if len(items) <= size:
        return items
    starts = list(range(0, len(items), size))
    chosen = st.selectbox(
        t("app.show_part").format(total=len(items)),
        starts,
        key=session.key(f"{name}.part"),
        format_func=lambda at: t("app.part").format(
            first=at + 1, last=min(at + size, len(items)), total=len(items)
        ),
    )
    at = chosen if chosen in starts else 0
    return items[at : at + size]
