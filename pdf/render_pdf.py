# Platypus keeps its state in private attributes (_content, _H, blPara, _doc) that the
# reportlab stubs do not declare, and pieces carry our marks as attributes too.
# mypy: disable-error-code="attr-defined"
"""Blocks -> PDF with reportlab Platypus.

Page rules: a heading is never last on a page (it moves with what follows),
a question never leaves its answer space, a box is never split; only a unit
taller than a whole page may break. Every drawn piece is logged with its
page, so tests can check those rules on every page (`render` returns the log).
The visit sheet (a Sheet block) gets a page of its own; text too long for it
is cut with "continued on page N" and printed in full on the next page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import _listWrapOn

from pdf import blocks as B
from pdf.fonts import BODY, BOLD, register
from pdf.scripts import visual
from pdf.styles import ALERT, BOX, INK, MARGIN, MUTED, PAGE_SIZES, RULE, Styles, make_styles
from pdf.text import para_text

BOX_EMPTY, STAR = "\u2610", "\u2605"
NUMBER = re.compile(r"-|[0-9]{1,3}")
PLAIN = re.compile(r"[A-Za-z0-9 ,.()-]{1,30}")  # nothing to escape, no other script, no line break
ELLIPSIS = "\u2026"


def mk(text: str) -> str:
    """Paragraph markup for plain text: right-to-left lines in display order, then escaped."""
    return para_text(visual(text))


@dataclass(frozen=True)
class Placed:
    """One drawn piece of a block: which block, what kind, on which page."""

    block: str  # "7": the 7th block; "0.3": the 3rd block inside the sheet that is block 0
    kind: str
    page: int
    oversize: bool


class Para(Paragraph):
    """A Paragraph that remembers its last wrap: keeping pieces together measures them
    once to decide and again to place them, and breaking lines is the costly part."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if getattr(self, "_wrapped_at", None) == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


class AnswerLines(Flowable):
    """Ruled lines to write an answer on by hand (fill-in fields cannot show most scripts)."""

    def __init__(self, lines: int, gap: float) -> None:
        super().__init__()
        self.lines, self.gap = lines, gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.lines * self.gap

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.6)
        for i in range(1, self.lines + 1):
            y = self.lines * self.gap - i * self.gap + 2
            self.canv.line(0, y, self.width, y)


class Bar(Flowable):
    """One bar of a chart, `value` of `top` filled."""

    def __init__(self, value: int, top: int, height: float) -> None:
        super().__init__()
        self.value, self.top, self.height = value, max(top, 1), height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(RULE)
        c.setFillColor(colors.white)
        c.rect(0, 1, self.width, self.height - 2, fill=1)
        c.setFillColor(MUTED)
        c.rect(0, 1, self.width * self.value / self.top, self.height - 2, fill=1, stroke=0)


def _x(day: date, start: date, end: date, left: float, width: float) -> float:
    """Where a day falls on a time axis from `start` to `end` (a single day: the middle)."""
    span = (end - start).days
    if span <= 0:
        return left + width / 2
    return left + width * (day - start).days / span


