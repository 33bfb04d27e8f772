"""Blocks -> one self-contained, accessible HTML file.

The PDF cannot be tagged (reportlab's open-source edition writes no structure
tree), so this is the version for screen readers and email: real headings,
lists, a description list for labelled fields, tables with captions, `lang`,
`dir="auto"` on every text so Hebrew and Arabic lay out by themselves, and
print CSS that keeps questions with their answer space. No scripts, no
external resources: one file that works offline.
"""

from __future__ import annotations

import html
import unicodedata
from datetime import date
from itertools import groupby

from pdf import blocks as B
from pdf.text import plain_lines

_CSS = """
:root { --ink:#1c2430; --muted:#4a5563; --rule:#9aa5b1; --box:#f3f0e8; --alert:#8a1c1c; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 1rem; color: var(--ink); background: #fff;
  font: %(size)s/1.45 "DejaVu Sans", "Noto Sans", system-ui, sans-serif; }
h1 { font-size: 1.7em; margin: .2em 0 .4em; } h2 { font-size: 1.3em; margin: 1.1em 0 .4em; }
h3 { font-size: 1.05em; margin: .8em 0 .3em; }
p, li, dd, dt, td, th, caption { overflow-wrap: anywhere; }
.small { color: var(--muted); font-size: .9em; }
dl.fields { margin: .3em 0; } dl.fields div { margin: .15em 0; }
dl.fields dt { display: inline; font-weight: bold; } dl.fields dt::after { content: ": "; }
dl.fields dd { display: inline; margin: 0; }
ul.questions { list-style: none; padding: 0; margin: .3em 0; }
ul.questions li { margin: .5em 0; padding-left: 1.6em; text-indent: -1.6em; }
.tag { color: var(--muted); font-size: .85em; }
.answers { text-indent: 0; margin: .2em 0 0; }
.space { text-indent: 0; } .space span, .notes .space span { display: block; height: 1.9em;
  border-bottom: 1px solid var(--rule); }
.box { background: var(--box); border: 1px solid var(--muted); padding: .3em .8em; margin: .8em 0; }
.box.urgent { border: 2px solid var(--alert); }
.box h2, .box h3 { margin-top: .2em; }
table { border-collapse: collapse; margin: .4em 0; } caption { text-align: left; color: var(--muted); }
td, th { text-align: left; vertical-align: top; padding: .15em .6em .15em 0; border-bottom: 1px solid var(--rule); }
.bar { display: inline-block; width: 6em; height: .8em; border: 1px solid var(--rule); }
.bar span { display: block; height: 100%%; background: var(--muted); }
.wide { overflow-x: auto; }
table.trend td.plot { width: 16em; } table.trend svg { display: block; width: 100%%; height: auto; }
.sheet { border-bottom: 2px solid var(--rule); padding-bottom: .5em; margin-bottom: 1em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
footer { margin-top: 2em; color: var(--muted); font-size: .85em; border-top: 1px solid var(--rule); }
@media print {
  @page { margin: 16mm; }
  body { max-width: none; padding: 0; }
  .sheet { break-after: page; border: 0; }
  h1, h2, h3 { break-after: avoid; }
  li, .box, table, .notes { break-inside: avoid; }
}
"""


def esc(text: str) -> str:
    """Text shown literally: escaped, control characters dropped, line breaks kept."""
    # Line breaks first (a lone CR too, as on screen and in the PDF), then drop control characters.
    lines = plain_lines(text)
    kept = "".join(ch for ch in lines if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))
    return html.escape(kept).replace("\n", "<br>")


