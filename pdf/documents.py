"""Pure builders: (workbook, content, options) -> Document of blocks.

No paper, fonts or markup here: the renderers decide how blocks look.
Questions follow `edits.agenda(wb)`, the person's own order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from content.library import Library
from pdf.blocks import Block, Box, Chart, Document, Field, Heading, Notes, Para, Question, Sheet
from pdf.records import Records
from workbook import team
from workbook.edits import agenda
from workbook.labels import long_date
from workbook.model import SECTION_IDS, Appointment, Question as WbQuestion, SectionId, ShareId, Workbook

DocumentId = Literal["questions", "summary", "caregiver", "blank", "medicines"]
TITLES = {
    "questions": "pdf.title_questions",
    "summary": "pdf.title_summary",
    "caregiver": "pdf.title_caregiver",
    "blank": "pdf.title_blank",
    "medicines": "pdf.title_medicines",
}
IMPORTANCE_SCALE = {"very": 3, "somewhat": 2, "not_much": 1, "not_sure": 0}
TOP_THINGS = 3


@dataclass(frozen=True)
class Options:
    made_on: date
    document: DocumentId = "summary"
    paper: Literal["letter", "a4"] = "letter"
    large_print: bool = False
    include_notes: bool = True
    modality: SectionId | None = None  # blank lists: one section, or all when None
    group_by_treatment: bool = False  # question list: by page instead of the person's order
    answer_lines: bool = False  # blank list: ruled lines under every question


class _Parts:
    """The pieces every document is made of; each method returns blocks."""

    def __init__(self, wb: Workbook | None, lib: Library, opts: Options) -> None:
        self.wb, self.lib, self.opts, self.t = wb, lib, opts, lib.t
        self.records = Records(wb, lib, opts.made_on, opts.large_print) if wb is not None else None

    @property
    def rec(self) -> Records:
        assert self.records is not None
        return self.records

    def option(self, group: str, value: str | None) -> str:
        return self.t(f"options.{group}.{value}") if value else self.t("pdf.field_unknown")

    def when(self, appt: Appointment | None) -> str:
        return long_date(appt.date) if appt and appt.date else self.t("about.appt_undated")

    def visit(self, appt: Appointment | None) -> str:
        """'2 December 2026, Dr. Okafor': date and clinician side by side, never nested brackets."""
        if appt is None:
            return self.t("about.appt_undated")
        return ", ".join(filter(None, [self.when(appt), appt.clinician.strip()]))

    def tag(self, sid: SectionId) -> str:
        return self.lib.sections[sid].short_title

    # --- small parts -----------------------------------------------------

    def header(self, title: str) -> list[Block]:
        out: list[Block] = [Heading(title, 1)]
        if self.wb and self.wb.profile.name.strip():
            out.append(Para(self.t("pdf.for_name").format(name=self.wb.profile.name.strip())))
        out.append(Para(self.t("pdf.made_on").format(date=long_date(self.opts.made_on)), "small"))
        return out

    def urgent(self) -> Box:
        phone = team.day_night_phone(self.wb) if self.wb else ""
        strong = self.t("pdf.urgent_phone").format(phone=phone) if phone else ""
        return Box(
            self.t("pdf.urgent_heading"),
            items=tuple(self.lib.interface.urgent_general),
            lines=() if phone else (self.t("pdf.urgent_no_phone"),),
            strong=strong,
            kind="urgent",
        )

    def appointment(self, appt: Appointment) -> list[Block]:
        out: list[Block] = [Heading(self.t("pdf.appointment").format(date=self.when(appt)), 2)]
        if appt.clinician.strip():
            out.append(Field(self.t("pdf.label_with"), appt.clinician))
        for key, value in (("purpose", appt.purpose), ("companions", appt.companions), ("bring", appt.bring)):
            if value.strip():
                out.append(Field(self.t(f"pdf.label_{key}"), value))
        for key, value in (("want_label", appt.want), ("what_changed_label", appt.what_changed)):
            if value.strip():
                out.append(Field(self.t(f"pdf.{key}"), value))
        return out

    def subtype(self) -> str:
        assert self.wb is not None
        pr = self.wb.profile
        return self.t("pdf.subtype_value").format(
            hr=self.option("hr", pr.hormone_receptor), her2=self.option("her2", pr.her2)
        )

    def biomarkers(self) -> str:
        assert self.wb is not None
        pr = self.wb.profile
        markers = [
            f"{self.t(f'options.biomarker.{m}')}: {self.t(f'options.test.{r}')}"
            for m, r in pr.biomarkers.items()
        ]
        if pr.biomarker_other.strip():
            markers.append(pr.biomarker_other.strip())
        return "; ".join(markers) or self.t("pdf.field_unknown")

    def sites(self) -> str:
        assert self.wb is not None
        pr = self.wb.profile
        names = [self.t(f"options.site.{s}") for s in pr.sites if s != "other"]
        if pr.sites_other.strip():
            names.append(pr.sites_other.strip())
        return ", ".join(names) or self.t("pdf.field_unknown")

    def about_me(self) -> list[Block]:
        assert self.wb is not None
        pr = self.wb.profile
        out: list[Block] = [
            Heading(self.t("pdf.about_heading"), 2),
            Field(self.t("pdf.field_hr"), self.option("hr", pr.hormone_receptor)),
            Field(self.t("pdf.field_her2"), self.option("her2", pr.her2)),
            Field(self.t("pdf.field_menopause"), self.option("menopause", pr.menopause)),
            Field(self.t("pdf.field_biomarkers"), self.biomarkers()),
            Field(self.t("pdf.field_sites"), self.sites()),
        ]
        if pr.treatments_so_far.strip():
            out.append(Field(self.t("pdf.field_treatments"), pr.treatments_so_far))
        return out

    def what_matters(self) -> list[str]:
        """The things marked 'very important', in the content's order, at most three."""
        assert self.wb is not None
        very = [c.label for c in self.lib.interface.values if self.wb.values.importance.get(c.id) == "very"]
        return very[:TOP_THINGS]

    def values(self) -> list[Block]:
        assert self.wb is not None
        v, iface = self.wb.values, self.lib.interface
        out: list[Block] = [Heading(self.t("pdf.values_heading"), 2)]
        bars = tuple(
            (
                c.label,
                IMPORTANCE_SCALE[v.importance[c.id]],
                self.lib.choice_label(iface.importance, v.importance[c.id]),
            )
            for c in iface.values
            if c.id in v.importance
        )
        if bars:
            out.append(Chart(self.t("pdf.importance_caption"), bars, top=3))
        if v.side_effects_to_avoid.strip():
            out.append(Field(self.t("pdf.sides"), v.side_effects_to_avoid))
        if v.in_my_words.strip():
            out.append(Field(self.t("pdf.in_my_words"), v.in_my_words))
        if v.readiness:
            out.append(Heading(self.t("pdf.readiness_heading"), 3))
            yes, no = self.t("values.yes"), self.t("values.no")
            out += [
                Field(item.label, yes if v.readiness[item.id] else no)
                for item in iface.readiness
                if item.id in v.readiness
            ]
        return out

    def answers(self, q: WbQuestion) -> tuple[Field, ...]:
        assert self.wb is not None
        by_id = {a.id: a for a in self.wb.appointments}
        label = self.t("questions.answer_for")
        return tuple(
            Field(label.format(appointment=self.visit(by_id.get(a.appointment_id or ""))), a.text)
            for a in q.answers
            if a.text.strip()
        )

    def own(self, q: WbQuestion) -> str:
        return self.t("pdf.own") if q.own else ""

    def is_future(self, q: WbQuestion) -> bool:
        found = None if q.own else self.lib.question(q.id)
        return bool(found and found.future)

    def section(self, sid: SectionId, private: bool, keep: Callable[[WbQuestion], bool]) -> list[Block]:
        """One treatment page: status, its questions in the person's order, answers, notes."""
        assert self.wb is not None
        section = self.wb.section(sid)
        status = self.lib.choice_label(self.lib.interface.statuses, section.status)
        out: list[Block] = [
            Heading(self.lib.sections[sid].title, 2),
            Para(self.t("pdf.status").format(status=status), "small"),
        ]
        for s, q in agenda(self.wb):
            if s == sid and keep(q):
                out.append(
                    Question(
                        q.text, q.starred, self.own(q), answers=self.answers(q) if private else (), qid=q.id
                    )
                )
        if private and section.notes.strip():
            out += [Heading(self.t("pdf.notes_heading"), 3), Para(section.notes)]
        return out

    def sources(self) -> list[Block]:
        seen: dict[str, str] = {}
        for sid in SECTION_IDS:
            for s in self.lib.sections[sid].sources:
                seen.setdefault(s.url, f"{s.org}. {s.title}. {s.url}")
        return [Heading(self.t("pdf.sources_heading"), 2), *(Para(s, "small") for s in seen.values())]

    # --- the visit sheet ---------------------------------------------------

    def visit_sheet(self, top: list[tuple[SectionId, WbQuestion]], lines: int) -> Sheet:
        assert self.wb is not None
        wb = self.wb
        out: list[Block] = [Heading(self.t("pdf.title_questions"), 1)]
        if wb.profile.name.strip():
            out.append(Field(self.t("pdf.label_name"), wb.profile.name))
        appt = wb.next_appointment()
        if appt:
            out.append(Field(self.t("pdf.label_date"), self.when(appt)))
            for key, value in (
                ("with", appt.clinician),
                ("purpose", appt.purpose),
                ("companions", appt.companions),
                ("bring", appt.bring),
            ):
                if value.strip():
                    out.append(Field(self.t(f"pdf.label_{key}"), value))
        out += [
            Field(self.t("pdf.label_subtype"), self.subtype()),
            Field(self.t("pdf.field_biomarkers"), self.biomarkers()),
            Field(self.t("pdf.field_sites"), self.sites()),
        ]
        if wb.profile.treatments_so_far.strip():
            out.append(Field(self.t("pdf.field_treatments"), wb.profile.treatments_so_far))
        matters = self.what_matters()
        if matters or wb.values.in_my_words.strip():
            out.append(
                Box(
                    self.t("pdf.matters_heading"),
                    items=tuple(matters),
                    lines=tuple(filter(None, [wb.values.in_my_words.strip()])),
                )
            )
        if top:
            out.append(Heading(self.t("pdf.top_three"), 2))
            out += [Question(q.text, True, self.own(q), self.tag(sid), lines, qid=q.id) for sid, q in top]
        # After the top three: in large print the sheet runs over, and they matter most.
        out += self.rec.since(appt.want if appt else "")
        out.append(Para(self.t("pdf.doctor_note"), "small"))
        return Sheet(tuple(out), self.t("pdf.continued_heading"), self.t("pdf.continued_note"))


