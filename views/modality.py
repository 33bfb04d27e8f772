"""The shared renderer for a treatment page (and the general questions page).

Explains the treatment from content (short layer first, 'more detail' behind an
expander), marks what is often discussed for people with the person's subtype
and sites (never hiding anything), and lets them pick questions, add their
own, write notes and set the page's status.
"""

from __future__ import annotations

import streamlit as st

from content.library import Section as Content
from views import session
from views.parts import text_field, urgent_box
from views.session import t
from workbook import edits
from workbook.labels import long_date
from workbook.model import MAX_TEXT, SectionId
from workbook.tags import profile_tags


def render(sid: SectionId) -> None:
    lib = session.library()
    content = lib.sections[sid]
    wb = session.workbook()
    section = wb.section(sid)

    st.title(content.title)
    st.markdown(content.summary)
    st.markdown(f":material/arrow_downward: [{t('modality.jump')}](#questions)")
    _status(sid, section.status)
    tags = profile_tags(wb.profile)
    _often_discussed(content, tags)
    show_future = True
    if content.has_future:  # questions about the future stay closed until asked for
        st.toggle(t("general.future_toggle"), value=wb.future_opt_in,
                  **session.bound("future", edits.set_future_opt_in))
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
    text_field(t("modality.notes_label"), "notes", section.notes,
               lambda book, v: edits.set_notes(book, sid, v), area=True)
    st.caption(t("modality.notes_help"))
    urgent_box(content.urgent)
    st.info(t("modality.close"), icon=":material/groups:")
    with st.expander(t("modality.sources_heading").format(date=long_date(content.reviewed))):
        st.markdown("\n".join(f"- {s.org}: [{s.title}]({s.url})" for s in content.sources))


def _status(sid: SectionId, current: str) -> None:
    lib = session.library()
    statuses = lib.interface.statuses
    ids = [s.id for s in statuses]
    st.radio(t("modality.status_label"), ids, index=ids.index(current), horizontal=True,
             format_func=lambda v: lib.choice_label(statuses, v),
             **session.bound("status", lambda book, v: edits.set_status(book, sid, v)))
    st.caption(statuses[ids.index(current)].hint)


def _often_discussed(content: Content, tags: frozenset[str]) -> None:
    notes = content.tailored_notes(tags)
    with st.container(border=True):
        st.markdown(f"**:material/person_search: {t('modality.often_heading')}**")
        if notes:
            st.markdown("\n".join(f"- {note}" for note in notes))
            st.caption(t("modality.often_footer"))
        else:
            st.caption(t("modality.often_none"))


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
            label = f"{q.text} ({t('modality.matches')})" if q.matches(tags) else q.text
            st.checkbox(label, value=q.id in chosen, help=q.why,
                        **session.bound(f"q.{q.id}", lambda book, v, q=q: edits.set_chosen(book, sid, q.id, q.text, v)))


def _own_questions(sid: SectionId) -> None:
    lib = session.library()
    section = session.workbook().section(sid)
    st.header(t("modality.own_heading"))
    # Own questions, and chosen ones the library no longer has: kept, editable, never lost.
    kept = [q for q in section.questions if q.own or lib.question(q.id) is None]
    for n, q in enumerate(kept, 1):
        text_col, remove_col = st.columns([5, 1], vertical_alignment="bottom")
        with text_col:
            if q.own:
                st.text_input(f"{t('modality.own_edit')} ({n})", value=q.text, max_chars=MAX_TEXT,
                              **session.bound(f"own.{q.id}", lambda book, v, i=q.id: edits.edit_own_question(book, i, v or "")))
            else:
                st.text_input(t("modality.no_longer"), value=q.text, disabled=True, key=session.key(f"old.{q.id}"))
        remove_col.button(t("modality.own_delete"), key=session.key(f"remove.{q.id}"),
                          on_click=session.commit, args=(lambda book, i=q.id: edits.delete_question(book, i),))
    form_key = session.key("own.new")
    with st.form(session.key("own.form"), clear_on_submit=True, border=False):
        st.text_area(t("modality.own_label"), key=form_key, height=80, max_chars=MAX_TEXT)
        st.form_submit_button(t("modality.own_add"), icon=":material/add:", on_click=_add_own, args=(sid, form_key))


def _add_own(sid: SectionId, form_key: str) -> None:
    text = st.session_state.get(form_key) or ""
    session.commit(lambda book: edits.add_own_question(book, sid, text))