class _Writer:
    def __init__(self, doc: B.Document) -> None:
        self.doc = doc
        self.level = 1  # the last heading level written
        self.n_headings = 0

    def heading(self, text: str, level: int) -> str:
        level = max(1, min(level, self.level + 1, 6))  # never skip a level
        self.level = level
        self.n_headings += 1
        return f'<h{level} id="h{self.n_headings}" dir="auto">{esc(text)}</h{level}>'

    def fields(self, fields: list[B.Field]) -> str:
        rows = "".join(
            f'<div><dt dir="auto">{esc(f.label)}</dt><dd dir="auto">'
            f"{esc(f.value) if f.value.strip() else '&#160;' * 30}</dd></div>"
            for f in fields
        )
        return f'<dl class="fields">{rows}</dl>'

    def space(self, lines: int, label: str = "") -> str:
        return f'<div class="space" aria-hidden="true">{"<span></span>" * lines}</div>'

    def question(self, q: B.Question) -> str:
        star = (
            '<span aria-hidden="true">\u2605 </span><span class="visually-hidden">Top question: </span>'
            if q.starred
            else ""
        )
        extras = [e for e in (q.own_label, q.tag) if e]
        tag = f' <span class="tag" dir="auto">({esc(" · ".join(extras))})</span>' if extras else ""
        answers = (
            self.fields(list(q.answers)).replace('class="fields"', 'class="fields answers"')
            if q.answers
            else ""
        )
        qid = f' data-qid="{html.escape(q.qid, quote=True)}"' if q.qid else ""
        return (
            f'<li{qid}><span aria-hidden="true">\u2610 </span>{star}<span class="q" dir="auto">{esc(q.text)}</span>'
            f"{tag}{answers}{self.space(q.lines) if q.lines else ''}</li>"
        )

    def box(self, b: B.Box) -> str:
        level = max(2, self.level if b.kind == "urgent" else self.level + 1)  # a box is never the title
        saved = self.level
        head = self.heading(b.heading, level)
        self.level = saved
        parts = [head]
        if b.items:
            parts.append("<ul>" + "".join(f'<li dir="auto">{esc(i)}</li>' for i in b.items) + "</ul>")
        parts += [f'<p dir="auto">{esc(line)}</p>' for line in b.lines]
        if b.strong:
            parts.append(f'<p dir="auto"><strong>{esc(b.strong)}</strong></p>')
        kind = "urgent" if b.kind == "urgent" else "note"
        return f'<section class="box {kind}" aria-labelledby="h{self.n_headings}">{"".join(parts)}</section>'

    def trend(self, t: B.Trend) -> str:
        """Each series as a row: its name, a small drawing (hidden from screen readers), the
        numbers in words. The summary follows it with a table of the same numbers."""
        w, h = 240, 28 if t.size == "small" else 40
        span = max((t.end - t.start).days, 0)

        def x(day: date) -> float:
            if span == 0:
                return w / 2
            return 4 + (w - 8) * (day - t.start).days / span

        def y(v: int) -> float:
            return h - 4 - (h - 8) * min(max(v, 0), t.top) / max(t.top, 1)

        marks = "".join(
            f'<line x1="{x(d):.1f}" y1="0" x2="{x(d):.1f}" y2="{h}" stroke="#4a5563" stroke-dasharray="3 2"/>'
            for d, _ in t.marks
            if t.start <= d <= t.end
        )
        rows = []
        for s in t.series:
            pts = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in s.points)
            dots = "".join(
                f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="2.5" '
                f'fill="{"#8a1c1c" if t.severe_at and v >= t.severe_at else "#1c2430"}"/>'
                for d, v in s.points
            )
            svg = (
                f'<svg viewBox="0 0 {w} {h}" aria-hidden="true" focusable="false">'
                f'<rect x="0" y="0" width="{w}" height="{h}" fill="#fff" stroke="#9aa5b1"/>{marks}'
                f'<polyline points="{pts}" fill="none" stroke="#1c2430" stroke-width="1.5"/>{dots}</svg>'
            )
            note = f'<td dir="auto">{esc(s.note)}</td>' if any(other.note for other in t.series) else ""
            rows.append(
                f'<tr><th scope="row" dir="auto">{esc(s.label)}</th><td class="plot">{svg}</td>{note}</tr>'
            )
        legend = f'<p class="small" dir="auto">{esc(t.legend)}</p>' if t.legend else ""
        return (
            f'<div class="wide"><table class="trend"><caption dir="auto">{esc(t.caption)}</caption>'
            f"<tbody>{''.join(rows)}</tbody></table></div>{legend}"
        )

    def table(self, t: B.Table) -> str:
        head = (
            (
                "<thead><tr>"
                + "".join(f'<th scope="col" dir="auto">{esc(h)}</th>' for h in t.header)
                + "</tr></thead>"
            )
            if t.header
            else ""
        )

        def cell(i: int, c: str) -> str:
            tag = "th" if t.row_headers and i == 0 else "td"
            scope = ' scope="row"' if tag == "th" else ""
            return f'<{tag}{scope} dir="auto">{esc(c)}</{tag}>'

        body = "".join("<tr>" + "".join(cell(i, c) for i, c in enumerate(row)) + "</tr>" for row in t.rows)
        caption = f'<caption dir="auto">{esc(t.caption)}</caption>' if t.caption else ""
        return f'<div class="wide"><table>{caption}{head}<tbody>{body}</tbody></table></div>'

    def chart(self, c: B.Chart) -> str:
        rows = "".join(
            f'<tr><th scope="row" dir="auto">{esc(label)}</th><td><span class="bar" aria-hidden="true">'
            f'<span style="width:{100 * value // max(c.top, 1)}%"></span></span></td><td dir="auto">{esc(text)}</td></tr>'
            for label, value, text in c.bars
        )
        return f'<table class="chart"><caption dir="auto">{esc(c.caption)}</caption><tbody>{rows}</tbody></table>'

    def para(self, p: B.Para) -> str:
        cls = ' class="small"' if p.style == "small" else ""
        inner = f"<strong>{esc(p.text)}</strong>" if p.style == "strong" else esc(p.text)
        return f'<p{cls} dir="auto">{inner}</p>'

    def blocks(self, blocks: tuple[B.Block, ...]) -> str:
        out: list[str] = []
        for kind, group in groupby(blocks, key=type):
            items = list(group)
            if kind is B.Field:
                out.append(self.fields(items))  # type: ignore[arg-type]
            elif kind is B.Question:
                out.append('<ul class="questions">' + "".join(self.question(q) for q in items) + "</ul>")  # type: ignore[arg-type]
            else:
                out += [self.one(b) for b in items]
        return "\n".join(out)

    def one(self, b: B.Block) -> str:
        if isinstance(b, B.Heading):
            return self.heading(b.text, b.level)
        if isinstance(b, B.Para):
            return self.para(b)
        if isinstance(b, B.Box):
            return self.box(b)
        if isinstance(b, B.Table):
            return self.table(b)
        if isinstance(b, B.Chart):
            return self.chart(b)
        if isinstance(b, B.Trend):
            return self.trend(b)
        if isinstance(b, B.Notes):
            return f'<div class="notes"><p><strong>{esc(b.label)}</strong></p>{self.space(b.lines)}</div>'
        if isinstance(b, B.Sheet):
            return f'<section class="sheet">{self.blocks(b.blocks)}</section>'
        raise TypeError(f"no HTML form for {type(b).__name__}")


def render_html(doc: B.Document, large_print: bool = False) -> str:
    w = _Writer(doc)
    body = w.blocks(doc.blocks)
    css = _CSS % {"size": "20px" if large_print else "16px"}
    footer = f'<footer><p dir="auto">{esc(doc.footer)}</p><p dir="auto">{esc(doc.notice)}</p></footer>'
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(doc.lang, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="description" content="{html.escape(doc.subject, quote=True)}">\n'
        f"<title>{esc(doc.title)}</title>\n<style>{css}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n{footer}\n</body>\n</html>\n"
    )
