"""Export and share: PDFs built on click from a snapshot, the workbook file, sharing choices.

Every download goes through `views.download.download_button` (one helper, one rule: a
click is served from the newest edits, or the person is told to try again). A new
document is one more `download_button(label, build, file_name=, mime=, key=)` call.
"""

from __future__ import annotations

from functools import partial
from typing import Literal, cast, get_args

import streamlit as st

from pdf import Options, build_html, build_pdf
from pdf.documents import DocumentId
from views import nav, session
from views.download import download_button, install
from views.parts import text_field
from views.session import t
from workbook import edits, labels
from workbook.files import export_filename, export_json
from workbook.model import SectionId, ShareId, Workbook

Paper = Literal["letter", "a4"]
lib = session.library()
wb = session.workbook()
today = labels.today(st.context.timezone)  # the person's day, not the server's
install(t("export.download_failed"))
audited = wb.id if session.is_saved() else None  # clinic mode notes each download of it


def two_downloads(
    book: Workbook | None, opts: Options, name: str, pdf_key: str, html_key: str, primary: bool = False
) -> None:
    """The PDF and its accessible web page twin, built on click from `book` (a snapshot)."""
    formats = (
        ("download_pdf", build_pdf, "pdf", "application/pdf", pdf_key, {"primary": primary}),
        ("download_html", build_html, "html", "text/html", html_key, {"icon": ":material/accessibility:"}),
    )
    for label, build, ext, mime, key, extra in formats:
        download_button(
            t(f"export.{label}"),
            partial(build, book, lib, opts),
            file_name=f"{name}-{today:%Y-%m-%d}.{ext}",
            mime=mime,
            key=key,
            workbook_id=audited if book is not None else None,  # a blank list is nobody's
            **extra,
        )


nav.menu()
st.title(t("export.title"))
st.markdown(t("export.intro"))

document = st.radio(
    t("export.document_label"),
    ["questions", "summary", "caregiver", "medicines"],
    format_func=lambda d: t(f"options.document.{d}"),
    key="export.document",
    persist_state="session",
)
paper = st.radio(
    t("export.paper_label"),
    ["letter", "a4"],
    horizontal=True,
    format_func=lambda p: t(f"options.paper.{p}"),
    key="export.paper",
    persist_state="session",
)
large_print = st.toggle(t("export.large_print"), key="export.large", persist_state="session")
include_notes = True
if document == "summary":
    include_notes = st.toggle(
        t("export.include_notes"), value=True, key="export.notes", persist_state="session"
    )
if document == "caregiver":
    st.subheader(t("export.share_heading"))
    st.caption(t("export.share_intro"))

    def _share(part: ShareId):
        return lambda book, v: edits.set_sharing(book, part, bool(v))

    for part in get_args(ShareId):
        st.checkbox(
            t(f"options.share.{part}"),
            value=wb.sharing.get(part, False),
            **session.bound(f"share.{part}", _share(part)),
        )

# Whether a printout carries the name is decided right before printing, so the box is here too.
text_field(
    t("about.name_label"),
    "export.name",
    wb.profile.name,
    lambda book, value: edits.update_profile(book, name=value),
)

options = Options(
    made_on=today,
    document=cast(DocumentId, document),
    paper=cast(Paper, paper),
    large_print=large_print,
    include_notes=include_notes,
)
# The PDF is built on click, on another thread: it reads a copy, never the live workbook.
snapshot = wb.snapshot()
two_downloads(snapshot, options, document, "export.download.pdf", "export.download.html", primary=True)
st.caption(t("export.html_help"))
showing = bool(session.flag("preview"))
st.button(
    t("export.preview_hide") if showing else t("export.preview"),
    icon=":material/visibility:",
    on_click=session.set_flag,
    args=("preview", not showing),
)
if showing:
    st.pdf(build_pdf(snapshot, lib, options), height=640)

st.header(t("export.workbook_heading"))
st.markdown(t("export.workbook_help"))
download_button(
    t("export.download_json"),
    lambda: export_json(snapshot),
    file_name=export_filename(snapshot),
    mime="application/json",
    key="export.download.json",
    icon=":material/save:",
    workbook_id=audited,
)

st.header(t("export.sharing_heading"))
st.markdown(t("export.sharing_text"))

st.header(t("export.blank_heading"))
st.caption(t("export.blank_help"))
choices = [None, *lib.sections]
blank_for = st.selectbox(
    t("export.blank_heading"),
    choices,
    format_func=lambda s: t("export.blank_all") if s is None else lib.sections[s].title,
    key="export.blank",
    persist_state="session",
)
blank = Options(
    made_on=today,
    document="blank",
    paper=cast(Paper, paper),
    large_print=large_print,
    modality=cast(SectionId | None, blank_for),
)
two_downloads(None, blank, "blank-questions", "export.blank.download", "export.blank.download.html")
st.caption(t("export.html_help"))
nav.footer()
