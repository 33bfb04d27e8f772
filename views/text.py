"""The one helper that shows a person's text literally on screen: md(text).

Streamlit's st.markdown reads CommonMark plus extensions, and several of them
work on the *decoded* text of each text node, after escapes and HTML entities
are undone, so escaping alone cannot stop them (Streamlit 1.67, checked in
Chromium):
- remark-gfm finds web and mail addresses (http://, https://, www., a@b.c)
  and makes them live links;
- Streamlit's typography replaces `->` `<-` `<->` `--` `>=` `<=` `~=` standing
  between spaces with arrows, a dash and comparison signs;
- `:material_x:` becomes an icon, `:streamlit:` the logo, and `:smile:` an emoji
  (remark-emoji is loaded when the raw source has a `:word:` anywhere).
All of them need two or more characters of one text node. So md() backslash-
escapes every ASCII punctuation character (the colon as `&#58;`, which also
keeps directives, emoji and icon codes from starting) and puts an empty
`:color[]` directive before each one. Streamlit renders that directive as an
empty <span>: no character is added to what is shown or copied, and no text
node holds a punctuation character anywhere but at its start, so none of the
patterns above can match. LaTeX ($), HTML, tables and lists are plain escapes.

Line breaks and control characters (the same rule as the PDF, pdf/text.py):
CR LF, a lone CR, LF and the other line boundaries of Python's str.splitlines()
are line breaks; a tab stays a tab (shown as a space); every other control
character (Unicode category Cc, NUL included) is dropped. Format characters
(Cf: joiners inside emoji, right-to-left marks) are kept on screen.

Widget labels are not a place for md() when they are shown: Streamlit uses the raw
label of a checkbox, text box, radio or select box as its accessible name (aria-label),
so escapes would be read aloud, while the label shown on screen is rendered as
Markdown. A control that names a person's text ("Top question: <their question>")
takes plain_label(...) as its label with label_visibility="collapsed": the name is
read literally, and the Markdown Streamlit still renders from it sits in an element
with display: none, out of sight, reach and the accessibility tree. A button's
accessible name is the text of its rendered label instead, so a button names the
person's text with md(plain(...)).
The browser test tests/e2e/test_hostile_text.py checks the rendered DOM.
Pure Python, no streamlit import, so it is tested without a browser.
"""

from __future__ import annotations

import re
import unicodedata

# The line boundaries of str.splitlines(); CR LF counts once.
LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# An empty inline directive; Streamlit gives `:color` with no valid colour no
# style, so it renders as an empty <span> that only splits the text node.
SPLIT = ":color[]"
COLON = "&#58;"  # a backslash-escaped colon would still load remark-emoji


def shown_lines(text: str) -> list[str]:
    """The lines a person's text shows as: split at line breaks, control characters dropped."""
    return [
        "".join(ch for ch in line if ch == "\t" or unicodedata.category(ch) != "Cc")
        for line in LINE_BREAK.split(text)
    ]


def shown(text: str) -> str:
    """The text as it appears on screen (lines joined by '\\n'); tests compare against it."""
    return "\n".join(shown_lines(text))


def _escape(ch: str) -> str:
    if ch not in ASCII_PUNCTUATION:
        return ch
    return SPLIT + (COLON if ch == ":" else "\\" + ch)


def _space(ch: str) -> str:
    return "&nbsp;" if ch in " \t" else f"&#{ord(ch)};"


def _line(line: str) -> str:
    # Whitespace at either end of a line as entities: leading spaces would make a
    # code block, an empty line would end the paragraph, and a space next to the
    # `**` a caller puts around this text would stop the bold.
    body = line.strip()
    start = line.index(body) if body else len(line)
    head, tail = line[:start], line[start + len(body) :]
    return ("".join(map(_space, head)) + "".join(map(_escape, body)) + "".join(map(_space, tail))) or "&nbsp;"


def md(text: str) -> str:
    """Markdown that renders exactly `text`, with its line breaks, as one paragraph."""
    return "  \n".join(map(_line, shown_lines(text)))  # two spaces: a hard line break


SHORT = 60  # characters of a person's text in a control's name: enough to tell two apart
ELLIPSIS = "\u2026"


def plain(text: str, limit: int = SHORT) -> str:
    """One line of `text` for a control's name: lines joined by spaces, runs of white
    space as one, control characters dropped, and at most `limit` characters, cut at a
    word where there is one, with an ellipsis."""
    flat = " ".join(" ".join(shown_lines(text)).split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    at_word = cut.rsplit(" ", 1)[0]
    return (at_word if len(at_word) >= limit // 2 else cut).rstrip() + ELLIPSIS


def plain_label(prefix: str, text: str, limit: int = SHORT) -> str:
    """'<prefix>: <the person's text, shortened>', for a label shown collapsed (read
    literally as the accessible name, never rendered)."""
    return f"{prefix}: {plain(text, limit)}"
