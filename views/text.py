"""The one helper that shows a person's text literally on screen.

st.markdown and captions read Markdown, `$...$` LaTeX, `:material/icon:` and
`:red[...]` codes. `md(text)` neutralises all of them. Widget labels are not a
place for it: Streamlit uses the raw label as the accessible name, so escapes
would be read aloud. Labels hold content text only; a person's text goes in
widget values or in st.markdown(md(...)).
(The PDF has its own escaper, pdf/text.py: reportlab markup is different.)
Pure Python, no streamlit import, so it is tested without a browser.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character can be backslash-escaped in CommonMark.
_PUNCTUATION = re.compile(r"([!\"#$%&'()*+,\-./;<=>?@\[\\\]^_`{|}~])")
# Streamlit turns ':name:', ':material/x:' and ':red[...]' into emoji, icons and
# colour even when the colon is backslash-escaped; as an HTML entity it shows as
# a plain ':' with nothing invisible added (checked in a browser, Streamlit 1.67).
_COLON = "&#58;"


def md(text: str) -> str:
    """Markdown that renders exactly `text`, with its line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _PUNCTUATION.sub(r"\\\1", text)
    text = text.replace(":", _COLON)
    lines = []
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        # Leading spaces would make a code block, and an empty line would end a
        # paragraph (and any **bold** around this text): use non-breaking spaces.
        lines.append(("&nbsp;" * (len(line) - len(stripped)) + stripped) or "&nbsp;")
    return "  \n".join(lines)  # two spaces: a hard line break
