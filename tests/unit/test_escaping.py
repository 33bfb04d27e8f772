"""The screen escaper (views/text.py) on the nasty strings and on all of Unicode.

What Streamlit 1.67 does with a Markdown source is modelled here from its
bundle (streamlit/static/.../StreamlitMarkdown.*.js): the plugins that change
text run on each text node after escapes and entities are decoded, so the
tests decode md()'s output the same way and check every piece a plugin could
see. The browser test (tests/e2e/test_hostile_text.py) checks the real DOM.

The stated comparison for the screen: `shown(typed)` (line breaks kept, control
characters other than tab dropped, see views/text.py) equals what is rendered,
whitespace runs compared as one space (HTML collapses them).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from pdf.text import para_text
from tests.nasty import NASTY
from views.text import ASCII_PUNCTUATION, COLON, SPLIT, md, shown, shown_lines

ENTITY = re.compile(r"&(#\d+|nbsp);")

# The patterns Streamlit's plugins look for in one text node (from its bundle).
TYPOGRAPHY = re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)")
WEB = re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.I)
MAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")
SHORTCODE = re.compile(r":[\w+-]+:")  # emoji, :material_x:, :streamlit:
REMARK_EMOJI_LOADS = re.compile(r":(?!material/|streamlit:)[\w+-][\w_+-]*:")  # on the raw source


def _decode(piece: str) -> str:
    """A piece of md() output as the text node Streamlit's plugins see."""
    out, i = [], 0
    while i < len(piece):
        if piece[i] == "\\" and i + 1 < len(piece) and piece[i + 1] in ASCII_PUNCTUATION:
            out.append(piece[i + 1])
            i += 2
            continue
        m = ENTITY.match(piece, i)
        if m:
            out.append("\u00a0" if m.group(1) == "nbsp" else chr(int(m.group(1)[1:])))
            i = m.end()
            continue
        assert piece[i] not in ASCII_PUNCTUATION, f"unescaped {piece[i]!r} in {piece!r}"
        out.append(piece[i])
        i += 1
    return "".join(out)


def text_nodes(out: str) -> list[str]:
    """The text nodes of md()'s output: split at hard breaks and at the SPLIT spans."""
    return [_decode(piece) for line in out.split("  \n") for piece in line.split(SPLIT)]


def renders_as(out: str) -> str:
    return "\n".join("".join(_decode(p) for p in line.split(SPLIT)) for line in out.split("  \n"))


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def assert_inert(typed: str) -> None:
    out = md(typed)
    assert "\n\n" not in out  # never a paragraph break (it would end surrounding **bold**)
    assert not REMARK_EMOJI_LOADS.search(out)
    for node in text_nodes(out):
        for pattern in (TYPOGRAPHY, WEB, MAIL, SHORTCODE):
            assert not pattern.search(node), (pattern.pattern, node)
    assert _same(renders_as(out), shown(typed))


@pytest.mark.parametrize("text", NASTY)
def test_every_nasty_string_is_inert_and_shown_as_typed(text):
    assert_inert(text)


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_any_unicode_text_is_inert_and_shown_as_typed(text):
    assert_inert(text)


@given(st.text(alphabet=st.sampled_from(list("-<>=~:@./ wh\tps\r\n\x00")), max_size=40))
def test_any_mix_of_the_trigger_characters_is_inert(text):
    assert_inert(text)


@pytest.mark.parametrize(
    "text",
    [
        "http://evil.invalid",
        "https://example.invalid/a",
        "www.example.invalid",
        "WWW.EXAMPLE.INVALID",
        "mail@example.invalid",
        "mailto:x@example.invalid",
    ],
)
def test_web_and_mail_addresses_cannot_become_links(text):
    nodes = text_nodes(md(text))
    assert not any(WEB.search(n) or MAIL.search(n) for n in nodes)


