"""My question list: every chosen question, the top three starred first; answers after the visit."""

from __future__ import annotations

from functools import partial

import streamlit as st

from views import nav, session
from views.parts import paged, text_field
from views.session import t
from views.text import md, plain, plain_label
from workbook import edits
from workbook.labels import appointment_label
from workbook.model import Question

lib = session.library()
wb = session.workbook()
by_id = {a.id: a for a in wb.appointments}
BUTTON_TEXT = 40  # characters of the question on a move button: enough to tell them apart


def appt_label(appointment_id: str | None) -> str:
    return appointment_label(by_id.get(appointment_id or ""), t("about.appt_undated"))


def reorder(q: Question, first: bool, last: bool) -> None:
    """Star and move: each control's name says which question it acts on. The box's
    label is collapsed (read literally, never rendered) with the words beside it; a
    button's name is its rendered label, so the question goes in through md()."""
    short = md(plain(q.text, BUTTON_TEXT))
    # One row that wraps on a phone (few elements per card: a long list reruns quickly).
    with st.container(horizontal=True, vertical_alignment="center"):
        st.checkbox(
            plain_label(t("questions.star"), q.text),
            value=q.starred,
            label_visibility="collapsed",
            width="content",
            **session.bound(f"questions.star.{q.id}", session.item_edit(edits.set_star, q.id), undo=True),
        )
        st.markdown(t("questions.star"), width="content")
        # Every question moves, the top three among themselves (edits.move_question).
        st.button(
            f"{t('questions.up')}: {short}",
            icon=":material/arrow_upward:",
            disabled=first,
            key=session.key(f"questions.up.{q.id}"),
            on_click=session.commit_click,
            args=(partial(edits.move_question, qid=q.id, step=-1),),
        )
        st.button(
            f"{t('questions.down')}: {short}",
            icon=":material/arrow_downward:",
            disabled=last,
            key=session.key(f"questions.down.{q.id}"),
            on_click=session.commit_click,
            args=(partial(edits.move_question, qid=q.id, step=1),),
        )


def question_card(
    q: Question,
    sid: str,
    after_visit: bool,
    appointment_id: str | None,
    first: bool = False,
    last: bool = False,
) -> None:
    with st.container(border=True):
        st.markdown(f"**{md(q.text)}**  \n:gray[:small[{lib.sections[sid].short_title}]]")
        if not after_visit:
            reorder(q, first, last)
            return
        # The name says which question (read literally: the label is collapsed); the
        # visit is chosen in the box at the top of the page.
        st.markdown(t("questions.answer_label"))
        qid = q.id  # read now (this call's question and visit), as the default argument did
        text_field(
            plain_label(t("questions.answer_label"), q.text),
            f"questions.answer.{q.id}.{appointment_id}",
            edits.answer_for(q, appointment_id),
            lambda book, v: edits.record_answer(book, qid, appointment_id, v),
            area=True,
            height=80,
            collapsed=True,
        )
        earlier = [a for a in q.answers if a.appointment_id != appointment_id and a.text.strip()]
        if earlier:
            with st.expander(t("questions.earlier")):
                for a in earlier:
                    st.markdown(f"**{md(appt_label(a.appointment_id))}**  \n{md(a.text)}")


nav.menu()
st.title(t("questions.title"))
st.markdown(t("questions.intro"))
items = edits.agenda(wb)
if not items:
    st.info(t("questions.empty"), icon=":material/info:")
    st.page_link("views/general.py", label=lib.sections["general"].title, icon=":material/forum:")
else:
    modes = ["before", "after"]
    mode = st.segmented_control(
        t("questions.mode_label"),
        modes,
        default="before",
        required=True,
        format_func=lambda m: t(f"questions.mode_{m}"),
        key="questions.mode",
        persist_state="session",
    )
    after_visit = mode == "after"
    appointment_ids = [a.id for a in wb.appointments]
    chosen_appt = None
    if after_visit and appointment_ids:
        current = wb.next_appointment_id if wb.next_appointment_id in appointment_ids else appointment_ids[0]
        chosen_appt = st.selectbox(
            t("questions.appointment_label"),
            appointment_ids,
            index=appointment_ids.index(current),
            format_func=appt_label,
            key=session.key("questions.answer_appointment"),
        )
    # The person's own order across all pages (edits.agenda), the top three first.
    top = [(sid, q) for sid, q in items if q.starred]
    rest = [(sid, q) for sid, q in items if not q.starred]
    ends = (items[0][1].id, items[-1][1].id)
    for heading, group, name in (
        (t("questions.top_heading"), top, "questions.top"),
        (t("questions.rest_heading"), rest, "questions.rest"),
    ):
        if not group:
            continue
        st.header(heading, anchor=False)  # no "Link to heading" twice: every control has its own name
        for sid, q in paged(group, name):
            question_card(
                q,
                sid,
                after_visit=after_visit,
                appointment_id=chosen_appt,
                first=q.id == ends[0],
                last=q.id == ends[1],
            )
    st.page_link("views/export.py", label=t("questions.next_step"), icon=":material/print:")
nav.footer()
