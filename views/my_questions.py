"""My question list: every chosen question, the top three starred first; answers after the visit."""

from __future__ import annotations

import streamlit as st

from views import session
from views.parts import text_field
from views.session import t
from views.text import md
from workbook import edits
from workbook.labels import appointment_label
from workbook.model import Question

lib = session.library()
wb = session.workbook()
by_id = {a.id: a for a in wb.appointments}


def appt_label(appointment_id: str | None) -> str:
    return appointment_label(by_id.get(appointment_id or ""), t("about.appt_undated"))


def question_card(q: Question, sid: str, after_visit: bool, appointment_id: str | None) -> None:
    with st.container(border=True):
        st.markdown(f"**{md(q.text)}**")
        st.caption(lib.sections[sid].short_title)
        if not after_visit:
            star, up, down = st.columns([2, 1, 1], vertical_alignment="center")
            star.checkbox(t("questions.star"), value=q.starred, help=t("questions.star_help"),
                          **session.bound(f"questions.star.{q.id}", lambda book, v, i=q.id: edits.set_star(book, i, v),
                                         undo=True))
            # Every question moves, the top three among themselves (edits.move_question).
            up.button(t("questions.up"), icon=":material/arrow_upward:", key=session.key(f"questions.up.{q.id}"),
                      on_click=session.commit, args=(lambda book, i=q.id: edits.move_question(book, i, -1),))
            down.button(t("questions.down"), icon=":material/arrow_downward:", key=session.key(f"questions.down.{q.id}"),
                        on_click=session.commit, args=(lambda book, i=q.id: edits.move_question(book, i, 1),))
            return
        # The label holds content text only (it is the accessible name); the visit is
        # chosen in the box at the top of the page.
        text_field(t("questions.answer_label"), f"questions.answer.{q.id}.{appointment_id}",
                   edits.answer_for(q, appointment_id),
                   lambda book, v, i=q.id: edits.record_answer(book, i, appointment_id, v),
                   area=True, height=80)
        earlier = [a for a in q.answers if a.appointment_id != appointment_id and a.text.strip()]
        if earlier:
            with st.expander(t("questions.earlier")):
                for a in earlier:
                    st.markdown(f"**{md(appt_label(a.appointment_id))}**  \n{md(a.text)}")


st.title(t("questions.title"))
st.markdown(t("questions.intro"))
items = edits.agenda(wb)
if not items:
    st.info(t("questions.empty"), icon=":material/info:")
    st.page_link("views/general.py", label=lib.sections["general"].title, icon=":material/forum:")
else:
    modes = ["before", "after"]
    mode = st.segmented_control(t("questions.mode_label"), modes, default="before", required=True,
                                format_func=lambda m: t(f"questions.mode_{m}"),
                                key="questions.mode", persist_state="session")
    after_visit = mode == "after"
    appointment_ids = [a.id for a in wb.appointments]
    chosen_appt = None
    if after_visit and appointment_ids:
        current = wb.next_appointment_id if wb.next_appointment_id in appointment_ids else appointment_ids[0]
        chosen_appt = st.selectbox(t("questions.appointment_label"), appointment_ids,
                                   index=appointment_ids.index(current), format_func=appt_label,
                                   key=session.key("questions.answer_appointment"))
    # The person's own order across all pages (edits.agenda), the top three first.
    top = [(sid, q) for sid, q in items if q.starred]
    if top:
        st.header(t("questions.top_heading"))
        for sid, q in top:
            question_card(q, sid, after_visit=after_visit, appointment_id=chosen_appt)
    rest = [(sid, q) for sid, q in items if not q.starred]
    if rest:
        st.header(t("questions.rest_heading"))
        for sid, q in rest:
            question_card(q, sid, after_visit=after_visit, appointment_id=chosen_appt)
    st.page_link("views/export.py", label=t("questions.next_step"), icon=":material/print:")
