"""Issue 11 in the documents: "Since my last visit" on the visit sheet, the diary (chart and
table), medicines and care team in the summaries, the medicine list, both renderers."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import get_args

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from pypdf import PdfReader

from pdf import Options, blocks as B, build_blocks, build_html, build_pdf
from pdf.records import DIARY_WEEKS, since_visit
from pdf.render_html import render_html
from pdf.render_pdf import render
from tests.nasty import NASTY
from tests.pdf_text import normalise, pdf_text, shows
from tests.unit.test_pdf_build import _body_sizes
from workbook import edits as E
from workbook.model import MAX_SHORT_TEXT, Workbook

DAY = date(2026, 11, 25)
DOCUMENTS = ["questions", "summary", "caregiver", "blank", "medicines"]


def build(wb, library, **kw) -> bytes:
    return build_pdf(wb, library, Options(made_on=DAY, **kw))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def two_years(wb: Workbook, end: date = DAY) -> Workbook:
    """Weekly check-ins for two years up to `end`, every symptom rated."""
    ids = ["tiredness", "pain", "nausea", "diarrhea", "appetite", "worry", "sleep", "joint-pain"]
    wb.checkins = []
    for n in range(104):
        E.add_checkin(
            wb,
            day=end - timedelta(weeks=103 - n),
            ratings={sid: (n + 3 * i) % 5 for i, sid in enumerate(ids)},
            interference=n % 5,
        )
    return wb


# --- Since my last visit ----------------------------------------------------------------


def test_since_my_last_visit_is_on_page_one_of_the_question_list(full_wb, library):
    for paper in ("letter", "a4"):
        first = page_texts(build(full_wb, library, document="questions", paper=paper))[0]
        assert shows(first, library.t("pdf.since_heading"))
        # Worse since the check-in of the last visit (14 October): diarrhea 0->2, tiredness 1->2, appetite 0->1.
        for sid in ("diarrhea", "tiredness", "appetite"):
            assert shows(first, library.diary.label(sid)), sid
        assert not shows(first, library.diary.label("worry"))  # 3 then, 1 now: better, not severe
        for name in ("Abemaciclib (Verzenio)", "Fulvestrant (Faslodex)", "Letrozole", "Loperamide"):
            assert shows(first, name), name
        assert not shows(first, "Denosumab")  # started 2024: no change since the visit
        assert shows(first, full_wb.next_appointment().want)
        assert "continued on page" not in " ".join(first.split())


def test_since_counts_worse_than_the_visit_and_severe_now(library):
    wb = Workbook()
    E.add_appointment(wb, date=date(2026, 11, 1))
    E.add_checkin(wb, day=date(2026, 10, 30), ratings={"pain": 1, "cough": 3, "sleep": 2, "worry": 4})
    E.add_checkin(wb, day=date(2026, 11, 10), ratings={"pain": 2, "cough": 3, "sleep": 1, "worry": 4})
    s = since_visit(wb, DAY, severe_at=library.diary.urgent.at)
    assert s.start == date(2026, 11, 1)
    assert s.baseline is not None
    assert s.baseline.day == date(2026, 10, 30)
    assert s.symptoms == [
        "worry",
        "cough",
        "pain",
    ]  # severe first (worst first), then worse; sleep got better
    text = page_texts(build(wb, library, document="questions"))[0]
    assert shows(text, "4 Very severe now (was 4 Very severe)")
    assert shows(text, "2 Moderate now (was 1 Mild)")


def test_since_is_left_out_when_there_is_nothing_to_show(full_wb, library, empty_wb):
    assert library.t("pdf.since_heading") not in " ".join(
        pdf_text(build(empty_wb, library, document="questions")).split()
    )
    # Only check-ins before the last visit, no medicine changed since, nothing wanted: no block.
    wb = Workbook()
    E.add_appointment(wb, date=date(2026, 11, 20))
    E.add_checkin(wb, day=date(2026, 11, 1), ratings={"pain": 4})
    E.add_medicine(wb, name="Old pill", started=date(2025, 1, 1))
    doc = build_blocks(wb, library, Options(made_on=DAY, document="questions"))
    assert not any(
        isinstance(b, B.Heading) and b.text == library.t("pdf.since_heading") for b in B.flat(doc.blocks)
    )


def test_many_symptoms_on_the_sheet_are_named_not_drawn(library):
    wb = Workbook()
    ids = [s.id for s in library.diary.symptoms][:9]
    E.add_checkin(wb, day=date(2026, 11, 20), ratings=dict.fromkeys(ids, 4))
    doc = build_blocks(wb, library, Options(made_on=DAY, document="questions"))
    trend = next(b for b in B.flat(doc.blocks) if isinstance(b, B.Trend))
    also = next(
        b for b in B.flat(doc.blocks) if isinstance(b, B.Field) and b.label == library.t("pdf.since_also")
    )
    assert len(trend.series) == 4
    assert all(library.diary.label(sid) in also.value for sid in ids[4:])
    first = page_texts(build(wb, library, document="questions"))[0]
    assert all(shows(first, library.diary.label(sid)) for sid in ids)


# --- the summaries ---------------------------------------------------------------------


def test_summary_has_the_diary_chart_table_medicines_and_team(full_wb, library):
    text = pdf_text(build(full_wb, library, document="summary"))
    for key in (
        "diary_heading",
        "diary_chart_caption",
        "diary_table_caption",
        "medicines_heading",
        "team_heading",
    ):
        assert shows(text, library.t(f"pdf.{key}")), key
    for m in full_wb.medicines:
        for value in (m.name, m.dose, m.how_often, m.why, m.prescribed_by):
            assert shows(text, value), value
    for member in full_wb.care_team:
        assert shows(text, member.name)
        assert shows(text, member.phone)
    assert shows(text, full_wb.appointments[0].what_changed)


def test_the_diary_table_has_the_numbers_the_chart_draws(full_wb, library):
    doc = build_blocks(full_wb, library, Options(made_on=DAY, document="summary"))
    blocks = B.flat(doc.blocks)
    trend = next(b for b in blocks if isinstance(b, B.Trend))
    tables = [
        b
        for b in blocks
        if isinstance(b, B.Table) and b.row_headers and b.header[0] == library.t("pdf.diary_week")
    ]
    rows: dict[str, list[str]] = {}
    for t in tables:
        for row in t.rows:
            rows.setdefault(row[0], []).extend(row[1:])
    for series in trend.series:
        assert [int(v) for v in rows[series.label] if v != "-"] == [v for _, v in series.points], series.label
    # Week of 26 October: diarrhea 3 (the example's worst week).
    assert rows[library.diary.label("diarrhea")][3] == "3"


def test_two_years_of_check_ins_show_the_last_weeks_and_say_so(full_wb, library):
    wb = two_years(full_wb)
    doc = build_blocks(wb, library, Options(made_on=DAY, document="summary"))
    trend = next(b for b in B.flat(doc.blocks) if isinstance(b, B.Trend))
    assert (trend.end - trend.start).days == 7 * (DIARY_WEEKS - 1)
    text = pdf_text(build(wb, library, document="summary"))
    assert shows(text, library.t("pdf.diary_more").format(shown=DIARY_WEEKS, total=104))


SHARED = {"diary": "diary_heading", "medicines": "medicines_heading", "team": "team_heading"}


@pytest.mark.parametrize("part", list(SHARED))
def test_the_caregiver_summary_shows_each_record_only_when_shared(full_wb, library, part):
    for other in SHARED:
        E.set_sharing(full_wb, other, other == part)
    text = normalise(pdf_text(build(full_wb, library, document="caregiver")))
    for other, key in SHARED.items():
        assert (normalise(library.t(f"pdf.{key}")) in text) == (other == part), other
    medicine = normalise(full_wb.medicines[0].why)
    member = normalise(full_wb.care_team[2].contact)  # the pharmacist's email: only in the team table
    assert (medicine in text) == (part == "medicines")
    assert (member in text) == (part == "team")


def test_a_caregiver_summary_with_only_records_shared_is_not_called_empty(full_wb, library):
    for part in list(full_wb.sharing):
        E.set_sharing(full_wb, part, part == "team")
    text = pdf_text(build(full_wb, library, document="caregiver"))
    assert not shows(text, library.t("pdf.nothing_shared"))


# --- the medicine list ---------------------------------------------------------------------


@pytest.mark.parametrize("large", [False, True])
def test_the_medicine_list_has_every_medicine_the_name_and_the_number(full_wb, library, large):
    data = build(full_wb, library, document="medicines", large_print=large)
    text = pdf_text(data)
    assert shows(text, full_wb.profile.name)
    assert shows(text, "555-0100 (after hours, press 2)")
    for m in full_wb.medicines:
        for value in (m.name, m.dose, m.how_often, m.why, m.prescribed_by):
            assert shows(text, value), value
    for kind in ("cancer", "other", "supplement"):
        assert shows(text, library.t(f"pdf.medicines_{kind}"))
    assert shows(text, "19 Oct 2026")  # letrozole stopped
    assert PdfReader(io.BytesIO(data)).metadata.title == library.t("pdf.title_medicines")


def test_the_medicine_list_puts_medicines_taken_now_before_stopped_ones(full_wb, library):
    text = normalise(pdf_text(build(full_wb, library, document="medicines")))
    assert (
        text.index(normalise("Fulvestrant"))
        < text.index(normalise("Letrozole"))
        < text.index(normalise("Palbociclib"))
    )


@pytest.mark.parametrize("document", ["summary", "medicines", "questions"])
def test_large_print_charts_and_tables_are_at_least_14_points(full_wb, library, document):
    sizes = _body_sizes(build(two_years(full_wb), library, document=document, large_print=True))
    footer = min(sizes)
    assert footer < 14
    assert all(size >= 14 for size in sizes - {footer}), sorted(sizes)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_an_empty_workbook_builds_every_document_in_both_renderers(empty_wb, library, document):
    wb = None if document == "blank" else empty_wb
    for large in (False, True):
        assert build(wb, library, document=document, large_print=large).startswith(b"%PDF")
        assert build_html(wb, library, Options(made_on=DAY, document=document)).startswith(b"<!DOCTYPE html>")
    if document == "medicines":
        assert shows(pdf_text(build(wb, library, document=document)), library.t("pdf.medicines_none"))


# --- both renderers know every block -------------------------------------------------------


def every_block() -> list[B.Block]:
    day = date(2026, 10, 1)
    series = B.Series("Pain", ((day, 1), (day + timedelta(weeks=1), 4)), "4 Very severe now")
    trend = B.Trend(
        "c",
        day,
        day + timedelta(weeks=1),
        (series,),
        marks=((day, "m"),),
        ticks=((day, "1 Oct"),),
        legend="l",
        severe_at=3,
    )
    return [
        B.Heading("h", 2),
        B.Para("p"),
        B.Field("f", "v"),
        B.Question("q", lines=1),
        B.Box("b", items=("i",)),
        B.Table("t", ("a", "b"), (("1", "2"),), row_headers=True),
        B.Table("r", tuple("abcdefg"), (tuple("1234567"),), records=True),
        B.Chart("c", (("x", 1, "one"),), 3),
        trend,
        B.Trend("s", day, day, (B.Series("One", ((day, 2),)),)),
        B.Notes("n", 2),
        B.Sheet((B.Heading("s", 1), trend)),
    ]


def test_both_renderers_know_every_block_kind(library):
    blocks = every_block()
    kinds = {type(b) for b in blocks}
    assert kinds == set(get_args(B.Block))
    doc = B.Document("T", "S", "A", "en", tuple(blocks))
    for large in (False, True):
        data, placed = render(doc, "letter", large)
        assert data.startswith(b"%PDF")
        assert placed
        page = render_html(doc, large_print=large)
        assert page.count("<svg") == 3
        assert '<th scope="row" dir="auto">Pain</th>' in page


def test_the_html_summary_has_the_chart_hidden_and_the_numbers_in_tables(full_wb, library):
    page = build_html(full_wb, library, Options(made_on=DAY, document="summary")).decode()
    assert '<svg viewBox="0 0 240 40" aria-hidden="true"' in page
    assert f'<th scope="row" dir="auto">{library.diary.label("tiredness")}</th>' in page
    for m in full_wb.medicines:
        assert m.prescribed_by.replace("'", "&#x27;") in page


# --- hostile text ----------------------------------------------------------------------------


def hostile_records(text: str) -> Workbook:
    wb = Workbook()
    short = text[:MAX_SHORT_TEXT]
    appt = E.add_appointment(wb, date=date(2026, 11, 1), want=text)
    E.set_next_appointment(wb, appt.id)
    E.add_checkin(wb, day=date(2026, 11, 20), ratings={"pain": 4, short[:60] or "x": 3})
    E.add_medicine(
        wb,
        name=short,
        dose=short,
        how_often=short,
        why=short,
        prescribed_by=short,
        kind="cancer",
        started=date(2026, 11, 5),
    )
    E.add_team_member(wb, name=short, phone=short, contact=short, day_and_night=True)
    E.update_profile(wb, name=short)
    return wb


@pytest.mark.parametrize("text", [t for t in NASTY if t.strip()] + ["x " * 5000])
def test_hostile_text_in_the_records_prints_literally(library, text):
    wb = hostile_records(text)
    for document in ("questions", "summary", "medicines"):
        printed = pdf_text(build(wb, library, document=document))
        assert shows(printed, text[:MAX_SHORT_TEXT]), document
        page = build_html(wb, library, Options(made_on=DAY, document=document)).decode()
        assert "<b>bold?</b>" not in page
        assert "<script>" not in page
        assert "<img src=x" not in page


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.text(max_size=80),
    dose=st.text(max_size=80),
    why=st.text(max_size=80),
    who=st.text(max_size=80),
    want=st.text(max_size=200),
)
def test_any_unicode_in_the_records_never_crashes_and_comes_back(library, name, dose, why, who, want):
    wb = Workbook()
    appt = E.add_appointment(wb, date=date(2026, 11, 1), want=want)
    E.set_next_appointment(wb, appt.id)
    E.add_medicine(wb, name=name, dose=dose, why=why, started=date(2026, 11, 2))
    E.add_team_member(wb, name=who, phone=dose)
    medicines = pdf_text(build(wb, library, document="medicines", large_print=True))
    summary = pdf_text(build(wb, library, document="summary"))
    questions = pdf_text(build(wb, library, document="questions"))
    for field in (name, dose, why):
        assert shows(medicines, field), repr(field)
        assert shows(summary, field), repr(field)
    assert shows(summary, who)
    assert shows(questions, want)
