"""Build the PDFs: a pure function of (workbook, content, options) -> bytes.

Documents: the question list for an appointment, the full summary, the
caregiver summary, and blank question lists for clinics. The date printed
comes in through Options, so the same input always gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Callable, Literal

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
)

from content.library import Library
from pdf.fonts import BODY, register
from pdf.styles import ALERT, BOX, MARGIN, MUTED, PAGE_SIZES, RULE, Styles, make_styles
from pdf.text import para_text
from workbook.edits import agenda
from workbook.labels import appointment_label, long_date
from workbook.model import SECTION_IDS, Appointment, Question, SectionId, Workbook

Document = Literal["questions", "summary", "caregiver", "blank"]
BOX_EMPTY, STAR = "\u2610", "\u2605"


@dataclass(frozen=True)
class Options:
    made_on: date
    document: Document = "summary"
    paper: Literal["letter", "a4"] = "letter"
    large_print: bool = False
    include_notes: bool = True
    modality: SectionId | None = None   # blank lists: one section, or all when None


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


class _Builder:
    """Holds what every part of a document needs; each method returns flowables."""

    def __init__(self, wb: Workbook | None, lib: Library, opts: Options) -> None:
        self.wb, self.lib, self.opts = wb, lib, opts
        self.st: Styles = make_styles(opts.large_print)
        self.t = lib.t

    # --- small pieces ------------------------------------------------------

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(para_text(text), getattr(self.st, style))

    def lines(self, text: str) -> list[Flowable]:
        """Long text as one paragraph per line: splitting one huge paragraph
        across many pages costs time that grows with the square of its length."""
        return [self.p(line) if line.strip() else Spacer(1, self.st.body.leading / 2)
                for line in text.split("\n")]

    def labelled(self, label: str, value: str) -> Paragraph:
        return Paragraph(f"<b>{para_text(label)}:</b> {para_text(value)}", self.st.body)

    def option(self, group: str, value: str | None) -> str:
        return self.t(f"options.{group}.{value}") if value else self.t("pdf.field_unknown")

    def appt_label(self, appt: Appointment | None) -> str:
        return appointment_label(appt, self.t("about.appt_undated"))

    def box(self, flowables: list[Flowable], border: object) -> Table:
        table = Table([[flowables]], colWidths=["100%"], splitInRow=1)
        table.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), BOX), ("BOX", (0, 0), (-1, -1), 1, border),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        return table

    def urgent_box(self) -> Table:
        phone = self.wb.profile.day_night_phone.strip() if self.wb else ""
        items: list[Flowable] = [self.p(self.t("pdf.urgent_heading"), "h2")]
        items += [self.p(f"\u2022 {line}") for line in self.lib.interface.urgent_general]
        items.append(Paragraph(f"<b>{para_text(self.t('pdf.urgent_phone').format(phone=phone))}</b>"
                               if phone else para_text(self.t("pdf.urgent_no_phone")), self.st.body))
        return self.box(items, ALERT)

    def question_item(self, q_text: str, starred: bool, own: bool, lines: bool) -> list[Flowable]:
        mark = f"{BOX_EMPTY} " + (f"{STAR} " if starred else "")
        suffix = f"  ({self.t('pdf.own')})" if own else ""
        question = Paragraph(para_text(mark + q_text + suffix), self.st.question)
        if not lines:
            return [question]
        label = self.p(self.t("pdf.answer_space"), "small")
        # keepWithNext (not KeepTogether, which reportlab will not chain a heading to)
        # keeps heading, question, label and lines on one page.
        question.keepWithNext = label.keepWithNext = 1
        return [question, label, AnswerLines(self.st.answer_lines, self.st.answer_gap)]

    # --- grouping ------------------------------------------------------------

    def grouped(self, questions: list[Question], sid: SectionId) -> list[tuple[str, list[Question]]]:
        """Library questions by topic in content order; own and retired ones last."""
        by_topic: dict[str, list[Question]] = {}
        other: list[Question] = []
        for q in questions:
            found = None if q.own else self.lib.question(q.id)
            if found is None:
                other.append(q)
            else:
                by_topic.setdefault(found.topic, []).append(q)
        groups = [(t.title, by_topic[t.id]) for t in self.lib.topics.topics if t.id in by_topic]
        if other:
            groups.append((self.lib.t("modality.own_heading"), other))
        return groups

    def is_future(self, q: Question) -> bool:
        found = None if q.own else self.lib.question(q.id)
        return bool(found and found.future)

    # --- parts of documents -----------------------------------------------------

    def header(self, title: str) -> list[Flowable]:
        out: list[Flowable] = [self.p(title, "title")]
        if self.wb and self.wb.profile.name.strip():
            out.append(self.p(self.t("pdf.for_name").format(name=self.wb.profile.name.strip())))
        out.append(self.p(self.t("pdf.made_on").format(date=long_date(self.opts.made_on)), "small"))
        return out

    def appointment_block(self, appt: Appointment) -> list[Flowable]:
        out = [self.p(self.t("pdf.appointment").format(date=self.appt_label(appt)), "h2")]
        for key, value in (("purpose", appt.purpose), ("companions", appt.companions),
                           ("bring", appt.bring)):
            if value.strip():
                out.append(self.p(self.t(f"pdf.{key}").format(**{key: value})))
        return out

    def about_me(self) -> list[Flowable]:
        assert self.wb is not None
        pr = self.wb.profile
        out: list[Flowable] = [self.p(self.t("pdf.about_heading"), "h1")]
        out.append(self.labelled(self.t("pdf.field_hr"), self.option("hr", pr.hormone_receptor)))
        out.append(self.labelled(self.t("pdf.field_her2"), self.option("her2", pr.her2)))
        out.append(self.labelled(self.t("pdf.field_menopause"), self.option("menopause", pr.menopause)))
        markers = "; ".join(f"{self.t(f'options.biomarker.{m}')}: {self.t(f'options.test.{r}')}"
                            for m, r in pr.biomarkers.items())
        if pr.biomarker_other.strip():
            markers = "; ".join(filter(None, [markers, pr.biomarker_other.strip()]))
        out.append(self.labelled(self.t("pdf.field_biomarkers"), markers or self.t("pdf.field_unknown")))
        sites = ", ".join([self.t(f"options.site.{s}") for s in pr.sites if s != "other"]
                          + ([pr.sites_other.strip()] if pr.sites_other.strip() else []))
        out.append(self.labelled(self.t("pdf.field_sites"), sites or self.t("pdf.field_unknown")))
        if pr.treatments_so_far.strip():
            out.append(self.labelled(self.t("pdf.field_treatments"), pr.treatments_so_far))
        return out

    def values(self) -> list[Flowable]:
        assert self.wb is not None
        v = self.wb.values
        iface = self.lib.interface
        out: list[Flowable] = [self.p(self.t("pdf.values_heading"), "h1")]
        for item in iface.values:
            level = v.importance.get(item.id)
            if level:
                out.append(self.labelled(item.label, self.lib.choice_label(iface.importance, level)))
        if v.side_effects_to_avoid.strip():
            out.append(self.labelled(self.t("pdf.sides"), v.side_effects_to_avoid))
        if v.in_my_words.strip():
            out.append(self.labelled(self.t("pdf.in_my_words"), v.in_my_words))
        if v.readiness:
            out.append(self.p(self.t("pdf.readiness_heading"), "h2"))
            for item in iface.readiness:
                if item.id in v.readiness:
                    answer = self.t("values.yes") if v.readiness[item.id] else self.t("values.no")
                    out.append(self.labelled(item.label, answer))
        return out

    def answers(self, q: Question) -> list[Flowable]:
        assert self.wb is not None
        by_id = {a.id: a for a in self.wb.appointments}
        label = self.t("questions.answer_for")
        return [self.labelled(label.format(appointment=self.appt_label(by_id.get(a.appointment_id or ""))),
                              a.text) for a in q.answers if a.text.strip()]

    def section_summary(self, sid: SectionId, show_private: bool, keep: Callable[[Question], bool]) -> list[Flowable]:
        assert self.wb is not None
        section = self.wb.section(sid)
        content = self.lib.sections[sid]
        status = self.lib.choice_label(self.lib.interface.statuses, section.status)
        out: list[Flowable] = [self.p(content.title, "h1"),
                               self.p(self.t("pdf.status").format(status=status), "small")]
        questions = [q for q in section.questions if keep(q)]
        for topic, qs in self.grouped(questions, sid):
            out.append(self.p(topic, "h2"))
            for q in qs:
                out += self.question_item(q.text, q.starred, q.own, lines=False)
                if show_private:
                    out += self.answers(q)
        if show_private and section.notes.strip():
            out += [self.p(self.t("pdf.notes_heading"), "h2"), *self.lines(section.notes)]
        return out

    def sources(self) -> list[Flowable]:
        seen: dict[str, str] = {}
        for sid in SECTION_IDS:
            for s in self.lib.sections[sid].sources:
                seen.setdefault(s.url, f"{s.org}. {s.title}. {s.url}")
        return [self.p(self.t("pdf.sources_heading"), "h1")] + [self.p(s, "small") for s in seen.values()]

    # --- documents -------------------------------------------------------------

    def questions_doc(self) -> list[Flowable]:
        assert self.wb is not None
        out = self.header(self.t("pdf.title_questions"))
        appt = self.wb.next_appointment()
        if appt:
            out += self.appointment_block(appt)
        out += [Spacer(1, 4), self.box([self.p(self.t("pdf.doctor_note"))], MUTED), Spacer(1, 6)]
        items = agenda(self.wb)
        top = [q for _, q in items if q.starred]
        if top:
            out.append(self.p(self.t("pdf.top_three"), "h1"))
            for q in top:
                out += self.question_item(q.text, True, q.own, lines=True)
        for sid in SECTION_IDS:
            rest = [q for q in self.wb.section(sid).questions if not q.starred]
            if not rest:
                continue
            out.append(self.p(self.lib.sections[sid].title, "h1"))
            for topic, qs in self.grouped(rest, sid):
                out.append(self.p(topic, "h2"))
                for q in qs:
                    out += self.question_item(q.text, False, q.own, lines=True)
        if not items:
            out.append(self.p(self.t("pdf.none_chosen")))
        out += [Spacer(1, 10), self.urgent_box()]
        return out

    def summary_doc(self) -> list[Flowable]:
        assert self.wb is not None
        out = self.header(self.t("pdf.title_summary")) + [self.urgent_box()]
        out += self.about_me()
        appts = sorted(self.wb.appointments, key=lambda a: a.id != self.wb.next_appointment_id)  # type: ignore[union-attr]
        for appt in appts:
            out += self.appointment_block(appt)
        out += self.values()
        for sid in SECTION_IDS:
            out += self.section_summary(sid, self.opts.include_notes, keep=lambda q: True)
        return out + self.sources()

    def caregiver_doc(self) -> list[Flowable]:
        assert self.wb is not None
        share = self.wb.sharing
        out = self.header(self.t("pdf.title_caregiver"))
        out += [self.p(self.t("pdf.caregiver_intro")), self.urgent_box()]
        if share.get("basics"):
            out += self.about_me()
        appt = self.wb.next_appointment()
        if share.get("appointment") and appt:
            out += self.appointment_block(appt)
        if share.get("values"):
            out += self.values()
        if share.get("questions") or share.get("notes"):
            if not share.get("questions"):
                keep: Callable[[Question], bool] = lambda q: False
            elif share.get("future"):
                keep = lambda q: True
            else:
                keep = lambda q: not self.is_future(q)
            for sid in SECTION_IDS:
                section = self.wb.section(sid)
                shared_notes = bool(share.get("notes")) and bool(section.notes.strip())
                if shared_notes or any(keep(q) for q in section.questions):
                    out += self.section_summary(sid, bool(share.get("notes")), keep)
        if not any(share.get(k) for k in ("basics", "appointment", "values", "questions", "notes")):
            out.append(self.p(self.t("pdf.nothing_shared")))
        return out

    def blank_doc(self) -> list[Flowable]:
        out = [self.p(self.t("pdf.title_blank"), "title"),
               self.p(self.t("pdf.for_name").format(name="_" * 30)),
               self.p(self.t("pdf.appointment").format(date="_" * 20)),
               self.box([self.p(self.t("pdf.doctor_note_blank"))], MUTED), Spacer(1, 6)]
        sids = [self.opts.modality] if self.opts.modality else list(SECTION_IDS)
        for sid in sids:
            out.append(self.p(self.lib.sections[sid].title, "h1"))
            for topic, qs in self.lib.questions_by_topic(sid, include_future=False):
                out.append(self.p(topic.title, "h2"))
                for q in qs:
                    out += self.question_item(q.text, False, False, lines=True)
        return out + [Spacer(1, 10), self.urgent_box()]


def _numbered_canvas(draw_footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds pages back until the end, so each can say 'Page X of Y'."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self._pages: list[dict[str, object]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                draw_footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def _footer(lib: Library, st: Styles, title: str, made_on: str, page_width: float) -> Callable[[Canvas, int, int], None]:
    disclaimer = Paragraph(para_text(lib.interface.disclaimer), st.footer)
    size = st.footer.fontSize

    def draw(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(BODY, size)
        canvas.setFillColor(MUTED)
        y = MARGIN * 0.55 + size * 2.6
        canvas.drawString(MARGIN, y, f"{title} \u00b7 {made_on}")
        canvas.drawRightString(page_width - MARGIN, y, lib.t("pdf.page").format(page=page, pages=pages))
        w, h = disclaimer.wrap(page_width - 2 * MARGIN, 100)
        disclaimer.drawOn(canvas, MARGIN, y - h - 2)
        canvas.restoreState()

    return draw


_TITLES = {"questions": "pdf.title_questions", "summary": "pdf.title_summary",
           "caregiver": "pdf.title_caregiver", "blank": "pdf.title_blank"}


def build_pdf(workbook: Workbook | None, library: Library, options: Options) -> bytes:
    """The PDF for one document. A blank list needs no workbook; the rest do."""
    register()
    if workbook is None and options.document != "blank":
        raise ValueError("this document needs a workbook")
    b = _Builder(workbook, library, options)
    story = {"questions": b.questions_doc, "summary": b.summary_doc,
             "caregiver": b.caregiver_doc, "blank": b.blank_doc}[options.document]()
    title = library.t(_TITLES[options.document])
    page = PAGE_SIZES[options.paper]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=page, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + b.st.footer.fontSize * 6 + 4 * mm,
        title=title, author=library.t("app.name"), creator=library.t("app.name"),
        subject=library.t("pdf.subject"), lang="en", invariant=1)
    footer = _footer(library, b.st, title, long_date(options.made_on), page[0])
    doc.build(story, canvasmaker=_numbered_canvas(footer))
    return out.getvalue()