class Builders(_Parts):
    """The documents, each a list of blocks."""

    def questions_doc(self) -> list[Block]:
        assert self.wb is not None
        lines = 4 if self.opts.large_print else 3
        rest_lines = 2
        items = agenda(self.wb)
        top = [item for item in items if item[1].starred]
        rest = [item for item in items if not item[1].starred]
        out: list[Block] = [self.visit_sheet(top, lines)]
        if rest:
            out.append(Heading(self.t("pdf.rest_heading"), 2))
        if self.opts.group_by_treatment:
            for sid in SECTION_IDS:
                qs = [q for s, q in rest if s == sid]
                if qs:
                    out.append(Heading(self.lib.sections[sid].title, 3))
                    out += [Question(q.text, False, self.own(q), lines=rest_lines, qid=q.id) for q in qs]
        else:
            out += [
                Question(q.text, False, self.own(q), self.tag(sid), rest_lines, qid=q.id) for sid, q in rest
            ]
        if not items:
            out.append(Para(self.t("pdf.none_chosen")))
        out.append(self.urgent())
        return out

    def summary_doc(self) -> list[Block]:
        assert self.wb is not None
        wb = self.wb
        out = [*self.header(self.t("pdf.title_summary")), self.urgent()]
        out += self.about_me()
        for appt in sorted(wb.appointments, key=lambda a: a.id != wb.next_appointment_id):
            out += self.appointment(appt)
        out += self.values()
        out += self.rec.diary() + self.rec.medicines() + self.rec.team()
        for sid in SECTION_IDS:
            out += self.section(sid, self.opts.include_notes, keep=lambda q: True)
        return out + self.sources()

    def caregiver_doc(self) -> list[Block]:
        assert self.wb is not None
        share = self.wb.sharing
        out = self.header(self.t("pdf.title_caregiver"))
        out += [Para(self.t("pdf.caregiver_intro")), self.urgent()]
        if share.get("basics"):
            out += self.about_me()
        appt = self.wb.next_appointment()
        if share.get("appointment") and appt:
            out += self.appointment(appt)
        if share.get("values"):
            out += self.values()
        if share.get("diary"):
            out += self.rec.diary()
        if share.get("medicines"):
            out += self.rec.medicines()
        if share.get("team"):
            out += self.rec.team()
        if share.get("questions") or share.get("notes"):
            keep: Callable[[WbQuestion], bool]
            if not share.get("questions"):
                keep = lambda q: False  # noqa: E731
            elif share.get("future"):
                keep = lambda q: True  # noqa: E731
            else:
                keep = lambda q: not self.is_future(q)  # noqa: E731
            for sid in SECTION_IDS:
                section = self.wb.section(sid)
                shared_notes = bool(share.get("notes")) and bool(section.notes.strip())
                if shared_notes or any(keep(q) for q in section.questions):
                    out += self.section(sid, bool(share.get("notes")), keep)
        shown: tuple[ShareId, ...] = (
            "basics",
            "appointment",
            "values",
            "questions",
            "notes",
            "diary",
            "medicines",
            "team",
        )
        if not any(share.get(k) for k in shown):
            out.append(Para(self.t("pdf.nothing_shared")))
        return out

    def blank_doc(self) -> list[Block]:
        """Compact: tick boxes, one shared notes area per treatment; answer lines on request."""
        lines = (3 if self.opts.large_print else 2) if self.opts.answer_lines else 0
        out: list[Block] = [
            Heading(self.t("pdf.title_blank"), 1),
            Field(self.t("pdf.label_name"), ""),
            Field(self.t("pdf.label_date"), ""),
            Para(self.t("pdf.doctor_note_blank"), "small"),
        ]
        sids = [self.opts.modality] if self.opts.modality else list(SECTION_IDS)
        for sid in sids:
            out.append(Heading(self.lib.sections[sid].title, 2))
            for topic, qs in self.lib.questions_by_topic(sid, include_future=False):
                out.append(Heading(topic.title, 3))
                out += [Question(q.text, lines=lines, qid=q.id) for q in qs]
            if not lines:
                out.append(Notes(self.t("pdf.notes_area"), 4 if len(sids) > 1 else 8))
        return [*out, self.urgent()]

    def medicines_doc(self) -> list[Block]:
        """For a pharmacist or an emergency room: who, the number to call, every medicine."""
        assert self.wb is not None
        out = self.header(self.t("pdf.title_medicines"))
        phone = team.day_night_phone(self.wb)
        out.append(Field(self.t("pdf.team_day_night_mark"), phone))
        out.append(Para(self.t("pdf.medicines_intro")))
        return out + self.rec.medicine_tables()


def build_document(workbook: Workbook | None, library: Library, options: Options) -> Document:
    """The blocks of one document. A blank list needs no workbook; the rest do."""
    if workbook is None and options.document != "blank":
        raise ValueError("this document needs a workbook")
    b = Builders(workbook, library, options)
    blocks = {
        "questions": b.questions_doc,
        "summary": b.summary_doc,
        "caregiver": b.caregiver_doc,
        "blank": b.blank_doc,
        "medicines": b.medicines_doc,
    }[options.document]()
    title = library.t(TITLES[options.document])
    return Document(
        title=title,
        subject=library.t("pdf.subject"),
        author=library.t("app.name"),
        lang="en",
        blocks=tuple(blocks),
        footer=f"{title} \u00b7 {long_date(options.made_on)}",
        notice=library.interface.disclaimer,
        page_label=library.t("pdf.page"),
    )
