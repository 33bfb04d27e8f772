"""The shared renderer for a treatment page (and the general questions page).

Explains the treatment from content (short layer first, 'more detail' behind an
expander), marks what is often discussed for people with the person's subtype
and sites (never hiding anything), and lets them pick questions, add their
own, write notes and set the page's status.
"""

from __future__ import annotations

import streamlit as st

from content.library import Section as Content
from views import nav, session
from views.parts import paged, text_field, urgent_box
from views.session import t
from views.text import md, plain, plain_label
from workbook import edits
from workbook.labels import long_date
from workbook.model import Question, SectionId
from workbook.tags import profile_tags

BUTTON_TEXT = 40  # characters of a question on its Remove button: enough to tell them apart
OWN_PAGE = 10  # own questions drawn at once: each box costs a rerun more than anything else here


def render(sid: SectionId) -> None:
    lib = session.library()
    content = lib.sections[sid]
    wb = session.workbook()
    section = wb.section(sid)

    nav.menu()
    st.title(content.title)
    st.markdown(content.summary)
    st.markdown(f":material/arrow_downward: [{t('modality.jump')}](#questions)")
    _status(sid, section.status)
    tags = profile_tags(wb.profile)
    _often_discussed(content, tags)
    show_future = True
    if content.has_future:  # questions about the future stay closed until asked for
        st.toggle(
            t("general.future_toggle"),
            value=wb.future_opt_in,
            **session.bound(f"{sid}.future", edits.set_future_opt_in, undo=True),
        )
        st.caption(t("general.future_intro"))
        show_future = wb.future_opt_in
    for block in content.blocks:
        if block.future and not show_future:
            continue
        st.header(block.heading)
        st.markdown(block.body)
        if block.detail:
            with st.expander(t("modality.more_detail")):
                st.markdown(block.detail)
    _glossary(content)
    _questions(sid, tags, show_future)
    _own_questions(sid)
    text_field(
        t("modality.notes_label"),
        f"{sid}.notes",
        section.notes,
        lambda book, v: edits.set_notes(book, sid, v),
        area=True,
    )
    st.caption(t("modality.notes_help"))
    urgent_box(content.urgent)
    st.info(t("modality.close"), icon=":material/groups:")
    with st.expander(t("modality.sources_heading").format(date=long_date(content.reviewed))):
        st.markdown("\n".join(f"- {s.org}: [{s.title}]({s.url})" for s in content.sources))
    nav.footer()
    _dialogs(sid)


def _status(sid: SectionId, current: str) -> None:
    lib = session.library()
    statuses = lib.interface.statuses
    ids = [s.id for s in statuses]
    # The key carries the status, so a status set elsewhere (a note marks the page
    # started) draws a fresh radio showing it, never a stale choice that cannot be clicked.
    st.radio(
        t("modality.status_label"),
        ids,
        index=ids.index(current),
        horizontal=True,
        format_func=lambda v: lib.choice_label(statuses, v),
        **session.bound(
            f"{sid}.status.{current}", lambda book, v: edits.set_status(book, sid, v), shown=current
        ),
    )
    st.caption(statuses[ids.index(current)].hint)


# --- tailoring: what is often discussed for people like this person ----------------
# (The CONTENT helper may change how these notes and the "often discussed" flags
# on questions are computed; keep this part small and in one place.)


def _often_discussed(content: Content, tags: frozenset[str]) -> None:
    notes = content.tailored_notes(tags)
    with st.container(border=True):
        st.markdown(f"**:material/person_search: {t('modality.often_heading')}**")
        if notes:
            st.markdown("\n".join(f"- {note}" for note in notes))
            st.caption(t("modality.often_footer"))
        else:
            st.caption(t("modality.often_none"))


def _is_often_discussed(q, tags: frozenset[str]) -> bool:
    return q.flagged(tags)


# --- end of tailoring ----------------------------------------------------------------


def _glossary(content: Content) -> None:
    if not content.terms:
        return
    wanted = {term.lower() for term in content.terms}
    terms = [g for g in session.library().glossary.terms if g.term.lower() in wanted]
    with st.expander(t("modality.glossary_heading")):
        st.markdown("\n".join(f"- **{g.term}**: {g.plain}" for g in terms))


def _questions(sid: SectionId, tags: frozenset[str], show_future: bool) -> None:
    lib = session.library()
    chosen = {q.id for q in session.workbook().section(sid).questions}
    st.header(t("modality.questions_heading"), anchor="questions")
    st.caption(t("modality.questions_intro"))
    for topic, questions in lib.questions_by_topic(sid, include_future=show_future):
        st.subheader(topic.title)
        for q in questions:
            # Plain text: a label is also the accessible name, so no Markdown badges in it.
            label = f"{q.text} ({t('modality.matches')})" if _is_often_discussed(q, tags) else q.text
            widget_key = session.key(f"{sid}.q.{q.id}")
            _drawn()[widget_key] = bool(st.session_state.get(widget_key, q.id in chosen))
            st.checkbox(
                label,
                value=q.id in chosen,
                key=widget_key,
                on_change=_ticked,
                args=(sid, q.id, q.text, widget_key),
            )
            # Visible, not a hover tooltip: a touch screen cannot hover.
            st.caption(f"{t('modality.why')}: {q.why}")


def _drawn() -> dict[str, bool]:
    """What each question's box showed when last drawn. Streamlit (1.67) also calls
    on_change when a page is left or drawn again, with the value unchanged: only a
    value that differs from what the person saw is their change."""
    return st.session_state.setdefault("modality.drawn", {})


