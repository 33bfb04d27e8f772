import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER

from pdf import Options, build_pdf
from tests.nasty import NASTY
from tests.pdf_text import normalise, pdf_text, shows
from workbook import edits as E
from workbook.model import Workbook

DAY = date(2026, 11, 25)


def build(wb, library, **kw):
    return build_pdf(wb, library, Options(made_on=DAY, **kw))


def contains(haystack: str, needle: str) -> bool:
    return shows(haystack, needle)


@pytest.mark.parametrize("document", ["questions", "summary", "caregiver"])
def test_every_chosen_and_own_question_is_in_each_document(full_wb, library, document):
    full_wb.sharing["future"] = True
    text = pdf_text(build(full_wb, library, document=document))
    for _, q in E.iter_questions(full_wb):
        assert contains(text, q.text), q.text


def test_summary_has_notes_answers_profile_values_and_sources(full_wb, library):
    text = pdf_text(build(full_wb, library, document="summary"))
    for _, q in E.iter_questions(full_wb):
        for a in q.answers:
            assert contains(text, a.text)
    for section in full_wb.sections.values():
        assert contains(text, section.notes)
    for snippet in [
        full_wb.profile.name,
        full_wb.profile.treatments_so_far,
        full_wb.values.in_my_words,
        full_wb.profile.day_night_phone,
        "Sources",
        "cancer.gov",
    ]:
        assert contains(text, snippet), snippet


def test_summary_without_notes_leaves_notes_and_answers_out(full_wb, library):
    text = pdf_text(build(full_wb, library, document="summary", include_notes=False))
    assert not contains(text, full_wb.sections["hormone"].notes)
    assert not contains(text, "ESR1 change found")


def test_question_list_puts_the_top_three_first_with_the_appointment(full_wb, library):
    text = normalise(pdf_text(build(full_wb, library, document="questions")))
    starred = [normalise(q.text) for _, q in E.agenda(full_wb) if q.starred]
    first_plain = next(normalise(q.text) for _, q in E.agenda(full_wb) if not q.starred)
    assert all(text.index(s) < text.index(first_plain) for s in starred)
    assert normalise("2 December 2026") in text
    assert normalise("Dr. Okafor") in text
    assert normalise(library.t("pdf.doctor_note")) in text


def test_caregiver_summary_keeps_private_notes_and_future_out_by_default(full_wb, library):
    E.set_future_opt_in(full_wb, True)
    E.choose_question(
        full_wb, "general", "general.what-to-expect", library.question("general.what-to-expect").text
    )
    text = pdf_text(build(full_wb, library, document="caregiver"))
    assert not contains(text, full_wb.sections["hormone"].notes)
    assert not contains(text, library.question("general.what-to-expect").text)
    assert contains(text, library.t("pdf.caregiver_intro"))
    E.set_sharing(full_wb, "notes", True)
    E.set_sharing(full_wb, "future", True)
    text = pdf_text(build(full_wb, library, document="caregiver"))
    assert contains(text, full_wb.sections["hormone"].notes)
    assert contains(text, library.question("general.what-to-expect").text)


def test_caregiver_summary_with_nothing_shared_says_so(full_wb, library):
    for part in list(full_wb.sharing):
        E.set_sharing(full_wb, part, False)
    text = pdf_text(build(full_wb, library, document="caregiver"))
    assert contains(text, library.t("pdf.nothing_shared"))
    assert not contains(text, full_wb.profile.treatments_so_far)


@pytest.mark.parametrize("document", ["questions", "summary", "caregiver", "blank"])
def test_every_page_has_numbers_title_date_and_the_notice(full_wb, library, document):
    data = build(None if document == "blank" else full_wb, library, document=document)
    pages = PdfReader(io.BytesIO(data)).pages
    for n, page in enumerate(pages, 1):
        text = normalise(page.extract_text())
        assert normalise(f"Page {n} of {len(pages)}") in text
        assert normalise("25 November 2026") in text
        assert normalise(library.interface.disclaimer) in text


@pytest.mark.parametrize("document", ["questions", "summary", "caregiver", "blank"])
def test_every_document_carries_the_urgent_box(full_wb, library, document):
    text = pdf_text(build(None if document == "blank" else full_wb, library, document=document))
    assert contains(text, library.t("pdf.urgent_heading"))
    if document != "blank":
        assert contains(text, full_wb.profile.day_night_phone)