@pytest.mark.parametrize(
    "text", ["a -- b", "a -> b", "a <- b", "a <-> b", "a <= b", "a >= b", "a ~= b", "a => b", "--", "->"]
)
def test_arrows_dashes_and_comparisons_keep_their_characters(text):
    assert not any(TYPOGRAPHY.search(n) for n in text_nodes(md(text)))
    assert renders_as(md(text)) == text


@pytest.mark.parametrize("text", [":material_home:", ":material/home:", ":streamlit:", ":smile:", ":+1:"])
def test_icon_logo_and_emoji_codes_stay_text(text):
    out = md(text)
    assert not REMARK_EMOJI_LOADS.search(out)
    assert not any(SHORTCODE.search(n) for n in text_nodes(out))


def test_the_colon_is_an_entity_and_each_punctuation_mark_starts_its_own_span():
    assert md("a:b") == f"a{SPLIT}{COLON}b"
    assert md("a--b") == f"a{SPLIT}\\-{SPLIT}\\-b"


def test_the_two_escapers_differ_for_the_same_input():
    text = "<b>A & B</b>"
    assert md(text) == "".join(f"{SPLIT}\\{c}" if c in "<>&/" else c for c in text)
    assert para_text(text) == "&lt;b&gt;A &amp; B&lt;/b&gt;"


def test_line_breaks_and_indentation_are_kept():
    assert md("a\n\n    b") == "a  \n&nbsp;  \n&nbsp;&nbsp;&nbsp;&nbsp;b"


# --- one rule for line breaks and control characters, screen and PDF ---------------


def test_a_lone_carriage_return_is_a_line_break():
    assert shown_lines("a\rb\r\nc\nd") == ["a", "b", "c", "d"]
    assert md("a\rb") == "a  \nb"


def test_nul_and_other_control_characters_are_dropped_tab_kept():
    assert shown("a\x00b\x07c\x1b[d\x7fe\tf") == "abc[de\tf"
    assert "\x00" not in md("a\x00b")
    assert "\ufffd" not in md("a\x00b")


@given(st.text())
@settings(deadline=None)
def test_screen_and_pdf_break_lines_and_drop_controls_alike(text):
    screen_lines = len(shown_lines(text))
    assert para_text(text).count("<br/>") == screen_lines - 1
    controls = {chr(c) for c in range(0x20)} - {"\t", "\n"} | {chr(c) for c in range(0x7F, 0xA0)}
    assert not controls & set(shown(text))


# --- plain(): a person's text in a control's name (read literally, never rendered) ---

from views.text import ELLIPSIS, SHORT, plain, plain_label  # noqa: E402


@pytest.mark.parametrize("text", NASTY)
def test_plain_is_one_short_line_of_what_is_shown(text):
    out = plain(text)
    assert len(out) <= SHORT
    assert not any(ch in out for ch in "\r\n\x00\x1b\x85\u2028\u2029")
    assert out == " ".join(out.split())  # one space between words, none at the ends
    words = " ".join(shown(text).split())
    if len(words) <= SHORT:
        assert out == words  # nothing escaped, nothing added: a screen reader reads the text itself
    else:
        assert out.endswith(ELLIPSIS)
        assert words.startswith(out[:-1].rstrip())


def test_plain_cuts_at_a_word_and_keeps_markup_characters_literally():
    question = "Is the *fulvestrant* still working [after](http://x.y) my `scan` :smile: $5 -> ok?"
    out = plain(question, 40)
    assert out == "Is the *fulvestrant* still working" + ELLIPSIS
    assert "\\" not in plain(question, 200)
    assert ":color[]" not in plain(question, 200)
    assert plain_label("Top question", "Is it working?") == "Top question: Is it working?"


def test_plain_cuts_a_long_word_rather_than_leaving_nothing():
    out = plain("x" * 500, 20)
    assert out == "x" * 19 + ELLIPSIS


@given(st.text(max_size=300))
@settings(max_examples=300)
def test_plain_never_grows_past_its_limit(text):
    assert len(plain(text, 30)) <= 30