class Panel(Flowable):
    """One small chart: the series as a line on a 0..top scale, marks as dashed lines.
    Drawn straight on the canvas: reportlab.graphics builds and walks a tree of shapes,
    which was most of the cost of a summary with two years of check-ins."""

    def __init__(self, t: B.Trend, s: B.Series, width: float, height: float) -> None:
        super().__init__()
        self.t, self.s, self.width, self.height = t, s, width, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        t, width, height, c = self.t, self.width, self.height, self.canv
        pad = max(2.5, height * 0.12)
        left, right = pad, width - pad
        low, high = pad, height - pad

        def y(v: int) -> float:
            return low + (high - low) * min(max(v, 0), t.top) / max(t.top, 1)

        c.saveState()
        c.setFillColor(colors.white)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.rect(0, 0, width, height, stroke=1, fill=1)
        c.setStrokeColor(colors.HexColor("#e3e7eb"))
        c.setLineWidth(0.4)
        for v in range(1, t.top):  # faint lines at 1, 2, 3
            c.line(left, y(v), right, y(v))
        c.setStrokeColor(MUTED)
        c.setLineWidth(0.8)
        c.setDash([2.5, 2])
        for day, _ in t.marks:
            if t.start <= day <= t.end:
                x = _x(day, t.start, t.end, left, right - left)
                c.line(x, 1, x, height - 1)
        c.setDash([])
        points = [(_x(day, t.start, t.end, left, right - left), y(v), v) for day, v in self.s.points]
        if len(points) > 1:
            c.setStrokeColor(INK)
            c.setLineWidth(1.1 if height < 30 else 1.3)
            path = c.beginPath()
            path.moveTo(points[0][0], points[0][1])
            for x, yy, _ in points[1:]:
                path.lineTo(x, yy)
            c.drawPath(path, stroke=1, fill=0)
        half = 1.3 if height < 30 else 1.7
        for x, yy, v in points:  # small squares: a circle costs four curves, and a chart has hundreds
            alarm = bool(t.severe_at) and v >= t.severe_at
            r = half * (1.5 if alarm else 1)
            c.setFillColor(ALERT if alarm else INK)
            c.rect(x - r, yy - r, 2 * r, 2 * r, stroke=0, fill=1)
        c.restoreState()


class Axis(Flowable):
    """Tick labels along the time axis; a label that would touch the one before is left out."""

    def __init__(self, t: B.Trend, width: float, pad: float, size: float) -> None:
        super().__init__()
        self.t, self.width, self.pad, self.size = t, width, pad, size
        self.height = size * 1.5

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        t, width, size, c = self.t, self.width, self.size, self.canv
        c.saveState()
        c.setFont(BODY, size)
        c.setFillColor(MUTED)
        c.setStrokeColor(MUTED)
        c.setLineWidth(0.6)
        last_end = -1e9
        for day, text in t.ticks:
            x = _x(day, t.start, t.end, self.pad, width - 2 * self.pad)
            w = stringWidth(text, BODY, size)
            lo = min(max(x - w / 2, 0), width - w)
            if lo < last_end + size:
                continue
            c.drawString(lo, size * 0.5, text)
            c.line(x, 0, x, size * 0.25)
            last_end = lo + w
        c.restoreState()


class Unit(KeepTogether):
    """Pieces that stay on one page; marks them when together they exceed a page."""

    def __init__(self, content: list[Flowable], frame_height: float) -> None:
        super().__init__(content)
        self.frame_height = frame_height

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        w, h = super().wrap(aW, aH)
        if self.frame_height < self._H:
            for f in self._content:
                f._rl_oversize = True
        return w, h

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if self.frame_height < self._H and aH > self.frame_height / 3:
            return [self.NullActionFlowable(), *self._content]  # cannot stay together anyway: start here
        return super().split(aW, aH)


def _height(flow: list[Flowable], width: float) -> float:
    """Height of a list of flowables, units measured by what they hold."""
    plain = [f for f in flow if not isinstance(f, Unit)]
    total = _listWrapOn(plain, width, None)[1] if plain else 0.0
    return float(total + sum(_listWrapOn(f._content, width, None)[1] for f in flow if isinstance(f, Unit)))


def _balance(heights: list[float]) -> int:
    """Where to cut a list so that the taller of the two columns is as short as can be."""
    total = sum(heights)
    best, where, run = total, len(heights), 0.0
    for i, h in enumerate(heights):
        if max(run, total - run) < best:
            best, where = max(run, total - run), i
        run += h
    return max(where, 1)


def _tag(flowables: list[Flowable], index: int | str, kind: str) -> list[Flowable]:
    for f in flowables:
        f._rl_block = (str(index), kind)
        if isinstance(f, Unit):
            _tag(f._content, index, kind)
    return flowables


