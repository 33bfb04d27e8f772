import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from pdf.fonts import BODY, CJK, register
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


def test_cjk_runs_get_the_embedded_cjk_font():
    out = para_text("x 中文 한국어")
    assert f'<font name="{CJK}">中文</font>' in out
    assert f'<font name="{CJK}">한국어</font>' in out


def test_a_glyph_no_font_has_is_replaced_visibly():
    assert para_text("\U0001f397") == REPLACEMENT  # reminder ribbon emoji


# --- the same rule as the screen: line breaks, controls, characters as typed -------


def _printed(text: str) -> str:
    """`text` as one Paragraph in a real PDF, read back with pypdf."""
    import io

    from reportlab.platypus import SimpleDocTemplate

    from tests.pdf_text import pdf_text

    register()
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build(
        [Paragraph(para_text(text), ParagraphStyle("t", fontName=BODY))]
    )
    return pdf_text(buffer.getvalue())


@pytest.mark.parametrize("breaks", ["\r", "\r\n", "\n", "\u2028", "\x0b", "\x85"])
def test_every_line_break_is_a_break_a_lone_carriage_return_too(breaks):
    assert para_text(f"a{breaks}b") == "a<br/>b"


def test_a_lone_carriage_return_does_not_join_the_words_in_the_pdf():
    lines = [line.strip() for line in _printed("alpha\rbeta").splitlines()]
    assert "alpha" in lines
    assert "beta" in lines


ARROWS_AND_QUOTES = "a -- b -> c <- d <-> e <= f >= g ~= h => i \"q\" 'q' ... (c)"


def test_arrows_dashes_and_quotes_print_as_typed():
    assert para_text(ARROWS_AND_QUOTES) == ARROWS_AND_QUOTES.replace("&", "&amp;").replace(
        "<", "&lt;"
    ).replace(">", "&gt;")
    assert " ".join(_printed(ARROWS_AND_QUOTES).split()) == ARROWS_AND_QUOTES


def test_nul_is_dropped_like_every_control_character_not_replaced():
    assert para_text("a\x00b\x1bc\x7fd\x9fe") == "abcde"
