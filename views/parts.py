"""Small pieces several pages draw: the urgent-symptoms box, option radios."""

from __future__ import annotations

from typing import Any, Callable, Sequence

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


def option_radio(label: str, group: str, options: Sequence[str], current: str | None,
                 name: str, apply: Callable[[Workbook, Any], Any]) -> None:
    """A horizontal radio over option ids, labelled from content, nothing chosen until chosen."""
    st.radio(label, list(options), index=list(options).index(current) if current in options else None,
             format_func=lambda v: t(f"options.{group}.{v}"), horizontal=True,
             **session.bound(name, apply))


def text_field(label: str, name: str, value: str, apply: Callable[[Workbook, Any], Any],
               area: bool = False) -> None:
    """A text box whose committed value `apply` saves. Boxes stop at the length the
    workbook can hold (one line: a short field; several lines: a long one)."""
    widget = st.text_area if area else st.text_input
    widget(label, value=value, max_chars=MAX_TEXT if area else MAX_SHORT_TEXT, **session.bound(name, lambda wb, v: apply(wb, v or "")))
