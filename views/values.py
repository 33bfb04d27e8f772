"""What matters to me, and a four-item readiness check."""

from __future__ import annotations

import streamlit as st

from views import nav, session
from views.parts import text_field
from views.session import t
from workbook import edits

lib = session.library()
wb = session.workbook()
iface = lib.interface
levels = [c.id for c in iface.importance]

nav.menu()
st.title(t("values.title"))
st.markdown(t("values.intro"))

for item in iface.values:
    current = wb.values.importance.get(item.id)
    st.radio(
        item.label,
        levels,
        index=levels.index(current) if current in levels else None,
        format_func=lambda v: lib.choice_label(iface.importance, v),
        horizontal=True,
        **session.bound(
            f"values.importance.{item.id}",
            session.item_edit(edits.set_importance, item.id),
        ),
    )

text_field(
    t("values.side_effects_label"),
    "values.side_effects",
    wb.values.side_effects_to_avoid,
    lambda book, v: edits.set_values_text(book, "side_effects_to_avoid", v),
    area=True,
)
text_field(
    t("values.in_my_words_label"),
    "values.in_my_words",
    wb.values.in_my_words,
    lambda book, v: edits.set_values_text(book, "in_my_words", v),
    area=True,
)

st.header(t("values.readiness_heading"))
st.markdown(t("values.readiness_intro"))
answers = [True, False]
for item in iface.readiness:
    ready = wb.values.readiness.get(item.id)
    st.radio(
        item.label,
        answers,
        index=answers.index(ready) if ready is not None else None,
        format_func=lambda v: t("values.yes") if v else t("values.no"),
        horizontal=True,
        **session.bound(f"values.ready.{item.id}", session.item_edit(edits.set_readiness, item.id)),
    )
    if ready is False:
        st.info(item.hint, icon=":material/lightbulb:")

nav.footer()
