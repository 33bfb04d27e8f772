"""The public API: documents as PDF or HTML, pure functions of (workbook, content, options).

Documents: the question list for an appointment (opened by a one-page visit
sheet), the full summary, the caregiver summary, and blank question lists for
clinics. Each is built once as blocks (pdf/documents.py) and rendered twice
(pdf/render_pdf.py, pdf/render_html.py). The date printed comes in through
Options, so the same input always gives the same bytes.
"""

from __future__ import annotations

from content.library import Library
from pdf.blocks import Document
from pdf.documents import Options, build_document
from pdf.render_html import render_html
from pdf.render_pdf import render
from workbook.model import Workbook


def build_blocks(workbook: Workbook | None, library: Library, options: Options) -> Document:
    """The document as blocks, for tests and for both renderers."""
    return build_document(workbook, library, options)


def build_pdf(workbook: Workbook | None, library: Library, options: Options) -> bytes:
    """The PDF for one document. A blank list needs no workbook; the rest do."""
    doc = build_document(workbook, library, options)
    return render(doc, options.paper, options.large_print)[0]


def build_html(workbook: Workbook | None, library: Library, options: Options) -> bytes:
    """The same document as one self-contained, accessible HTML file (UTF-8)."""
    doc = build_document(workbook, library, options)
    return render_html(doc, large_print=options.large_print).encode("utf-8")


__all__ = ["Options", "build_blocks", "build_html", "build_pdf"]
