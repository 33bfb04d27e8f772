"""My medicines: picked from the treatment register or typed; dose, how often, started, stopped, why, who."""

from __future__ import annotations

from typing import Any

import streamlit as st

from views import nav, session
from views.parts import text_field
from views.session import t
from views.text import md
from workbook import diary, edits, labels
from workbook.model import MEDICINE_KINDS, Medicine

lib = session.library()
wb = session.workbook()


DRUGS = sorted(
    (tr for tr in lib.register.treatments if tr.kind == "drug" and tr.status != "not_confirmed"),
    key=lambda tr: tr.name.lower(),
)


def _drug_label(tid: str) -> str:
    entry = lib.treatment(tid)
    if entry is None:
        return tid
    return f"{entry.name} ({', '.join(entry.brands)})" if entry.brands else entry.name


def _update(mid: str, field: str):
    return lambda book, value: edits.update_medicine(book, mid, **{field: value})


def _add(**fields: Any) -> bool:
    """Add a medicine; the new one opens (and stays open while its name is typed)."""
    if not session.commit(lambda book: edits.add_medicine(book, **fields)):
        return False
    session.set_flag("medicines.open", session.workbook().medicines[-1].id)
    return True


def _add_free() -> None:
    _add()


def _add_from_register(widget_key: str) -> None:
    tid = st.session_state.get(widget_key)
    if tid and _add(name=_drug_label(tid), drug_id=tid, kind="cancer"):
        st.session_state[widget_key] = None  # the list starts over: no second add by mistake


def _ask_delete(mid: str | None) -> None:
    session.set_flag("medicines.delete", mid)


def _delete(mid: str) -> None:
    _ask_delete(None)
    session.commit(lambda book: edits.delete_medicine(book, mid))


def _date(label: str, name: str, value: Any, mid: str, field: str) -> None:
    st.date_input(
        label,
        value=value,
        format="DD/MM/YYYY",
        min_value=labels.today(None).replace(year=1950),
        **session.bound(name, _update(mid, field)),
    )


def card(m: Medicine) -> None:
    with st.container(border=True):
        st.markdown(f"**{md(m.name) if m.name.strip() else t('medicines.unnamed')}**")
        if m.drug_id:
            st.caption(t("medicines.from_register").format(name=_drug_label(m.drug_id)))
        facts = [
            m.dose,
            m.how_often,
            t("medicines.since").format(day=labels.long_date(m.started)) if m.started else "",
        ]
        if any(f.strip() for f in facts):
            st.markdown(md(" · ".join(f for f in facts if f.strip())))
        # Details folded away: a list of nine medicines stays short on a phone; a new one opens.
        # Their boxes are drawn only while open: each box costs Streamlit a look at every
        # widget on the page, so nine folded cards made each tap slow (benchmarks/page_rerun.py).
        folded = st.expander(
            t("medicines.edit"),
            expanded=session.flag("medicines.open") == m.id,
            key=session.key(f"medicines.open.{m.id}"),
            on_change="rerun",
        )
        with folded:
            if folded.open:
                _details(m)
        if session.flag("medicines.delete") == m.id:
            st.warning(t("medicines.delete_confirm"))
            yes, no = st.columns(2)
            yes.button(
                t("medicines.delete_yes"),
                type="primary",
                key=session.key(f"medicines.yes.{m.id}"),
                on_click=_delete,
                args=(m.id,),
            )
            no.button(
                t("medicines.delete_no"),
                key=session.key(f"medicines.no.{m.id}"),
                on_click=_ask_delete,
                args=(None,),
            )
        else:
            st.button(
                t("medicines.delete"),
                icon=":material/delete:",
                key=session.key(f"medicines.delete.{m.id}"),
                on_click=_ask_delete,
                args=(m.id,),
            )


def _details(m: Medicine) -> None:
    text_field(t("medicines.name_label"), f"medicines.name.{m.id}", m.name, _update(m.id, "name"))
    st.radio(
        t("medicines.kind_label"),
        list(MEDICINE_KINDS),
        index=MEDICINE_KINDS.index(m.kind),
        horizontal=True,
        format_func=lambda k: t(f"options.medicine_kind.{k}"),
        **session.bound(f"medicines.kind.{m.id}", _update(m.id, "kind")),
    )
    dose, often = st.columns(2)
    with dose:
        text_field(t("medicines.dose_label"), f"medicines.dose.{m.id}", m.dose, _update(m.id, "dose"))
    with often:
        text_field(
            t("medicines.how_often_label"),
            f"medicines.how_often.{m.id}",
            m.how_often,
            _update(m.id, "how_often"),
        )
    started, stopped = st.columns(2)
    with started:
        _date(t("medicines.started_label"), f"medicines.started.{m.id}", m.started, m.id, "started")
    with stopped:
        _date(t("medicines.stopped_label"), f"medicines.stopped.{m.id}", m.stopped, m.id, "stopped")
    text_field(t("medicines.why_label"), f"medicines.why.{m.id}", m.why, _update(m.id, "why"))
    text_field(
        t("medicines.prescribed_by_label"),
        f"medicines.by.{m.id}",
        m.prescribed_by,
        _update(m.id, "prescribed_by"),
    )


nav.menu()
st.title(t("medicines.title"))
st.markdown(t("medicines.intro"))
today = labels.today(session.timezone())
now = diary.current_medicines(wb, today)
done = [m for m in wb.medicines if m not in now]
if not wb.medicines:
    st.caption(t("medicines.empty"))
if now:
    st.header(t("medicines.current_heading"))
    for medicine in now:
        card(medicine)
if done:
    st.header(t("medicines.stopped_heading"))
    for medicine in done:
        card(medicine)

st.header(t("medicines.add_heading"))
pick_key = session.key("medicines.pick")
st.selectbox(
    t("medicines.pick_label"), [tr.id for tr in DRUGS], index=None, format_func=_drug_label, key=pick_key
)
st.button(
    t("medicines.pick_add"),
    icon=":material/add:",
    key=session.key("medicines.pick_add"),
    on_click=_add_from_register,
    args=(pick_key,),
)
st.button(
    t("medicines.free_add"),
    icon=":material/add:",
    key=session.key("medicines.free_add"),
    on_click=_add_free,
)
nav.footer()
