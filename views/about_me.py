"""About me and my cancer: subtype, test results, where it has spread, who to call, appointments."""

from __future__ import annotations

from functools import partial
from typing import get_args

import streamlit as st

from views import nav, session
from views.parts import option_radio, text_field
from views.session import t
from views.text import md
from workbook import edits, team
from workbook.labels import appointment_label
from workbook.model import BIOMARKER_IDS, Her2Status, HormoneStatus, Menopause, Site, TestResult

wb = session.workbook()
profile = wb.profile


def _profile(field: str):
    return lambda book, value: edits.update_profile(book, **{field: value})


nav.menu()
st.title(t("about.title"))
st.markdown(t("about.intro"))
text_field(t("about.name_label"), "about.name", profile.name, _profile("name"))

st.header(t("about.subtype_heading"))
option_radio(
    t("about.hr_label"),
    "hr",
    get_args(HormoneStatus),
    profile.hormone_receptor,
    "about.hr",
    _profile("hormone_receptor"),
)
st.caption(t("about.hr_help"))
option_radio(
    t("about.her2_label"), "her2", get_args(Her2Status), profile.her2, "about.her2", _profile("her2")
)
st.caption(t("about.her2_help"))
st.info(t("about.receptors_change"), icon=":material/autorenew:")
option_radio(
    t("about.menopause_label"),
    "menopause",
    get_args(Menopause),
    profile.menopause,
    "about.menopause",
    _profile("menopause"),
)
st.caption(t("about.menopause_help"))

st.subheader(t("about.biomarkers_heading"))
st.caption(t("about.biomarkers_help"))
for marker in BIOMARKER_IDS:
    option_radio(
        t(f"options.biomarker.{marker}"),
        "test",
        get_args(TestResult),
        profile.biomarkers.get(marker),
        f"about.marker.{marker}",
        session.item_edit(edits.set_biomarker, marker),
    )
    st.caption(t(f"options.biomarker_help.{marker}"))
text_field(
    t("about.biomarker_other_label"),
    "about.marker_other",
    profile.biomarker_other,
    _profile("biomarker_other"),
)

st.header(t("about.sites_label"))
st.multiselect(
    t("about.sites_label"),
    list(get_args(Site)),
    default=list(profile.sites),
    format_func=lambda s: t(f"options.site.{s}"),
    select_all=False,
    **session.bound("about.sites", lambda book, value: edits.update_profile(book, sites=value or [])),
)
text_field(t("about.sites_other_label"), "about.sites_other", profile.sites_other, _profile("sites_other"))
text_field(
    t("about.treatments_label"),
    "about.treatments",
    profile.treatments_so_far,
    _profile("treatments_so_far"),
    area=True,
)

st.header(t("about.phone_heading"))
# The number moved to My care team (schema 4): shown here, changed there.
phone = team.day_night_phone(wb)
st.markdown("**" + md(t("team.about_current").format(phone=phone)) + "**" if phone else t("team.about_none"))
st.caption(t("team.about_moved"))
st.page_link("views/care_team.py", label=t("team.title"), icon=":material/groups:")

# --- appointments ------------------------------------------------------------------
st.header(t("about.appt_heading"))
appt = wb.next_appointment()


def _next_appt(field: str):
    return lambda book, value: edits.update_next_appointment(book, **{field: value})


st.date_input(
    t("about.appt_date"),
    value=appt.date if appt else None,
    **session.bound("about.appt.date", _next_appt("date")),
)
for field, area in (("clinician", False), ("purpose", False), ("companions", False), ("bring", True)):
    text_field(
        t(f"about.appt_{field}"),
        f"about.appt.{field}",
        getattr(appt, field) if appt else "",
        _next_appt(field),
        area=area,
    )


others = [a for a in wb.appointments if appt is None or a.id != appt.id]
with st.expander(t("about.appt_later"), expanded=False):
    for other in others:
        label, make_next, delete = st.columns([3, 1, 1], vertical_alignment="center")
        label.markdown(md(appointment_label(other, t("about.appt_undated"))))
        make_next.button(
            t("about.appt_make_next"),
            key=session.key(f"about.appt.next.{other.id}"),
            on_click=session.commit_click,
            args=(partial(edits.set_next_appointment, aid=other.id),),
        )
        delete.button(
            t("about.appt_delete"),
            key=session.key(f"about.appt.delete.{other.id}"),
            on_click=session.commit_click,
            args=(partial(edits.delete_appointment, aid=other.id),),
        )
    st.button(
        t("about.appt_add"),
        icon=":material/add:",
        key=session.key("about.appt.add"),
        on_click=session.commit_click,
        args=(edits.add_appointment,),
    )
nav.footer()
