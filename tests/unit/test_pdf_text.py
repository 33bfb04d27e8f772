import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from pdf.fonts import BODY, register
from pdf.text import REPLACEMENT, para_text
from tests.nasty import NASTY


@pytest.mark.parametrize("text", NASTY)
def test_every_nasty_string_parses_as_a_paragraph(text):
    register()
    para = Paragraph(para_text(text), ParagraphStyle("t", fontName=BODY))
    para.wrap(400, 10_000)


def test_markup_is_escaped_not_interpreted():
    assert para_text("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"


def test_newlines_become_breaks_and_controls_are_dropped():
    assert para_text("a\r\nb\x00c\x07") == "a<br/>bc"


def test_cjk_runs_get_a_cid_font():
    out = para_text("x 中文 한국어")
    assert '<font name="STSong-Light">中文</font>' in out
    assert '<font name="HYSMyeongJo-Medium">한국어</font>' in out


def test_a_glyph_no_font_has_is_replaced_visibly():
    assert para_text("\U0001F397") == REPLACEMENT  # reminder ribbon emoji
