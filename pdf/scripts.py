"""Right-to-left scripts for the PDF: Arabic joined, Hebrew and Arabic in visual order.

reportlab draws characters left to right in the order given and does not join
Arabic letters (its own bidi support needs a package that is not on PyPI). So
each line holding right-to-left letters is shaped with arabic-reshaper and put
in display order with python-bidi before it reaches the PDF escaper. The HTML
version needs none of this: browsers lay out bidi text themselves.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import arabic_reshaper
from bidi import get_display

from pdf.fonts import register

# Every code point whose bidi class is R or AL lies in these blocks (checked in the tests):
# a regex finds them at C speed, so plain text pays almost nothing.
_RTL_BLOCKS = re.compile(
    "[\u200f\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_RTL = frozenset({"R", "AL"})


def has_rtl(text: str) -> bool:
    return _RTL_BLOCKS.search(text) is not None and any(unicodedata.bidirectional(ch) in _RTL for ch in text)


@lru_cache(maxsize=1)
def _reshaper() -> arabic_reshaper.ArabicReshaper:
    # Harakat kept; lam-alef ligatures are fine (DejaVu has them).
    return arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


def _line(line: str) -> str:
    if not has_rtl(line):
        return line
    covered = register()
    shaped = _reshaper().reshape(line)
    # A presentation form the font lacks goes back to its plain letter: unjoined beats a gap.
    shaped = "".join(ch if ord(ch) in covered else unicodedata.normalize("NFKC", ch) for ch in shaped)
    return str(get_display(shaped))


def visual(text: str) -> str:
    """Text in the order a left-to-right renderer must draw it, line by line."""
    if not has_rtl(text):
        return text
    return "\n".join(_line(line) for line in text.split("\n"))
