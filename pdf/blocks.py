"""The document model: a document is a title and a flat list of typed blocks.

Builders (pdf/documents.py) turn a workbook into blocks with no knowledge of
paper or markup; renderers (pdf/render_pdf.py, pdf/render_html.py) turn the
same blocks into a PDF and an HTML file. Every text here is plain text as a
person typed it: each renderer escapes it with its own helper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal


@dataclass(frozen=True)
class Heading:
    text: str
    level: Literal[1, 2, 3]  # 1: document title, 2: section, 3: topic


@dataclass(frozen=True)
class Para:
    text: str
    style: Literal["body", "small", "strong"] = "body"


@dataclass(frozen=True)
class Field:
    label: str
    value: str


@dataclass(frozen=True)
class Question:
    """A question to ask, with a tick box; `lines` ruled lines of answer space (0: none)."""

    text: str
    starred: bool = False
    own_label: str = ""  # "My own question", when it is one
    tag: str = ""  # the treatment page it belongs to, when the list mixes pages
    lines: int = 0
    answers: tuple[Field, ...] = ()
    qid: str = ""  # stable id, so tests can match the PDF and the HTML


@dataclass(frozen=True)
class Box:
    """A framed box that is never split across pages."""

    heading: str
    items: tuple[str, ...] = ()  # a bulleted list
    lines: tuple[str, ...] = ()  # plain lines after the list
    strong: str = ""  # one bold line at the end (a phone number)
    kind: Literal["urgent", "note"] = "note"


@dataclass(frozen=True)
class Table:
    """Rows of text under a header. `widths`: relative column widths (empty: equal).
    `row_headers`: the first cell of each row names the row (a symptom, a person).
    `records`: each row is one thing with its details (a medicine): where the page is
    too narrow for every column (large print), each row may print as a short list."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    row_headers: bool = False
    records: bool = False


@dataclass(frozen=True)
class Chart:
    """A horizontal bar per item: (label, value, value label) on a 0..top scale."""

    caption: str
    bars: tuple[tuple[str, int, str], ...]
    top: int


@dataclass(frozen=True)
class Series:
    """One line of a Trend: (day, value) points; `note` gives the numbers in words beside it."""

    label: str
    points: tuple[tuple[date, int], ...]
    note: str = ""


@dataclass(frozen=True)
class Trend:
    """Small multiples: one little line chart per series over the same days, on a 0..top scale.

    The numbers are also given in words (each series' note) or in a Table next to it,
    for screen readers and print. `marks`: a dashed line on a day (a cancer medicine
    started), explained in words under the chart. `ticks`: labels along the time
    axis (none: no axis). `size`: "small" for a line per row on the visit sheet.
    """

    caption: str
    start: date
    end: date
    series: tuple[Series, ...]
    top: int = 4
    marks: tuple[tuple[date, str], ...] = ()
    ticks: tuple[tuple[date, str], ...] = ()
    size: Literal["small", "medium"] = "small"
    severe_at: int = 0  # points at or above it are drawn as alarms (0: none)
    legend: str = ""  # the marks in words ("Dashed lines: ... started 20 Oct 2026")


@dataclass(frozen=True)
class Notes:
    """A shared area of ruled lines to write on."""

    label: str
    lines: int


@dataclass(frozen=True)
class Sheet:
    """Blocks that must fit on one page of their own (the visit sheet).

    The PDF cuts long text to fit and prints the rest on the next page under
    `continued_heading`; the HTML shows everything in place.
    """

    blocks: tuple[Block, ...]
    continued_heading: str = ""
    continued_note: str = ""  # "continued on page {page}"


Block = Heading | Para | Field | Question | Box | Table | Chart | Trend | Notes | Sheet


@dataclass(frozen=True)
class Document:
    title: str
    subject: str
    author: str
    lang: str
    blocks: tuple[Block, ...]
    footer: str = ""  # "title · date", printed on every page
    notice: str = ""  # the disclaimer, printed on every page
    page_label: str = "Page {page} of {pages}"
    meta: dict[str, str] = field(default_factory=dict)


def flat(blocks: tuple[Block, ...] | list[Block]) -> list[Block]:
    """Every block, with the blocks inside a sheet in place of the sheet."""
    out: list[Block] = []
    for b in blocks:
        out.extend(flat(b.blocks) if isinstance(b, Sheet) else [b])
    return out


def questions(doc: Document) -> list[Question]:
    return [b for b in flat(doc.blocks) if isinstance(b, Question)]
