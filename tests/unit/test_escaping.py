"""The two escapers, screen (views/text.py) and PDF (pdf/text.py), on the same nasty strings."""

import pytest
from hypothesis import given, strategies as st

from pdf.text import para_text
from tests.nasty import NASTY
from views.text import md

ASCII_PUNCTUATION = set("!\"#$%&'()*+,-./;<=>?@[\\]^_`{|}~")


def _unescaped_specials(out: str) -> list[str]:
    """ASCII punctuation in md() output that is not backslash-escaped (ignoring our own &nbsp;)."""
    out = out.replace("&nbsp;", "").replace("&#58;", "").replace("  \n", "\n")
    bad, i = [], 0
    while i < len(out):
        if out[i] == "\\":
            i += 2
            continue
        if out[i] in ASCII_PUNCTUATION:
            bad.append(out[i])
        i += 1
    return bad


@pytest.mark.parametrize("text", NASTY)
def test_screen_escaper_leaves_no_markdown_active(text):
    out = md(text)
    assert _unescaped_specials(out) == []
    assert ":" not in out.replace("&#58;", "")  # no :shortcode: or :color[...] can start
    assert "\n\n" not in out  # never a paragraph break (it would end surrounding **bold**)


@given(st.text())
def test_screen_escaper_on_any_text(text):
    out = md(text)
    assert _unescaped_specials(out) == [] and "\n\n" not in out


def test_the_two_escapers_differ_for_the_same_input():
    text = "<b>A & B</b>"
    assert md(text) == "\\<b\\>A \\& B\\<\\/b\\>"
    assert para_text(text) == "&lt;b&gt;A &amp; B&lt;/b&gt;"


def test_line_breaks_and_indentation_are_kept():
    assert md("a\n\n    b") == "a  \n&nbsp;  \n&nbsp;&nbsp;&nbsp;&nbsp;b"
