"""Blocks from the person's records: the diary, the medicines, the care team.

Pure, like pdf/documents.py: (workbook, content, options) -> blocks. "Today" is
the document's date (Options.made_on), never the clock, so the same input gives
the same PDF.

"Since my last visit" (the visit sheet): the last visit is the latest appointment
day before the document's date (or, with none, four weeks back). A symptom is in
it when its rating in the latest check-in is higher than in the last check-in on
or before that visit (a check-in on the visit day recalls the week the care team
heard about), or when the latest rating is severe by content's urgent rule
(content/diary.toml, [urgent].at). Only check-ins after the visit count as news.

The diary in the summaries: the last DIARY_WEEKS weeks up to the latest check-in,
each week's highest rating per symptom (several check-ins a week are allowed), as
a chart and as a table of exactly the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date

from content.library import Library
from pdf.blocks import Block, Field, Heading, Para, Series, Table, Trend
from workbook import diary
from workbook.labels import LOCALE
from workbook.model import MEDICINE_KINDS, CheckIn, Medicine, SymptomId, Workbook

DIARY_WEEKS = 26  # about six months in the summary; every check-in stays in the workbook file
SINCE_SYMPTOMS = 4  # symptoms drawn on the visit sheet; the rest are named in one line
WEEKS_PER_TABLE = {False: 8, True: 5}  # columns of weeks that fit the page (normal, large print)
INTERFERENCE = "__interference__"


def short_date(day: dt.date) -> str:
    """'20 Oct 2026' (en_GB): short enough for a line of the visit sheet or a table cell."""
    return format_date(day, "medium", locale=LOCALE)


def _day_month(day: dt.date) -> str:
    return format_date(day, "d MMM", locale=LOCALE)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class SinceVisit:
    """What the visit sheet shows about the time since the last visit."""

    start: dt.date  # the last visit (or four weeks back)
    baseline: CheckIn | None  # the check-in the latest is compared with
    latest: CheckIn | None  # the latest check-in after the visit
    symptoms: list[SymptomId]  # severe first, then by how much worse
    medicine_changes: list[tuple[dt.date, str, Medicine]]  # (day, "started"/"stopped", medicine)


def since_visit(wb: Workbook, today: dt.date, severe_at: int) -> SinceVisit:
    start = diary.last_visit_day(wb, today) or today - diary.WINDOW
    checkins = diary.ordered(wb.checkins)
    after = [c for c in checkins if c.day > start]
    latest = after[-1] if after else None
    before = [c for c in checkins if c.day <= start]
    baseline = before[-1] if before else (after[0] if len(after) > 1 else None)
    symptoms: list[SymptomId] = []
    if latest is not None:
        was = baseline.ratings if baseline is not None else {}

        def rank(sid: SymptomId) -> tuple[int, int]:
            now = latest.ratings[sid]
            return (-int(now >= severe_at) * now, -(now - was.get(sid, now)))

        symptoms = sorted(
            (
                sid
                for sid, now in latest.ratings.items()
                if now >= severe_at or (sid in was and now > was[sid])
            ),
            key=rank,
        )
    changes: list[tuple[dt.date, str, Medicine]] = []
    for m in wb.medicines:
        if m.started is not None and m.started > start:
            changes.append((m.started, "started", m))
        if m.stopped is not None and m.stopped > start:
            changes.append((m.stopped, "stopped", m))
    changes.sort(key=lambda c: (c[0], c[1] == "started"))
    return SinceVisit(start, baseline, latest, symptoms, changes)


class Records:
    """The record parts of the documents; each method returns blocks."""

    def __init__(self, wb: Workbook, lib: Library, today: dt.date, large_print: bool) -> None:
        self.wb, self.lib, self.today, self.large = wb, lib, today, large_print
        self.t = lib.t
        self.words = lib.diary

    # --- words ------------------------------------------------------------

    def rating(self, value: int) -> str:
        return f"{value} {self.words.scale_word(value)}"

    def label(self, sid: str) -> str:
        return self.t("pdf.diary_interference") if sid == INTERFERENCE else self.words.label(sid)

    def medicine_name(self, m: Medicine) -> str:
        return m.name.strip() or self.t("medicines.unnamed")

    # --- since my last visit (the visit sheet) ------------------------------------

    def since(self, want: str) -> list[Block]:
        """The "Since my last visit" blocks; none when there is nothing to show."""
        s = since_visit(self.wb, self.today, self.words.urgent.at)
        out: list[Block] = []
        if s.latest is not None and s.symptoms:
            out += self.since_chart(s)
        if s.medicine_changes:
            # One phrase per day and change: "Started A, B on 20 Oct 2026".
            grouped: dict[tuple[dt.date, str], list[str]] = {}
            for day, what, m in s.medicine_changes:
                grouped.setdefault((day, what), []).append(self.medicine_name(m))
            changes = [
                self.t(f"pdf.medicine_{what}").format(name=", ".join(names), date=short_date(day))
                for (day, what), names in grouped.items()
            ]
            out.append(Field(self.t("pdf.since_medicine_changes"), "; ".join(changes)))
        if want.strip():
            out.append(Field(self.t("pdf.want_label"), want))
        if not out:
            return []
        return [Heading(self.t("pdf.since_heading"), 3), *out]

    def since_chart(self, s: SinceVisit) -> list[Block]:
        assert s.latest is not None
        first = s.baseline.day if s.baseline is not None else s.latest.day
        window = [c for c in diary.ordered(self.wb.checkins) if first <= c.day <= s.latest.day]
        was = s.baseline.ratings if s.baseline is not None else {}
        shown = s.symptoms[:SINCE_SYMPTOMS]
        series = []
        for sid in shown:
            now = s.latest.ratings[sid]
            note = (
                self.t("pdf.since_now_was").format(now=self.rating(now), before=self.rating(was[sid]))
                if sid in was
                else self.t("pdf.since_now").format(now=self.rating(now))
            )
            points = tuple((c.day, c.ratings[sid]) for c in window if sid in c.ratings)
            series.append(Series(self.words.label(sid), points, note))
        period = self.t("pdf.since_period").format(start=short_date(first), end=short_date(s.latest.day))
        caption = f"{period}. {self.t('pdf.since_chart_caption')}"
        trend = Trend(
            caption, first, s.latest.day, tuple(series), severe_at=self.words.urgent.at, size="small"
        )
        rest = s.symptoms[SINCE_SYMPTOMS:]
        if not rest:
            return [trend]
        also = ", ".join(self.words.label(sid) for sid in rest)
        return [trend, Field(self.t("pdf.since_also"), also)]

    # --- the diary (summaries) ---------------------------------------------------

    def weekly(self) -> tuple[list[dt.date], dict[str, dict[dt.date, int]], int]:
        """The weeks shown, each symptom's highest rating per week, and how many weeks there are in all."""
        checkins = diary.ordered(self.wb.checkins)
        first, last = _monday(checkins[0].day), _monday(checkins[-1].day)
        total = (last - first).days // 7 + 1
        start = max(first, last - dt.timedelta(weeks=DIARY_WEEKS - 1))
        weeks = [start + dt.timedelta(weeks=n) for n in range((last - start).days // 7 + 1)]
        highest: dict[str, dict[dt.date, int]] = {}
        for c in checkins:
            week = _monday(c.day)
            if week < start:
                continue
            values = dict(c.ratings)
            if c.interference is not None:
                values[INTERFERENCE] = c.interference
            for sid, value in values.items():
                row = highest.setdefault(sid, {})
                row[week] = max(value, row.get(week, 0))
        return weeks, highest, total

    def diary(self) -> list[Block]:
        out: list[Block] = [Heading(self.t("pdf.diary_heading"), 2)]
        if not self.wb.checkins:
            return [*out, Para(self.t("pdf.diary_none"))]
        weeks, highest, total = self.weekly()
        order = [s.id for s in self.words.symptoms]
        ids = sorted(
            (sid for sid in highest if sid != INTERFERENCE),
            key=lambda sid: (order.index(sid) if sid in order else len(order), sid),
        )
        # A flat line of "none" tells nothing: chart the symptoms that were there at some point.
        charted = [sid for sid in ids if max(highest[sid].values()) > 0]
        if INTERFERENCE in highest:
            ids.append(INTERFERENCE)
            charted.append(INTERFERENCE)
        if total > len(weeks):
            out.append(Para(self.t("pdf.diary_more").format(shown=len(weeks), total=total), "small"))
        end = weeks[-1] + dt.timedelta(days=6)
        if charted:
            marks = tuple(
                (
                    day,
                    self.t("pdf.treatment_started").format(name=name.strip() or self.t("medicines.unnamed")),
                )
                for day, name in diary.treatment_starts(self.wb)
                if weeks[0] <= day <= end
            )
            series = tuple(Series(self.label(sid), tuple(sorted(highest[sid].items()))) for sid in charted)
            out.append(
                Trend(
                    self.t("pdf.diary_chart_caption"),
                    weeks[0],
                    weeks[-1],
                    series,
                    marks=marks,
                    ticks=self.ticks(weeks[0], weeks[-1]),
                    size="medium",
                    severe_at=self.words.urgent.at,
                    legend=self.t("pdf.diary_marks").format(
                        marks="; ".join(f"{text} {short_date(day)}" for day, text in marks)
                    )
                    if marks
                    else "",
                )
            )
        per = WEEKS_PER_TABLE[self.large]
        for n in range(0, len(weeks), per):
            chunk = weeks[n : n + per]
            caption = self.t("pdf.diary_weeks").format(start=short_date(chunk[0]), end=short_date(chunk[-1]))
            if n == 0:  # the first table says what the numbers are, and stays with them
                caption = f"{self.t('pdf.diary_table_caption')}\n{caption}"
            rows = tuple(
                (self.label(sid), *(str(highest[sid][w]) if w in highest[sid] else "-" for w in chunk))
                for sid in ids
            )
            header = (self.t("pdf.diary_week"), *(_day_month(w) for w in chunk))
            widths = (3.0, *([1.0] * per))  # the same columns in every table, the last one too
            out.append(Table(caption, header, rows, widths=widths, row_headers=True))
        return out

    def ticks(self, start: dt.date, end: dt.date) -> tuple[tuple[dt.date, str], ...]:
        """Up to 13 weeks: each week ("5 Oct", "12 Oct"); longer: the first of each month
        ("Oct 2026", "Nov", ... "Jan 2027"). The PDF leaves out labels that would touch."""
        if (end - start).days <= 13 * 7:
            weeks = (end - start).days // 7 + 1
            return tuple((d, _day_month(d)) for d in (start + dt.timedelta(weeks=n) for n in range(weeks)))
        out: list[tuple[dt.date, str]] = []
        month = dt.date(start.year, start.month, 1)
        while month <= end:
            if month >= start:
                fmt = "MMM y" if not out or month.month == 1 else "MMM"
                out.append((month, format_date(month, fmt, locale=LOCALE)))
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return tuple(out)

    # --- medicines and care team ------------------------------------------------------

    def medicine_tables(self, heading_level: int = 2) -> list[Block]:
        out: list[Block] = []
        if not self.wb.medicines:
            return [Para(self.t("pdf.medicines_none"))]
        header = tuple(
            self.t(f"pdf.col_{c}")
            for c in ("medicine", "dose", "how_often", "started", "stopped", "why", "prescribed_by")
        )
        for kind in MEDICINE_KINDS:
            meds = [m for m in self.wb.medicines if m.kind == kind]
            if not meds:
                continue
            # Taken now first, then stopped (a stop still to come counts as taken now).
            meds.sort(key=lambda m: m.stopped is not None and m.stopped < self.today)
            rows = tuple(
                (
                    self.medicine_name(m),
                    m.dose,
                    m.how_often,
                    short_date(m.started) if m.started else "",
                    short_date(m.stopped) if m.stopped else "",
                    m.why,
                    m.prescribed_by,
                )
                for m in meds
            )
            out.append(
                Table(
                    self.t(f"pdf.medicines_{kind}"),
                    header,
                    rows,
                    widths=(1.6, 0.9, 1.3, 0.95, 0.95, 1.4, 1.1),
                    row_headers=True,
                    records=True,
                )
            )
        return out

    def medicines(self) -> list[Block]:
        return [Heading(self.t("pdf.medicines_heading"), 2), *self.medicine_tables()]

    def team(self) -> list[Block]:
        out: list[Block] = [Heading(self.t("pdf.team_heading"), 2)]
        if not self.wb.care_team:
            return [*out, Para(self.t("pdf.team_none"))]
        mark = self.t("pdf.team_day_night_mark")
        rows = tuple(
            (
                m.name.strip() or self.t("team.unnamed"),
                self.t(f"options.role.{m.role}"),
                f"{m.phone}\n({mark})" if m.day_and_night and m.phone.strip() else m.phone,
                m.contact,
            )
            for m in self.wb.care_team
        )
        header = tuple(self.t(f"pdf.col_{c}") for c in ("name", "role", "phone", "contact"))
        return [*out, Table("", header, rows, (1.3, 1.0, 1.2, 1.5), row_headers=True)]
