"""My visits: every appointment as a line of time, with what I wanted, questions asked, answers, what changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from views import nav, session
from views.parts import text_field
from views.session import t
from views.text import md
from workbook import edits
from workbook.labels import appointment_label
from workbook.model import Appointment, Workbook

wb = session.workbook()


def _commit(change: Callable[[Workbook], object]) -> None:
    session.commit(change)  # a button callback returns nothing


def _update(aid: str, field: str):
    return lambda book, value: edits.update_appointment(book, aid, **{field: value})


def _timeline(appts: list[Appointment]) -> list[Appointment]:
    """Newest first; appointments with no date last, in the order they were added."""
    dated = sorted((a for a in appts if a.date), key=lambda a: a.date or dt.date.min, reverse=True)
    return dated + [a for a in appts if not a.date]


def _answers(aid: str) -> list[tuple[str, str]]:
    return [
        (q.text, a.text)
        for _, q in edits.iter_questions(wb)
        for a in q.answers
        if a.appointment_id == aid and a.text.strip()
    ]


def card(a: Appointment) -> None:
    with st.container(border=True):
        mark = f" · {t('visits.next_mark')}" if a.id == wb.next_appointment_id else ""
        st.markdown(f"**{md(appointment_label(a, t('about.appt_undated')))}**{mark}")
        st.date_input(
            t("visits.date_label"),
            value=a.date,
            format="DD/MM/YYYY",
            **session.bound(f"visits.date.{a.id}", _update(a.id, "date")),
        )
        text_field(
            t("visits.clinician_label"), f"visits.clinician.{a.id}", a.clinician, _update(a.id, "clinician")
        )
        text_field(t("visits.purpose_label"), f"visits.purpose.{a.id}", a.purpose, _update(a.id, "purpose"))
        text_field(
            t("visits.want_label"), f"visits.want.{a.id}", a.want, _update(a.id, "want"), area=True, height=80
        )
        st.markdown(f"**{t('visits.answers_heading')}**")
        answers = _answers(a.id)
        if not answers:
            st.caption(t("visits.no_answers"))
        for question, answer in answers:
            st.markdown(f"{md(question)}  \n:material/subdirectory_arrow_right: {md(answer)}")
        text_field(
            t("visits.what_changed_label"),
            f"visits.changed.{a.id}",
            a.what_changed,
            _update(a.id, "what_changed"),
            area=True,
            height=80,
        )
        left, right = st.columns(2)
        if a.id != wb.next_appointment_id:
            left.button(
                t("visits.make_next"),
                key=session.key(f"visits.next.{a.id}"),
                on_click=_commit,
                args=(lambda book, i=a.id: edits.set_next_appointment(book, i),),
            )
        right.button(
            t("visits.delete"),
            icon=":material/delete:",
            help=t("visits.delete_help"),
            key=session.key(f"visits.delete.{a.id}"),
            on_click=_commit,
            args=(lambda book, i=a.id: edits.delete_appointment(book, i),),
        )


nav.menu()
st.title(t("visits.title"))
st.markdown(t("visits.intro"))
if not wb.appointments:
    st.caption(t("visits.empty"))
for appointment in _timeline(wb.appointments):
    card(appointment)
st.button(
    t("visits.add"),
    icon=":material/add:",
    key=session.key("visits.add"),
    on_click=_commit,
    args=(lambda book: edits.add_appointment(book),),
)
nav.footer()
