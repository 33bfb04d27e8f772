"""The one helper that turns any text into safe reportlab Paragraph markup.

reportlab parses Paragraph text as markup, so `A&B<C` would raise and
`<b>` typed by a person would turn bold. Everything a person typed (and all
content text) goes through `para_text` before it reaches a Paragraph.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from pdf.fonts import cjk_font, is_invisible, register

REPLACEMENT = "\ufffd"  # shown where no font has the glyph, so the gap is visible


def _runs(text: str) -> list[tuple[str | None, str]]:
    """Split text into (font or None, chars) runs; drop invisible characters."""
    covered = register()
    runs: list[tuple[str | None, str]] = []
    for ch in text:
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
