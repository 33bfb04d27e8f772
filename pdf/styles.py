"""Paragraph styles for normal and large print, and page sizes."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from pdf.fonts import BODY, BOLD

PAGE_SIZES = {"letter": LETTER, "a4": A4}
INK = colors.HexColor("#1c2430")
MUTED = colors.HexColor("#4a5563")
RULE = colors.HexColor("#9aa5b1")
BOX = colors.HexColor("#f3f0e8")
ALERT = colors.HexColor("#8a1c1c")
MARGIN = 18 * mm


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    footer: ParagraphStyle
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    question: ParagraphStyle
    answer: ParagraphStyle
    field: ParagraphStyle
    item: ParagraphStyle
    cell: ParagraphStyle  # table cells and chart labels: a touch smaller, never under 14 pt in large print
    answer_gap: float  # space between ruled answer lines
    answer_lines: int


def make_styles(large_print: bool) -> Styles:
    size = 15.0 if large_print else 10.5
    small = 14.0 if large_print else size * 0.85  # large print: nothing but the footer under 14 pt
    lead = size * (1.5 if large_print else 1.35)

    def style(name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = {
            "fontName": BODY,
            "fontSize": size,
            "leading": lead,
            "textColor": INK,
            "spaceAfter": size * 0.4,
            "splitLongWords": 1,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)  # type: ignore[arg-type]

    return Styles(
        body=style("body"),
        small=style("small", fontSize=small, leading=small * 1.35, textColor=MUTED),
        footer=style(
            "footer", fontSize=max(8.0, size * 0.72), leading=max(8.0, size * 0.72) * 1.25, textColor=MUTED
        ),
        title=style("title", fontName=BOLD, fontSize=size * 1.9, leading=size * 2.3, spaceAfter=size),
        h1=style(
            "h1",
            fontName=BOLD,
            fontSize=size * 1.4,
            leading=size * 1.8,
            spaceBefore=size * 1.1,
            spaceAfter=size * 0.5,
            keepWithNext=1,
        ),
        h2=style(
            "h2",
            fontName=BOLD,
            fontSize=size * 1.1,
            leading=size * 1.45,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.3,
            keepWithNext=1,
        ),
        h3=style("h3", fontName=BOLD, spaceBefore=0, spaceAfter=size * 0.2, keepWithNext=1),
        question=style(
            "question",
            leftIndent=size * 1.6,
            firstLineIndent=-size * 1.6,
            spaceBefore=size * (0.25 if large_print else 0.12),
            spaceAfter=size * 0.1,
        ),
        answer=style("answer", leftIndent=size * 1.6, spaceAfter=size * 0.2),
        field=style("field", spaceAfter=size * 0.12),
        # Lists in boxes (the urgent signs): a touch smaller in normal print, never under 14 pt in large.
        item=style(
            "item",
            fontSize=14.0 if large_print else 9.3,
            leading=17.0 if large_print else 11.0,
            leftIndent=size * 0.9,
            firstLineIndent=-size * 0.9,
            spaceAfter=size * 0.15,
        ),
        cell=style(
            "cell",
            fontSize=14.0 if large_print else 9.3,
            leading=17.0 if large_print else 11.5,
            spaceAfter=0,
        ),
        answer_gap=lead * (1.3 if large_print else 1.2),  # about 6 mm to write on in normal print
        answer_lines=4 if large_print else 3,
    )
