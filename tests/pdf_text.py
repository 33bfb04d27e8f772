"""Reading PDFs back in tests, and the stated comparison for 'the text comes back out'.

The comparison: Unicode NFC; invisible (control and format) characters dropped;
all whitespace removed (line wrapping moves it); only characters the embedded
fonts can draw.
"""

from __future__ import annotations

import io
import unicodedata

from pypdf import PdfReader

from pdf.fonts import is_invisible, register


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if not ch.isspace() and not is_invisible(ch))


def drawable_runs(text: str) -> list[str]:
    """The runs of text the DejaVu fonts cover, split where a character is not
    covered (the PDF shows a replacement or another font there)."""
    covered = register()
    runs, current = [], []
    for ch in text:
        if ord(ch) in covered or ch.isspace() or is_invisible(ch):
            current.append(ch)
        else:
            runs.append("".join(current))
            current = []
    runs.append("".join(current))
    return [r for r in (normalise(run) for run in runs) if r]


def shows(extracted: str, typed: str) -> bool:
    """True when every covered run of what was typed is in the extracted text, in order."""
    haystack = normalise(extracted)
    start = 0
    for run in drawable_runs(typed):
        found = haystack.find(run, start)
        if found < 0:
            return False
        start = found + len(run)
    return True
