"""My care team: who is who, how to reach them, and which number to call day and night."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from views import nav, session
from views.parts import text_field
from views.session import t
from views.text import md, plain
from workbook import edits, team
from workbook.model import ROLES, TeamMember, Workbook

wb = session.workbook()


def _commit(change: Callable[[Workbook], object]) -> None:
    session.commit(change)  # a button callback returns nothing


def _update(member_id: str, field: str):
    return lambda book, value: edits.update_team_member(book, member_id, **{field: value})


def _who(m: TeamMember) -> str:
    """A radio option: Streamlit renders each option as Markdown and names it by the
    rendered text (like a button), so the person's words go through md(plain(...))."""
    name = md(plain(m.name)) if m.name.strip() else t("team.unnamed")
    phone = f": {md(plain(m.phone))}" if m.phone.strip() else ""
    return f"{name}, {t(f'options.role.{m.role}')}{phone}"


def _ask_delete(member_id: str | None) -> None:
    session.set_flag("team.delete", member_id)


def _delete(member_id: str) -> None:
    _ask_delete(None)
    session.commit(lambda book: edits.delete_team_member(book, member_id))


def _add() -> None:
    if session.commit(lambda book: edits.add_team_member(book)):
        session.set_flag("team.open", session.workbook().care_team[-1].id)


def card(m: TeamMember, n: int) -> None:
    # Every box and button names the person it is for ("Phone (person 2)"), so a screen
    # reader or voice control can tell two people's boxes apart; the number, not the
    # name, so the name is never read as Markdown or changes as it is typed.
    person = f" ({t('team.person').format(n=n)})"
    with st.container(border=True):
        title = md(m.name) if m.name.strip() else t("team.unnamed")
        mark = f" · :material/emergency: {t('team.day_night_mark')}" if m.day_and_night else ""
        st.markdown(f"**{title}**{mark}")
        facts = [t(f"options.role.{m.role}"), m.phone, m.contact]
        st.markdown(md(" · ".join(f for f in facts if f.strip())))
        # Open for the person just added, and it stays open while the name is typed: an
        # `expanded` that followed the name closed the form under the person's next tap.
        with st.expander(t("team.edit") + person, expanded=session.flag("team.open") == m.id):
            text_field(t("team.name_label") + person, f"team.name.{m.id}", m.name, _update(m.id, "name"))
            st.selectbox(
                t("team.role_label") + person,
                list(ROLES),
                index=ROLES.index(m.role),
                format_func=lambda r: t(f"options.role.{r}"),
                **session.bound(f"team.role.{m.id}", _update(m.id, "role")),
            )
            text_field(t("team.phone_label") + person, f"team.phone.{m.id}", m.phone, _update(m.id, "phone"))
            text_field(
                t("team.contact_label") + person, f"team.contact.{m.id}", m.contact, _update(m.id, "contact")
            )
        who = md(plain(m.name)) if m.name.strip() else t("team.person").format(n=n)
        if session.flag("team.delete") == m.id:
            st.warning(t("team.delete_confirm").format(who=who))
            yes, no = st.columns(2)
            yes.button(
                t("team.delete_yes"),
                type="primary",
                key=session.key(f"team.yes.{m.id}"),
                on_click=_delete,
                args=(m.id,),
            )
            no.button(
                t("team.delete_no"), key=session.key(f"team.no.{m.id}"), on_click=_ask_delete, args=(None,)
            )
        else:
            st.button(
                f"{t('team.delete')}: {who}",
                icon=":material/person_remove:",
                key=session.key(f"team.delete.{m.id}"),
                on_click=_ask_delete,
                args=(m.id,),
            )


nav.menu()
st.title(t("team.title"))
st.markdown(t("team.intro"))
if not wb.care_team:
    st.caption(t("team.empty"))
for number, member in enumerate(wb.care_team, start=1):
    card(member, number)

st.button(
    t("team.add"),
    icon=":material/person_add:",
    key=session.key("team.add"),
    on_click=_add,
)

st.header(t("team.day_night_label"))
options: list[str | None] = [None, *(m.id for m in wb.care_team)]
marked = team.day_night_member(wb)
by_id = {m.id: m for m in wb.care_team}
# The key names who is marked now, so a mark set elsewhere draws a fresh radio showing it.
st.radio(
    t("team.day_night_label"),
    options,
    index=options.index(marked.id if marked else None),
    format_func=lambda i: _who(by_id[i]) if i in by_id else t("team.day_night_none"),
    label_visibility="collapsed",
    **session.bound(f"team.day_night.{marked.id if marked else 'none'}", edits.set_day_and_night),
)
st.caption(t("team.day_night_help"))
nav.footer()
