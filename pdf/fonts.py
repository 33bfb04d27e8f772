"""Fonts for the PDF, all embedded TrueType: DejaVu Sans and WenQuanYi Micro Hei.

DejaVu Sans (shipped in pdf/fonts/) covers Latin with accents, Greek,
Cyrillic, Vietnamese, Hebrew and Arabic letters and the ballot box.
Chinese, Japanese and Korean come from WenQuanYi Micro Hei (Apache 2.0 /
GPLv3 with font exception), which `.ci/run` installs from Debian's
`fonts-wqy-microhei` (see pdf/fonts/README.md). reportlab's CID fonts are
never used: they are not embedded and many viewers show empty boxes.
Registration happens once per process.
"""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
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
CJK = "WenQuanYiMicroHei"
CJK_ENV = "WORKBOOK_CJK_FONT"  # another TrueType (.ttf/.ttc) file, for systems without Debian's
CJK_PATHS = (FONT_DIR / "wqy-microhei.ttc", Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"))


def cjk_path() -> Path | None:
    """The CJK font file: $WORKBOOK_CJK_FONT, a copy in pdf/fonts/, or Debian's package."""
    env = os.environ.get(CJK_ENV)
    for path in ([Path(env)] if env else []) + list(CJK_PATHS):
        if path.is_file():
            return path
    return None


def _with_metrics(font: TTFont) -> TTFont:
    # pdfmetrics.getAscentDescent reads font.ascent and falls back to the face on an
    # exception; line breaking asks for every word, and the exceptions cost a fifth of a build.
    font.ascent, font.descent = font.face.ascent, font.face.descent  # type: ignore[attr-defined]
    return font


@lru_cache(maxsize=1)
def register() -> frozenset[int]:
    """Register the fonts; returns the code points DejaVu Sans can draw."""
    for name, file in _FACES.items():
        pdfmetrics.registerFont(_with_metrics(TTFont(name, str(FONT_DIR / file))))
    addMapping(BODY, 0, 0, BODY)
    addMapping(BODY, 1, 0, BOLD)
    addMapping(BODY, 0, 1, "DejaVuSans-Oblique")
    addMapping(BODY, 1, 1, "DejaVuSans-BoldOblique")
    face = pdfmetrics.getFont(BODY).face  # type: ignore[attr-defined]
    # Only the Basic Multilingual Plane: for characters beyond U+FFFF (DejaVu has
    # some emoji) reportlab writes a malformed ToUnicode entry, so copy and search
    # would break. Those print as the visible replacement mark instead.
    return frozenset(cp for cp in face.charToGlyph if cp <= 0xFFFF)


@lru_cache(maxsize=1)
def cjk_covered() -> frozenset[int]:
    """Code points the CJK font draws (empty when it is not installed)."""
    register()
    path = cjk_path()
    if path is None:
        return frozenset()
    font = TTFont(CJK, str(path), subfontIndex=0) if path.suffix == ".ttc" else TTFont(CJK, str(path))
    pdfmetrics.registerFont(_with_metrics(font))
    for bold in (0, 1):  # one face: bold and italic runs use it as it is
        for italic in (0, 1):
            addMapping(CJK, bold, italic, CJK)
    return frozenset(cp for cp in font.face.charToGlyph if cp <= 0xFFFF)


def cjk_font(ch: str) -> str | None:
    """The font for a character DejaVu lacks (Chinese, Japanese, Korean), if one has it."""
    return CJK if ord(ch) in cjk_covered() else None


def is_invisible(ch: str) -> bool:
    """Control and format characters: dropped, since they draw nothing."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") and ch not in "\n\t"
