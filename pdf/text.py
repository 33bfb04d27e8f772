"""The one helper that turns any text into safe reportlab Paragraph markup.

reportlab parses Paragraph text as markup, so `A&B<C` would raise and
`<b>` typed by a person would turn bold. Everything a person typed (and all
content text) goes through `para_text` before it reaches a Paragraph.
Nothing else is changed: arrows (`->`, `<=`), dashes (`--`), straight quotes
and `...` are printed as typed (reportlab has no typography of its own).

Line breaks and control characters (the same rule as the screen, views/text.py):
CR LF, a lone CR, LF and the other line boundaries of Python's str.splitlines()
are line breaks; a tab prints as a space; every other control character
(Unicode category Cc, NUL included) is dropped. Format characters (Cf) and
other code points no font draws are dropped too, since they print nothing.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from pdf.fonts import cjk_font, is_invisible, register

REPLACEMENT = "\ufffd"  # shown where no font has the glyph, so the gap is visible
# The line boundaries of str.splitlines(); CR LF counts once.
LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def plain_lines(text: str) -> str:
    """Every line break as '\\n' (a lone CR too), so the screen and the PDF break alike."""
    return LINE_BREAK.sub("\n", text)


def _runs(text: str) -> list[tuple[str | None, str]]:
    """Split text into (font or None, chars) runs; drop invisible characters."""
    covered = register()
    runs: list[tuple[str | None, str]] = []
    for ch in plain_lines(text):
        if ch == "\t":
            ch = " "
        if ch != "\n" and is_invisible(ch):
            continue
        font = None
        if ch != "\n" and ord(ch) not in covered:
            font = cjk_font(ch)
            if font is None:
                ch = REPLACEMENT
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def para_text(text: str) -> str:
    """Paragraph markup that shows `text` literally, line breaks kept."""
    parts = []
    for font, chars in _runs(text):
        safe = escape(chars).replace("\n", "<br/>")
        parts.append(f'<font name="{font}">{safe}</font>' if font else safe)
    return "".join(parts)
