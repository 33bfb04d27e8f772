"""How I have been: a check-in in under two minutes, the urgent box, earlier check-ins, trend charts.

Thin: the words and the urgent rule come from content/diary.toml (library.diary),
every change goes through workbook.edits and session.commit, reading through
workbook.diary. A check-in is created by its first answer and saved with every
answer after it, so nothing typed or tapped is lost if the page is left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from views import nav, session
from views.diary_chart import charts
from views.parts import text_field
from views.session import t
from views.text import md
from workbook import diary, edits, labels, team
from workbook.model import CheckIn, Workbook

SHOWN = 8  # earlier check-ins listed before "Show all"

lib = session.library()
d = lib.diary
wb = session.workbook()


def _today() -> dt.date:
    return labels.today(session.timezone())


def _current() -> CheckIn | None:
    """The check-in the form is filling in (None: a new one, made by its first answer)."""
    cid = session.flag("diary.current")
    # The open workbook now (callbacks run before the page is drawn again).
    return next((c for c in session.workbook().checkins if c.id == cid), None)


def _form() -> int:
    """A number for the form: a new one (new widget keys) for each check-in started or opened."""
    return session.flag("diary.form") or 0


def _new_form(cid: str | None) -> None:
    session.set_flag("diary.current", cid)
    session.set_flag("diary.form", _form() + 1)


def _apply(change: Callable[[Workbook, str], Any], drawn: str | None = None) -> Callable[[Workbook], None]:
    """A change to the current check-in; the first answer creates it (for the day chosen).
    `drawn`: the check-in the box showed, used first (text the browser sends again
    after a refresh reaches a new session, which has no current check-in yet)."""

    def run(book: Workbook) -> None:
        cid = session.flag("diary.current")
        if drawn is not None and any(c.id == drawn for c in book.checkins):
            cid = drawn
        if not any(c.id == cid for c in book.checkins):
            created = edits.add_checkin(book, day=session.flag("diary.new_day") or _today())
            cid = created.id
            session.set_flag("diary.current", cid)
        change(book, cid)

    return run


def _save(change: Callable[[Workbook, str], Any], widget_key: str | None = None, undo: Any = None) -> None:
    was_urgent = _is_urgent(_current())
    if session.commit(_apply(change), widget_key, undo) and not was_urgent and _is_urgent(_current()):
        # Wherever the person is on the page: say it at once, with the number.
        phone = team.day_night_phone(session.workbook())
        words = d.urgent.heading + (". " + d.urgent.phone.format(phone=md(phone)) if phone else "")
        session.say("error", words, toast=True, top=False)


def _is_urgent(c: CheckIn | None) -> bool:
    return c is not None and d.is_urgent(c.ratings, c.signs)


def _rated(symptom: str, widget_key: str) -> None:
    value = st.session_state.get(widget_key)
    _save(lambda book, cid: edits.set_rating(book, cid, symptom, value))


def _interference(widget_key: str) -> None:
    value = st.session_state.get(widget_key)
    _save(lambda book, cid: edits.update_checkin(book, cid, interference=value))


def _sign(sign: str, widget_key: str) -> None:
    ticked = bool(st.session_state.get(widget_key))
    _save(lambda book, cid: edits.set_sign(book, cid, sign, ticked), widget_key, not ticked)


def _day(widget_key: str) -> None:
    day = st.session_state.get(widget_key)
    if not isinstance(day, dt.date):
        return
    current = _current()
    if current is None:
        session.set_flag("diary.new_day", day)  # used when the first answer creates the check-in
        return
    _save(lambda book, cid: edits.update_checkin(book, cid, day=day), widget_key, current.day)


def urgent_box(place: str) -> None:
    """Call now, with the person's day-and-night number. Never a diagnosis, never reassurance.
    Drawn twice on the page (above the ratings and above Done): `place` keeps the keys apart."""
    phone = team.day_night_phone(wb)
    with st.container(border=True, key=f"diary-urgent-{place}"):
        st.error(f"**{d.urgent.heading}**", icon=":material/emergency:")
        st.markdown(d.urgent.text)
        if phone:
            st.markdown("**" + md(d.urgent.phone.format(phone=phone)) + "**")
        else:
            st.markdown(d.urgent.no_phone)
            st.page_link("views/care_team.py", label=t("team.title"), icon=":material/groups:")
        st.markdown(d.urgent.emergency)


def _rating(symptom_id: str, label: str, hint: str, current: CheckIn | None, form: int) -> None:
    name = f"diary.rate.{symptom_id}.{form}"
    widget_key = session.key(name)
    st.segmented_control(
        label,
        [0, 1, 2, 3, 4],
        format_func=d.scale_word,
        help=hint or None,
        default=current.ratings.get(symptom_id) if current else None,
        key=widget_key,
        on_change=_rated,
        args=(symptom_id, widget_key),
    )


def checkin_form() -> None:
    current = _current()
    drawn = current.id if current else None
    form = _form()
    drugs = diary.current_drug_ids(wb, _today())
    first, rest = lib.symptoms_for(drugs)
    st.header(
        t("diary.change_heading") if current and session.flag("diary.editing") else t("diary.new_heading")
    )
    if _is_urgent(current):
        urgent_box("top")
    day_key = session.key(f"diary.day.{form}")
    st.date_input(
        t("diary.day_label"),
        value=current.day if current else (session.flag("diary.new_day") or _today()),
        max_value=_today(),
        format="DD/MM/YYYY",
        key=day_key,
        on_change=_day,
        args=(day_key,),
    )
    st.caption(d.recall + " " + t("diary.scale_help"))
    if first:
        st.subheader(t("diary.first_heading"))
        st.caption(t("diary.first_help"))
    for symptom in first:
        _rating(symptom.id, symptom.label, symptom.hint, current, form)
    if first:
        st.subheader(t("diary.rest_heading"))
    for symptom in rest:
        _rating(symptom.id, symptom.label, symptom.hint, current, form)
    text_field(
        t("diary.other_label"),
        f"diary.other.{form}",
        current.other_symptom if current else "",
        lambda book, v: _apply(lambda b, cid: edits.update_checkin(b, cid, other_symptom=v), drawn)(book),
    )
    # Ratings saved before any of these (a check-in kept for an old id) still show as saved.
    for sid in sorted(set(current.ratings) - {s.id for s in (*first, *rest)} if current else ()):
        st.caption(f"{md(d.label(sid))}: {d.scale_word(current.ratings[sid]) if current else ''}")
    inter_key = session.key(f"diary.interference.{form}")
    st.segmented_control(
        t("diary.interference_label"),
        [0, 1, 2, 3, 4],
        format_func=d.interference_word,
        default=current.interference if current else None,
        key=inter_key,
        on_change=_interference,
        args=(inter_key,),
    )
    _signs(current, drugs, form)
    text_field(
        t("diary.notes_label"),
        f"diary.notes.{form}",
        current.notes if current else "",
        lambda book, v: _apply(lambda b, cid: edits.update_checkin(b, cid, notes=v), drawn)(book),
        area=True,
        height=90,
    )
    if _is_urgent(_current()):
        urgent_box("end")  # again where the person finishes: the number is never out of sight
    st.button(
        t("diary.done"),
        type="primary",
        icon=":material/check:",
        key=session.key(f"diary.done.{form}"),
        on_click=_done,
        disabled=_current() is None,
    )


def _signs(current: CheckIn | None, drugs: list[str], form: int) -> None:
    ticked = set(current.signs) if current else set()
    with st.expander(t("diary.signs_heading"), expanded=bool(ticked), icon=":material/emergency:"):
        st.caption(t("diary.signs_help"))
        for sign in lib.urgent_signs(drugs):
            widget_key = session.key(f"diary.sign.{sign.id}.{form}")
            st.checkbox(
                sign.text,
                value=sign.id in ticked,
                key=widget_key,
                on_change=_sign,
                args=(sign.id, widget_key),
            )


def _done() -> None:
    session.set_flag("diary.new_day", None)
    session.set_flag("diary.editing", False)
    _new_form(None)
    session.say("success", t("diary.saved"), toast=True, top=False)


# --- earlier check-ins -----------------------------------------------------------


def _summary(c: CheckIn) -> str:
    rated = [f"{d.label(s)}: {d.scale_word(r)}" for s, r in c.ratings.items() if r > 0]
    return " · ".join(rated) if rated else t("diary.nothing_rated")


def _open(cid: str) -> None:
    session.set_flag("diary.editing", True)
    _new_form(cid)


def _delete(cid: str) -> None:
    removed: list[CheckIn] = []
    if session.commit(lambda book: removed.append(edits.delete_checkin(book, cid))):
        session.set_flag("diary.deleted", removed[0] if removed else None)
        if session.flag("diary.current") == cid:
            _new_form(None)


def _undo() -> None:
    gone = session.flag("diary.deleted")
    if gone is not None and session.commit(lambda book: edits.restore_checkin(book, gone)):
        session.set_flag("diary.deleted", None)


def earlier() -> None:
    st.header(t("diary.earlier_heading"))
    gone = session.flag("diary.deleted")
    if gone is not None:
        with st.container(border=True):
            st.markdown(t("diary.deleted").format(day=labels.long_date(gone.day)))
            st.button(t("diary.undo"), icon=":material/undo:", key=session.key("diary.undo"), on_click=_undo)
    items = list(reversed(diary.ordered(wb.checkins)))
    if not items:
        st.caption(t("diary.none_yet"))
        return
    show_all = (
        st.toggle(t("diary.show_all").format(n=len(items)), key=session.key("diary.show_all"))
        if len(items) > SHOWN
        else True
    )
    for c in items if show_all else items[:SHOWN]:
        with st.container(border=True):
            st.markdown(f"**{labels.long_date(c.day)}**")
            st.markdown(md(_summary(c)))
            if c.interference is not None:
                st.caption(t("diary.interference_short").format(words=d.interference_word(c.interference)))
            if c.other_symptom.strip():
                st.markdown(t("diary.other_short") + " " + md(c.other_symptom))
            if c.notes.strip():
                st.markdown(md(c.notes))
            if c.signs:
                st.caption(t("diary.signs_short").format(n=len(c.signs)))
            change, delete = st.columns(2)
            change.button(
                t("diary.change"),
                icon=":material/edit:",
                key=session.key(f"diary.open.{c.id}"),
                on_click=_open,
                args=(c.id,),
            )
            delete.button(
                t("diary.delete"),
                icon=":material/delete:",
                key=session.key(f"diary.delete.{c.id}"),
                on_click=_delete,
                args=(c.id,),
            )


nav.menu()
st.title(t("diary.title"))
st.markdown(t("diary.intro"))
checkin_form()
charts(wb, lib, _today())
earlier()
st.info(t("diary.close"), icon=":material/groups:")
nav.footer()