class _Renderer:
    def __init__(self, doc: B.Document, paper: str, large_print: bool, continued_page: int) -> None:
        self.doc, self.st = doc, make_styles(large_print)
        self.page = PAGE_SIZES[paper]
        self.large = large_print
        self.bottom = MARGIN * 0.55 + self.st.footer.fontSize * 4.2  # just above the footer
        self.top = MARGIN * 0.8
        self.frame_w = self.page[0] - 2 * MARGIN  # the frame has no padding of its own
        self.frame_h = self.page[1] - self.top - self.bottom
        self.continued_page = continued_page

    # --- one block to flowables -----------------------------------------------

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Para(mk(text), getattr(self.st, style))

    def field(self, f: B.Field, style: str = "field") -> Paragraph:
        value = mk(f.value) if f.value.strip() else "_" * 30
        return Para(f"<b>{mk(f.label)}:</b> {value}", getattr(self.st, style))

    def lines_of(self, text: str, style: str = "body") -> list[Flowable]:
        """Long text as one paragraph per line: splitting one huge paragraph
        across pages costs time that grows with the square of its length."""
        return [
            self.p(line, style) if line.strip() else Spacer(1, self.st.body.leading / 2)
            for line in text.split("\n")
        ]

    def question(self, q: B.Question, text: str | None = None) -> list[Flowable]:
        mark = f"{BOX_EMPTY} " + (f"{STAR} " if q.starred else "")
        body = mk(mark) + mk(text if text is not None else q.text)
        extras = [e for e in (q.own_label, q.tag) if e]
        if extras:
            body += (
                f' <font size="{self.st.small.fontSize}" color="#4a5563">({mk(" · ".join(extras))})</font>'
            )
        out: list[Flowable] = [Para(body, self.st.question)]
        out += [self.field(a, "answer") for a in q.answers]
        if q.lines:
            out.append(AnswerLines(q.lines, self.st.answer_gap))
        return out

    def box(self, b: B.Box, cut: Callable[[str, int], str] | None = None) -> list[Flowable]:
        """A framed table; a long list goes in two columns. Only a box taller than a
        page may break (between rows, or inside a cell)."""
        texts = [cut(i, 2) if cut else i for i in b.items]
        bullets = [Para(f"\u2022 {mk(i)}", self.st.item) for i in texts]
        cols = 2 if len(bullets) > 6 else 1
        rows: list[list[Any]] = [[self.p(b.heading, "h3")] + [""] * (cols - 1)]
        if cols == 2:  # two balanced columns, each one cell of paragraphs (a cell may split)
            col = self.frame_w / 2 - 16
            half = _balance([para.wrap(col, 10_000)[1] + self.st.item.spaceAfter for para in bullets])
            rows.append([bullets[:half], bullets[half:]])
        else:
            rows += [[bullet] for bullet in bullets]
        tail = [self.p(cut(line, 3) if cut else line) for line in b.lines]
        if b.strong:
            tail.append(Para(f"<b>{mk(b.strong)}</b>", self.st.body))
        rows += [[f] + [""] * (cols - 1) for f in tail]
        border = ALERT if b.kind == "urgent" else MUTED
        style: list[Any] = [
            ("FONTNAME", (0, 0), (-1, -1), BODY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), BOX),
            ("BOX", (0, 0), (-1, -1), 1.4 if b.kind == "urgent" else 0.8, border),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, 0), 5),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
        ]
        if cols > 1:
            style += [("SPAN", (0, 0), (-1, 0))] + [
                ("SPAN", (0, r), (-1, r)) for r in range(len(rows) - len(tail), len(rows))
            ]
        table = Table(rows, colWidths=[f"{100 // cols}%"] * cols, splitInRow=1)
        table.setStyle(TableStyle(style))
        return [Spacer(1, 4), table]

    def widths(self, weights: tuple[float, ...], n: int) -> list[float]:
        """Column widths from relative weights; with more weights than columns, the columns
        keep the widths they would have with all of them (tables in a row line up)."""
        w = list(weights) + [1.0] * (n - len(weights))
        return [self.frame_w * x / sum(w) for x in w[:n]]

    def cell(self, text: str, bold: bool = False, width: float = 0) -> Flowable | str:
        """A table cell. Short plain text that fits its column (a rating, "5 Oct", "Tiredness")
        is drawn as it is, in the table's own font (bold where the table style says so):
        a Paragraph per cell is most of a big table's cost. The rest is a Paragraph."""
        if NUMBER.fullmatch(text) or (
            width
            and PLAIN.fullmatch(text)
            and stringWidth(text, BOLD if bold else BODY, self.st.cell.fontSize) <= width - 12
        ):
            return text
        return Para(f"<b>{mk(text)}</b>" if bold else mk(text), self.st.cell)

    def table(self, t: B.Table) -> list[Flowable]:
        cols = max([len(t.header), *(len(r) for r in t.rows)], default=0)
        if not cols:
            return [self.p(t.caption, "small")] if t.caption else []
        if self.stacked(t):
            return self.records(t)
        widths = self.widths(t.widths, cols)
        rows = [[self.cell(h, True, w) for h, w in zip(t.header, widths, strict=False)]] if t.header else []
        rows += [
            [
                self.cell(c, t.row_headers and i == 0, w)
                for i, (c, w) in enumerate(zip(row, widths, strict=False))
            ]
            for row in t.rows
        ]
        bold = [("FONTNAME", (0, 0), (-1, 0), BOLD)] if t.header else []
        if t.row_headers:
            bold.append(("FONTNAME", (0, 0), (0, -1), BOLD))
        table = Table(
            rows,
            colWidths=widths,
            repeatRows=1 if t.header else 0,
            splitInRow=1,
            hAlign="LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), BODY),
                    ("FONTSIZE", (0, 0), (-1, -1), self.st.cell.fontSize),
                    ("LEADING", (0, 0), (-1, -1), self.st.cell.leading),
                    ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.9, MUTED),
                    *bold,
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ]
            )
        )
        return ([self.p(t.caption, "h3")] if t.caption else []) + [table]

    def stacked(self, t: B.Table) -> bool:
        """A table of records too wide for the page (large print) prints as a list of records."""
        return t.records and self.large and len(t.header) > 4

    def records(self, t: B.Table) -> list[Flowable]:
        """Each row as a short list of its details, one piece per record (records may part between pages)."""
        out: list[Flowable] = [self.p(t.caption, "h3")] if t.caption else []
        for row in t.rows:
            parts: list[Flowable] = [Para(f"<b>{mk(row[0])}</b>", self.st.body)]
            for label, value in zip(t.header[1:], row[1:], strict=False):
                if value.strip():
                    parts.append(Para(f"<b>{mk(label)}:</b> {mk(value)}", self.st.cell))
            table = Table([[parts]], colWidths=[self.frame_w], splitInRow=1, hAlign="LEFT")
            table.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), BODY),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 3),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                    ]
                )
            )
            out.append(Unit([table], self.frame_h))  # a record parts only when taller than a page
        return out

    def trend(self, t: B.Trend) -> list[Flowable]:
        """Small multiples as a table: a row per series (name, little chart, the numbers in words);
        a row of time labels on top that repeats when the chart runs onto the next page."""
        small = t.size == "small"
        notes = any(s.note for s in t.series)
        weights = (1.1, 1.0, 1.25) if notes else (1.0, 2.6)
        widths = self.widths(weights, len(weights))
        pad = 3.0
        plot_w = widths[1] - 2 * pad
        height = self.st.cell.leading * (1.15 if small else 2.1)
        rows: list[list[Any]] = []
        if t.ticks:
            rows.append(["", Axis(t, plot_w, max(2.5, height * 0.12), self.st.cell.fontSize)] + [""] * notes)
        for s in t.series:
            row: list[Any] = [self.cell(s.label, width=widths[0]), Panel(t, s, plot_w, height)]
            if notes:
                row.append(self.cell(s.note))
            rows.append(row)
        table = Table(rows, colWidths=widths, repeatRows=1 if t.ticks else 0, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), BODY),
                    ("FONTSIZE", (0, 0), (-1, -1), self.st.cell.fontSize),
                    ("LEADING", (0, 0), (-1, -1), self.st.cell.leading),
                    ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), pad),
                    ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                    ("TOPPADDING", (0, 0), (-1, -1), 1 if small else 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1 if small else 1.5),
                ]
            )
        )
        out: list[Flowable] = [self.p(t.caption, "small"), table]
        if t.legend:
            out.append(self.p(t.legend, "small"))
        return [*out, Spacer(1, self.st.body.fontSize * 0.4)]

    def chart(self, c: B.Chart) -> list[Flowable]:
        h = self.st.body.leading * 0.7
        rows = [[self.p(label), Bar(value, c.top, h), self.p(text, "small")] for label, value, text in c.bars]
        table = Table(rows, colWidths=["48%", "22%", "30%"], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), BODY),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [self.p(c.caption, "small"), table]

    def notes(self, n: B.Notes) -> list[Flowable]:
        return [self.p(n.label, "h3"), AnswerLines(n.lines, self.st.answer_gap)]

    def heading(self, h: B.Heading) -> Paragraph:
        para = self.p(h.text, {1: "title", 2: "h1", 3: "h2"}[h.level])
        para._rl_outline = (h.text, h.level)
        return para

    def one(self, block: B.Block) -> tuple[str, list[Flowable], bool]:
        """(kind, flowables, may split) for one block."""
        if isinstance(block, B.Para):
            style = {"body": "body", "small": "small", "strong": "body"}[block.style]
            return "para", self.lines_of(block.text, style), True
        if isinstance(block, B.Field):
            return "field", [self.field(block)], True
        if isinstance(block, B.Question):
            return "question", self.question(block), False
        if isinstance(block, B.Box):
            return ("urgent" if block.kind == "urgent" else "box"), self.box(block), False
        if isinstance(block, B.Table):  # kept with its caption; only a table taller than a page breaks
            return "table", self.table(block), self.stacked(block)
        if isinstance(block, B.Chart):
            return "chart", self.chart(block), False
        if isinstance(block, B.Trend):
            return "trend", self.trend(block), False
        if isinstance(block, B.Notes):
            return "notes", self.notes(block), False
        raise TypeError(f"no PDF form for {type(block).__name__}")

    # --- the visit sheet --------------------------------------------------------

    def cut(self, text: str, lines: int, style: str, prefix: str = "") -> str:
        """`text` shortened to fit `lines` lines, ending in '… (continued on page N)'."""
        st = getattr(self.st, style)

        def count(t: str) -> int:
            para = Para(prefix + mk(t), st)
            para.wrap(self.frame_w - 20, 10_000)
            return len(para.blPara.lines)

        if count(text) <= lines:
            return text
        note = f"{ELLIPSIS} ({self.doc_note()})"
        lo, hi = 0, min(len(text), 400 * lines)
        while lo < hi:  # the longest prefix that still fits, with the note
            mid = (lo + hi + 1) // 2
            if count(text[:mid].rstrip() + note) <= lines:
                lo = mid
            else:
                hi = mid - 1
        head = text[:lo]
        if " " in head[-30:]:
            head = head[: head.rindex(" ")]
        return head.rstrip() + note

    def doc_note(self) -> str:
        return self._note.format(page=self.continued_page)

    def sheet(self, sheet: B.Sheet, index: int) -> list[Flowable]:
        self._note = sheet.continued_note or "{page}"
        # Tighter and tighter until the sheet fits: long text first gets fewer lines (the
        # rest is printed in full on the next page), then the top three's answer space goes
        # from three lines to two before any text is cut to one line, then to one.
        steps: list[tuple[int, int | None]] = [(4, None), (3, None), (2, None), (2, 2), (1, 2), (1, 1)]
        fits = True
        for limit, answer in steps:
            flow, rest = self.sheet_flow(sheet, index, limit, answer)
            if (
                _height(flow, self.frame_w) <= self.frame_h - 4
            ):  # slack: measuring and placing differ a little
                break
        else:  # still too tall (large print): let it run on, no gap after. Text after the
            # top questions then runs on in full where it is: cut, it would only print twice.
            last_q = max((n for n, b in enumerate(sheet.blocks) if isinstance(b, B.Question)), default=-1)
            flow, rest = self.sheet_flow(sheet, index, 1, 2, whole_after=last_q)
            fits = False
        if fits:
            flow.append(PageBreak())
        if rest:
            head = _tag([self.heading(B.Heading(sheet.continued_heading, 2))], f"{index}.c", "heading")
            for n, block in enumerate(rest):
                pieces = _tag(self.one(block)[1], f"{index}.c{n}", "continued")
                flow += [Unit(head + pieces[:1], self.frame_h), *pieces[1:]] if n == 0 else pieces
        return flow

    def sheet_flow(
        self, sheet: B.Sheet, index: int, limit: int, answer: int | None, whole_after: int | None = None
    ) -> tuple[list[Flowable], list[B.Block]]:
        flow: list[Flowable] = []
        rest: list[B.Block] = []

        def shorten(text: str, lines: int, style: str = "body", prefix: str = "") -> str:
            short = self.cut(text, lines, style, prefix)
            if short != text:
                rest.append(B.Para(text))
            return short

        for n, block in enumerate(sheet.blocks):
            sub = f"{index}.{n}"
            cap = 10_000 if whole_after is not None and n > whole_after else limit
            if isinstance(block, B.Heading):
                flow += _tag([self.heading(block)], sub, "heading")
            elif isinstance(block, B.Field):
                label = f"<b>{mk(block.label)}:</b> "
                value = shorten(block.value, cap, prefix=label)
                if value != block.value:
                    rest[-1] = block
                flow += _tag([self.field(B.Field(block.label, value))], sub, "field")
            elif isinstance(block, B.Question):
                text = shorten(block.text, cap + 1, "question", prefix=mk(f"{BOX_EMPTY} {STAR} "))
                if text != block.text:
                    rest[-1] = B.Question(
                        block.text, block.starred, block.own_label, block.tag, qid=block.qid
                    )
                lines = block.lines if answer is None else min(answer, block.lines)
                q = B.Question(
                    block.text, block.starred, block.own_label, block.tag, lines, block.answers, block.qid
                )
                flow.append(Unit(_tag(self.question(q, text), sub, "question"), self.frame_h))
            elif isinstance(block, B.Box):

                def box_cut(t: str, n: int, cap: int = cap) -> str:
                    return shorten(t, min(n, cap))

                flow += _tag(self.box(block, box_cut), sub, "box")
            else:
                flow += _tag(self.one(block)[1], sub, "sheet")
        return flow, rest

    # --- the whole story -----------------------------------------------------------

    def story(self) -> list[Flowable]:
        out: list[Flowable] = []
        pending: list[Flowable] = []  # headings waiting for what follows them
        for index, block in enumerate(self.doc.blocks):
            if isinstance(block, B.Sheet):
                out += pending + self.sheet(block, index)
                pending = []
                continue
            if isinstance(block, B.Heading):
                pending += _tag([self.heading(block)], index, "heading")
                continue
            kind, pieces, splits = self.one(block)
            _tag(pieces, index, kind)
            if splits:
                # Headings go with the first piece that shows something; the rest may flow on.
                # (a caption that keeps with what follows is not enough on its own).
                k = next(
                    (
                        i + 1
                        for i, f in enumerate(pieces)
                        if not isinstance(f, Spacer)
                        and not getattr(getattr(f, "style", None), "keepWithNext", 0)
                    ),
                    len(pieces),
                )
                out += [Unit(pending + pieces[:k], self.frame_h), *pieces[k:]] if pending else pieces
            else:
                out.append(Unit(pending + pieces, self.frame_h))
            pending = []
        return out + pending


