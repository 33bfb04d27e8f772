"""Reading PDFs back in tests, and the stated comparison for 'the text comes back out'.

The comparison: Unicode NFC; invisible (control and format) characters dropped;
all whitespace removed (line wrapping moves it); only characters the embedded
fonts can draw, in order. Text with right-to-left letters (Hebrew, Arabic) is
the exception: the PDF draws it in display order, Arabic joined, and pypdf
reorders it on extraction, so for such text every letter and digit must come
out (NFKC, so joined forms count as their letters), as a multiset rather than
in order.
Control characters follow the one rule of pdf/text.py and views/text.py: line
breaks (CR LF, a lone CR, LF, the other str.splitlines() boundaries) break the
line, every other control character (NUL included) is dropped. Since whitespace
is removed here, a test that a line break is kept reads the lines instead
(tests/unit/test_pdf_text.py).
"""

from __future__ import annotations

import io
import unicodedata
from collections import Counter

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


RTL = {"R", "AL"}
LETTERS_AND_DIGITS = {"L", "R", "AL", "EN", "AN"}


def shows(extracted: str, typed: str) -> bool:
    """True when every covered run of what was typed is in the extracted text, in order."""
    haystack = normalise(extracted)
    if any(unicodedata.bidirectional(ch) in RTL for ch in typed):
        # Arabic is printed joined (presentation forms): compare compatibility forms.
        want = Counter(
            ch
            for run in drawable_runs(typed)
            for ch in unicodedata.normalize("NFKC", run)
            if unicodedata.bidirectional(ch) in LETTERS_AND_DIGITS
        )
        have = Counter(unicodedata.normalize("NFKC", haystack))
        return all(have[ch] >= n for ch, n in want.items())
    start = 0
    for run in drawable_runs(typed):
        found = haystack.find(run, start)
        if found < 0:
            return False
        start = found + len(run)
    return True