def test_metadata(full_wb, library):
    meta = PdfReader(io.BytesIO(build(full_wb, library, document="questions"))).metadata
    assert meta.title == library.t("pdf.title_questions")
    assert meta.subject == library.t("pdf.subject")
    assert full_wb.profile.name not in (meta.title + meta.subject + (meta.author or ""))
    raw = build(full_wb, library, document="questions")
    assert b"/Lang (en)" in raw


@pytest.mark.parametrize("paper, size", [("letter", LETTER), ("a4", A4)])
def test_page_sizes(full_wb, library, paper, size):
    box = PdfReader(io.BytesIO(build(full_wb, library, paper=paper))).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (round(size[0]), round(size[1]))


def _body_sizes(data: bytes) -> set[float]:
    sizes: set[float] = set()

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.add(round(size * tm[0], 1))

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_large_print_body_is_at_least_14_points(full_wb, library):
    large = _body_sizes(build(full_wb, library, large_print=True))
    normal = _body_sizes(build(full_wb, library))
    footer = min(large)
    assert footer < 14
    assert all(size >= 14 for size in large - {footer})
    assert max(normal) < max(large)


def test_same_input_gives_the_same_bytes(full_wb, library):
    assert build(full_wb, library, document="summary") == build(full_wb, library, document="summary")


def test_blank_list_of_one_modality_needs_no_workbook(library):
    text = pdf_text(build(None, library, document="blank", modality="radiation"))
    radiation = library.sections["radiation"]
    assert all(contains(text, q.text) for q in radiation.questions if not q.future)
    assert not contains(text, library.sections["hormone"].questions[0].text)


def test_blank_list_of_everything_leaves_future_questions_out(library):
    text = pdf_text(build(None, library, document="blank"))
    future = [q for s in library.sections.values() for q in s.questions if q.future]
    assert future
    assert not any(contains(text, q.text) for q in future)


def test_other_documents_need_a_workbook(library):
    with pytest.raises(ValueError, match="needs a workbook"):
        build(None, library, document="summary")


def test_empty_workbook_builds_every_document(empty_wb, library):
    for document in ("questions", "summary", "caregiver"):
        assert build(empty_wb, library, document=document).startswith(b"%PDF")


def test_nasty_text_in_every_field_comes_out_literally(library):
    wb = Workbook()
    appt = E.add_appointment(wb, clinician=NASTY[2], purpose=NASTY[4], companions=NASTY[10], bring=NASTY[5])
    E.update_profile(
        wb,
        name=NASTY[3],
        day_night_phone=NASTY[6],
        treatments_so_far=NASTY[7],
        sites_other=NASTY[11],
        biomarker_other=NASTY[14],
    )
    for text in NASTY:
        if text.strip():
            q = E.add_own_question(wb, "general", text)
            E.record_answer(wb, q.id, appt.id, text)
    E.set_notes(wb, "hormone", "\n".join(NASTY))
    E.set_values_text(wb, "in_my_words", NASTY[8])
    for document in ("questions", "summary", "caregiver"):
        text = pdf_text(build(wb, library, document=document, large_print=True))
        for s in NASTY[2:11]:
            assert contains(text, s), (document, s)


def test_a_huge_note_and_thousands_of_questions_split_across_pages(library):
    wb = Workbook()
    E.set_notes(wb, "general", ("A very long note. " * 250 + "\n") * 20)  # within the 100,000 limit
    for i in range(2000):
        E.add_own_question(wb, "hormone", f"Question number {i} " + "word " * (i % 40))
    data = build(wb, library, document="questions")
    assert len(PdfReader(io.BytesIO(data)).pages) > 100
    summary = build(wb, library, document="summary")
    assert "Question number 1999" in pdf_text(summary)


field_text = st.text(max_size=120)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=field_text,
    note=field_text,
    own=field_text.filter(str.strip),
    answer=field_text,
    phone=field_text,
    words=field_text,
)
def test_any_unicode_in_any_field_never_crashes_and_comes_back(
    library, name, note, own, answer, phone, words
):
    wb = Workbook()
    appt = E.add_appointment(wb, clinician=words, purpose=words)
    E.update_profile(wb, name=name, day_night_phone=phone, treatments_so_far=words)
    E.set_notes(wb, "surgery", note)
    q = E.add_own_question(wb, "surgery", own)
    E.record_answer(wb, q.id, appt.id, answer)
    E.set_values_text(wb, "side_effects_to_avoid", words)
    text = pdf_text(build(wb, library, document="summary"))
    for field in (name, note, own.strip(), answer, phone, words):
        assert contains(text, field), repr(field)
