"""The one helper that shows a person's text literally on screen.

Streamlit's labels, captions and st.markdown read Markdown, `$...$` LaTeX,
`:material/icon:` and `:red[...]` codes. `md(text)` neutralises all of them.
(The PDF has its own escaper, pdf/text.py: reportlab markup is different.)
Pure Python, no streamlit import, so it is tested without a browser.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character can be backslash-escaped in CommonMark.
_PUNCTUATION = re.compile(r"([!\"#$%&'()*+,\-./;<=>?@\[\\\]^_`{|}~])")
# A word joiner after ':' stops ':name:' shortcodes and ':color[...]' directives
# matching; it is invisible, so the text still reads as typed.
_WORD_JOINER = "\u2060"


def md(text: str) -> str:
    """Markdown that renders exactly `text`, with its line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _PUNCTUATION.sub(r"\\\1", text)
    text = text.replace(":", ":" + _WORD_JOINER)
    lines = []
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        # Leading spaces would make a code block, and an empty line would end a
        # paragraph (and any **bold** around this text): use non-breaking spaces.
        lines.append(("&nbsp;" * (len(line) - len(stripped)) + stripped) or "&nbsp;")
    return "  \n".join(lines)  # two spaces: a hard line break