def _xmp(doc: B.Document) -> Callable[[Any], bytes]:
    def e(s: str) -> str:
        return escape(s, {'"': "&quot;"})

    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(doc.title)}</rdf:li></rdf:Alt></dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(doc.subject)}</rdf:li></rdf:Alt></dc:description>
<dc:creator><rdf:Seq><rdf:li>{e(doc.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>{e(doc.lang)}</rdf:li></rdf:Bag></dc:language>
<pdf:Producer>ReportLab</pdf:Producer>
<xmp:CreatorTool>{e(doc.author)}</xmp:CreatorTool>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    data = packet.encode("utf-8")
    return lambda _pdfdoc: data


def _canvas(doc: B.Document, st: Styles, page_width: float) -> type[Canvas]:
    """A canvas that holds pages back until the end, so each can say 'Page X of Y';
    bookmarks are held with their page and set when the page is really written."""
    notice = Para(para_text(doc.notice), st.footer)
    size = st.footer.fontSize

    def footer(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(BODY, size)
        canvas.setFillColor(MUTED)
        y = MARGIN * 0.55 + size * 2.6
        canvas.drawString(MARGIN, y, doc.footer)
        canvas.drawRightString(page_width - MARGIN, y, doc.page_label.format(page=page, pages=pages))
        _, h = notice.wrap(page_width - 2 * MARGIN, 100)
        notice.drawOn(canvas, MARGIN, y - h - 2)
        canvas.restoreState()

    class NumberedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self._pages: list[dict[str, object]] = []
            self._marks: list[tuple[str, int]] = []

        def mark(self, title: str, level: int) -> None:
            self._marks.append((title, level))

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__, _marks=self._marks))
            self._marks = []
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            last = -1
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                for i, (title, level) in enumerate(cast("list[tuple[str, int]]", state["_marks"])):
                    level = min(level, last + 1)  # outlines may not skip a level
                    key = f"p{number}.{i}"
                    self.bookmarkPage(key)
                    self.addOutlineEntry(title, key, level=level, closed=level > 0)
                    last = level
                footer(self, number, total)
                super().showPage()
            self.setViewerPreference("DisplayDocTitle", "true")
            self._doc.Catalog.Metadata = XMP(creator=_xmp(doc))
            if last >= 0:
                self.showOutline()
            super().save()

    return NumberedCanvas


class _Frame(Frame):
    def split(self, flowable: Flowable, canv: Canvas) -> list[Flowable]:
        """Parts of a split piece are new objects: they keep the piece's block and marks."""
        parts = super().split(flowable, canv)
        tag = getattr(flowable, "_rl_block", None)
        if tag is not None:
            for part in parts:
                if not isinstance(part, ActionFlowable) and not hasattr(part, "_rl_block"):
                    part._rl_block = tag
                    part._rl_oversize = getattr(flowable, "_rl_oversize", False)
        return parts


class _Template(BaseDocTemplate):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.placed: list[Placed] = []

    def build(self, flowables: list[Flowable], canvasmaker: type[Canvas] = Canvas) -> None:  # type: ignore[override]
        # One frame without Platypus's 6 pt padding: the margins are the margins.
        frame = _Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="normal",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=self.pagesize)])
        BaseDocTemplate.build(self, flowables, canvasmaker=canvasmaker)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's name)
        tag = getattr(flowable, "_rl_block", None)
        if tag is not None:
            self.placed.append(Placed(tag[0], tag[1], self.page, getattr(flowable, "_rl_oversize", False)))
        outline = getattr(flowable, "_rl_outline", None)
        if outline is not None:
            text = " ".join(outline[0].split())[:200]
            self.canv.mark(text, outline[1] - 1)


def render(doc: B.Document, paper: str = "letter", large_print: bool = False) -> tuple[bytes, list[Placed]]:
    """The PDF bytes and where each block's pieces landed."""
    register()
    data, placed = _render_once(doc, paper, large_print, continued_page=2)
    cont = next((p.page for p in placed if p.kind == "continued"), 2)
    if cont != 2:  # the sheet itself ran over (large print): point at the real page
        data, placed = _render_once(doc, paper, large_print, continued_page=cont)
    return data, placed


def _render_once(
    doc: B.Document, paper: str, large_print: bool, continued_page: int
) -> tuple[bytes, list[Placed]]:
    r = _Renderer(doc, paper, large_print, continued_page)
    out = io.BytesIO()
    template = _Template(
        out,
        pagesize=r.page,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=r.top,
        bottomMargin=r.bottom,
        title=doc.title,
        author=doc.author,
        creator=doc.author,
        subject=doc.subject,
        lang=doc.lang,
        invariant=1,
        initialFontName=BODY,
        initialFontSize=r.st.body.fontSize,
    )
    template.build(r.story(), canvasmaker=_canvas(doc, r.st, r.page[0]))
    return out.getvalue(), template.placed


__all__ = ["Placed", "render"]
