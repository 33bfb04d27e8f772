"""Fonts for the PDF: DejaVu Sans (shipped in pdf/fonts/) and CJK CID fonts.

DejaVu covers Latin with accents, Greek, Cyrillic, Vietnamese, Hebrew and
Arabic letters and the ballot box. Chinese, Japanese and Korean runs use
reportlab's built-in CID fonts. Registration happens once per process.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).parent / "fonts"
BODY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FACES = {
    BODY: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}
CJK_FONTS = {"zh": "STSong-Light", "ja": "HeiseiMin-W3", "ko": "HYSMyeongJo-Medium"}


@lru_cache(maxsize=1)
def register() -> frozenset[int]:
    """Register the fonts; returns the code points DejaVu Sans can draw."""
    for name, file in _FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    addMapping(BODY, 0, 0, BODY)
    addMapping(BODY, 1, 0, BOLD)
    addMapping(BODY, 0, 1, "DejaVuSans-Oblique")
    addMapping(BODY, 1, 1, "DejaVuSans-BoldOblique")
    for cid in CJK_FONTS.values():
        pdfmetrics.registerFont(UnicodeCIDFont(cid))
    face = pdfmetrics.getFont(BODY).face
    # Only the Basic Multilingual Plane: for characters beyond U+FFFF (DejaVu has
    # some emoji) reportlab writes a malformed ToUnicode entry, so copy and search
    # would break. Those print as the visible replacement mark instead.
    return frozenset(cp for cp in face.charToGlyph if cp <= 0xFFFF)


def cjk_font(ch: str) -> str | None:
    """The CID font for a Chinese, Japanese or Korean character, if it is one."""
    cp = ord(ch)
    if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
        return CJK_FONTS["ko"]
    if 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF:
        return CJK_FONTS["ja"]
    if (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x3000 <= cp <= 0x303F
            or 0xFF00 <= cp <= 0xFFEF or 0xF900 <= cp <= 0xFAFF):
        return CJK_FONTS["zh"]
    return None


def is_invisible(ch: str) -> bool:
    """Control and format characters: dropped, since they draw nothing."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") and ch not in "\n\t"