def _ticked(sid: SectionId, qid: str, text: str, widget_key: str) -> None:
    """Tick or untick; unticking a question with answers asks first (the answers are kept)."""
    chosen = bool(st.session_state.get(widget_key))
    if _drawn().get(widget_key) == chosen:
        return  # not a click: nothing the person did
    if not chosen and edits.has_answers(session.workbook(), qid):
        st.session_state[widget_key] = True  # stays ticked until the person says so
        session.set_flag("untick", (sid, qid, text, widget_key))
        return
    session.commit(lambda book: edits.set_chosen(book, sid, qid, text, chosen), widget_key, not chosen)


def _own_questions(sid: SectionId) -> None:
    lib = session.library()
    wb = session.workbook()
    section = wb.section(sid)
    st.header(t("modality.own_heading"))
    # Own questions, and chosen ones the library no longer has: kept, editable, never lost.
    kept = [q for q in section.questions if q.own or lib.question(q.id) is None]
    for q in paged(kept, f"{sid}.own", OWN_PAGE):
        _own_question(sid, q)
    # Not a form: what is typed is kept as a draft (saved while typing), never dropped.
    n = _draft_number(sid)
    draft_key = text_field(
        t("modality.own_label"),
        f"{sid}.own_new.{n}",
        wb.drafts.get(sid, ""),
        lambda book, v: _keep_draft(book, sid, n, v),
        area=True,
        height=80,
    )
    if wb.drafts.get(sid, "").strip():
        st.caption(t("modality.own_draft"))
    st.button(
        t("modality.own_add"),
        icon=":material/add:",
        key=session.key(f"{sid}.own_add"),
        on_click=_add_own,
        args=(sid, draft_key),
    )


def _own_question(sid: SectionId, q: Question) -> None:
    """One kept question in a box that shows all of it. The box's name says which
    question (collapsed label, read literally); the words above it are for the eye."""
    with st.container(border=True):
        st.markdown(t("modality.own_edit") if q.own else t("modality.no_longer"))
        if q.own:  # several lines, like the box it was typed in: a one-line box would join them
            text_field(
                plain_label(t("modality.own_edit"), q.text),
                f"{sid}.own.{q.id}",
                q.text,
                session.item_edit(edits.edit_own_question, q.id),
                area=True,
                height="content",
                collapsed=True,
            )
        else:
            st.text_area(
                plain_label(t("modality.no_longer"), q.text),
                value=q.text,
                disabled=True,
                height="content",
                label_visibility="collapsed",
                key=session.key(f"{sid}.old.{q.id}"),
            )
        # A button's name is its rendered label: the question goes in through md().
        st.button(
            f"{t('modality.own_delete')}: {md(plain(q.text, BUTTON_TEXT))}",
            icon=":material/delete:",
            key=session.key(f"{sid}.remove.{q.id}"),
            on_click=_remove,
            args=(sid, q.id),
        )


def _draft_number(sid: SectionId) -> int:
    """The new-question box gets a new key once its text became a question (an empty box)."""
    return session.flag(f"{sid}.own_added") or 0


def _keep_draft(book, sid: SectionId, n: int, text: str) -> None:
    if n == _draft_number(sid):  # a box already added as a question keeps no draft
        edits.set_draft(book, sid, text)


def _add_own(sid: SectionId, draft_key: str) -> None:
    text = st.session_state.get(draft_key)
    if not isinstance(text, str) or not text.strip():
        text = session.workbook().drafts.get(sid, "")
    if session.commit(lambda book: edits.add_own_question(book, sid, text)):
        session.set_flag(f"{sid}.own_added", _draft_number(sid) + 1)


def _remove(sid: SectionId, qid: str) -> None:
    """Remove an own question; one with answers asks first."""
    if edits.has_answers(session.workbook(), qid):
        session.set_flag("remove", (sid, qid))
        return
    session.commit(lambda book: edits.delete_question(book, qid))


# --- asking first ----------------------------------------------------------------------


def _close(name: str) -> None:
    session.set_flag(name, None)


def _untick_confirmed(sid: SectionId, qid: str, text: str, widget_key: str) -> None:
    _close("untick")
    if session.commit(lambda book: edits.set_chosen(book, sid, qid, text, False)):
        st.session_state[widget_key] = False


def _remove_confirmed(qid: str) -> None:
    _close("remove")
    session.commit(lambda book: edits.delete_question(book, qid))


def _closed_by_a_button(name: str) -> None:
    """A button in a dialog reruns only the dialog: once its callback cleared the flag,
    rerun the whole page so the dialog really closes."""
    if not session.flag(name):
        st.rerun()


@st.dialog(t("modality.untick_title"), on_dismiss=lambda: _close("untick"))
def _ask_untick(sid: SectionId, qid: str, text: str, widget_key: str) -> None:
    _closed_by_a_button("untick")
    st.write(t("modality.untick_confirm"))
    yes, no = st.columns(2)
    yes.button(
        t("modality.untick_yes"),
        type="primary",
        on_click=_untick_confirmed,
        args=(sid, qid, text, widget_key),
    )
    no.button(t("modality.untick_no"), on_click=_close, args=("untick",))


@st.dialog(t("modality.remove_title"), on_dismiss=lambda: _close("remove"))
def _ask_remove(qid: str) -> None:
    _closed_by_a_button("remove")
    st.write(t("modality.remove_confirm"))
    yes, no = st.columns(2)
    yes.button(t("modality.remove_yes"), type="primary", on_click=_remove_confirmed, args=(qid,))
    no.button(t("modality.remove_no"), on_click=_close, args=("remove",))


def _dialogs(sid: SectionId) -> None:
    """At most one dialog a run, opened from a flag (on_click sets it)."""
    untick = session.flag("untick")
    if untick and untick[0] == sid:
        _ask_untick(*untick)
    elif session.flag("remove") and session.flag("remove")[0] == sid:
        _ask_remove(session.flag("remove")[1])
