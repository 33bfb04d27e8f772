"""The HTML renderer (pdf/render_html.py): semantic, self-contained, literal, same questions as the PDF."""

from __future__ import annotations

import itertools
import re
from datetime import date
from html.parser import HTMLParser

import pytest

from pdf import Options, build_blocks, build_html, build_pdf
from pdf.blocks import questions
from tests.nasty import NASTY
from tests.pdf_text import pdf_text, shows
from workbook import edits as E
from workbook.model import Workbook

DAY = date(2026, 11, 25)
DOCUMENTS = ["questions", "summary", "caregiver", "blank"]


class Outline(HTMLParser):
    """Tags, attributes and the text of every question item."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.questions: list[str] = []
        self._in_q = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "span" and dict(attrs).get("class") == "q":
            self._in_q = 1
            self.questions.append("")

    def handle_endtag(self, tag):
        if tag == "span":
            self._in_q = 0

    def handle_data(self, data):
        self.text.append(data)
        if self._in_q:
            self.questions[-1] += data


def parse(data: bytes) -> Outline:
    out = Outline()
    out.feed(data.decode("utf-8"))
    return out


def html(wb, library, **kw) -> bytes:
    return build_html(wb, library, Options(made_on=DAY, **kw))


@pytest.mark.parametrize("document", DOCUMENTS)
def test_one_file_with_lang_title_headings_and_no_outside_resources(full_wb, library, document):
    data = html(None if document == "blank" else full_wb, library, document=document)
    page = parse(data)
    tags = [t for t, _ in page.tags]
    assert page.tags[0] == ("html", {"lang": "en"})
    assert "title" in tags
    assert tags.count("h1") == 1
    assert "h2" in tags
    assert "main" in tags
    assert not {"script", "link", "img", "iframe", "object"} & set(tags)
    assert not any(k in ("src", "href") for _, attrs in page.tags for k in attrs)
    assert not re.search(rb"url\(|@import|https?://(?!www\.w3\.org)", data.split(b"</style>")[0])


def _levels(page: Outline) -> list[int]:
    return [int(t[1]) for t, _ in page.tags if re.fullmatch(r"h[1-6]", t)]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_headings_never_skip_a_level(full_wb, library, document):
    levels = _levels(parse(html(None if document == "blank" else full_wb, library, document=document)))
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


@pytest.mark.parametrize("document", ["questions", "summary", "caregiver"])
def test_same_questions_in_the_same_order_as_the_pdf(full_wb, library, document):
    opts = Options(made_on=DAY, document=document)
    wanted = [q.text for q in questions(build_blocks(full_wb, library, opts))]
    page = parse(build_html(full_wb, library, opts))
    assert page.questions == wanted
    pdf = pdf_text(build_pdf(full_wb, library, opts))
    assert all(shows(pdf, q) for q in wanted)


def test_question_list_follows_the_agenda_order(full_wb, library):
    order = [q.text for _, q in E.agenda(full_wb)]
    page = parse(html(full_wb, library, document="questions"))
    starred = [q.text for _, q in E.agenda(full_wb) if q.starred]
    assert page.questions == starred + [t for t in order if t not in starred]


def test_nasty_text_is_shown_literally_never_as_markup(library):
    wb = Workbook()
    E.add_appointment(wb, clinician=NASTY[2], purpose=NASTY[9])
    E.update_profile(wb, name=NASTY[4], day_night_phone=NASTY[3])
    for text in NASTY:
        if text.strip():
            E.add_own_question(wb, "general", text)
    E.set_notes(wb, "general", "\n".join(NASTY))
    for document in ("questions", "summary"):
        data = html(wb, library, document=document)
        page = parse(data)
        tags = {t for t, _ in page.tags}
        assert not {"script", "img", "b", "i", "para", "font"} & tags
        text = "".join(page.text)
        for s in (NASTY[2], NASTY[3], NASTY[9], NASTY[11], NASTY[12]):
            assert s in text, s
        assert "\x00" not in data.decode()
        assert "\x1b" not in data.decode()


def test_right_to_left_text_keeps_its_typed_order_and_lays_out_by_itself(library):
    wb = Workbook()
    E.add_own_question(wb, "general", "עברית · العربية")
    data = html(wb, library, document="questions").decode()
    assert "עברית · العربية" in data
    assert re.search(r'<span class="q" dir="auto">עברית · العربية</span>', data)


def test_large_print_is_larger(full_wb, library):
    assert b"font: 20px" in html(full_wb, library, document="questions", large_print=True)
    assert b"font: 16px" in html(full_wb, library, document="questions")


def test_print_css_keeps_questions_whole_and_the_sheet_on_its_own_page(full_wb, library):
    data = html(full_wb, library, document="questions")
    assert b"@media print" in data
    assert b"break-inside: avoid" in data
    assert b"break-after: page" in data
    assert b'<section class="sheet">' in data


def test_a_lone_carriage_return_is_a_line_break_in_the_html():
    from pdf.render_html import esc

    assert esc("one\rtwo\r\nthree\x00") == "one<br>two<br>three"
