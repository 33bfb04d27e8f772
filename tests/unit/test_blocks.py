"""The document model (pdf/documents.py): what each document says, as blocks, before any rendering."""

from __future__ import annotations

from datetime import date

import pytest

from pdf import Options, build_blocks
from pdf.blocks import Box, Chart, Field, Heading, Notes, Question, Sheet, flat, questions
from workbook import edits as E
from workbook.model import Workbook

DAY = date(2026, 11, 25)


def doc(wb, library, **kw):
    return build_blocks(wb, library, Options(made_on=DAY, **kw))


def fields(blocks) -> dict[str, str]:
    return {b.label: b.value for b in flat(blocks) if isinstance(b, Field)}


def test_question_list_opens_with_a_visit_sheet_about_the_person(full_wb, library):
    d = doc(full_wb, library, document="questions")
    sheet = d.blocks[0]
    assert isinstance(sheet, Sheet)
    f = fields(sheet.blocks)
    t = library.t
    assert f[t("pdf.label_name")] == "Sam Rivera"
    assert f[t("pdf.label_date")] == "2 December 2026"
    assert f[t("pdf.label_with")] == "Dr. Okafor (oncologist)"  # never "(Dr. Okafor (oncologist))"
    assert f[t("pdf.label_purpose")] == "Talk about next treatment"
    assert f[t("pdf.label_subtype")] == "Hormone receptor Positive, HER2 Low"
    assert "ESR1" in f[t("pdf.field_biomarkers")]
    assert f[t("pdf.field_sites")] == "Bone, Liver"
    assert f[t("pdf.field_treatments")] == full_wb.profile.treatments_so_far
    matters = next(b for b in sheet.blocks if isinstance(b, Box))
    assert len(matters.items) == 3
    assert matters.lines == (full_wb.values.in_my_words,)
    top = [b for b in sheet.blocks if isinstance(b, Question)]
    assert [q.qid for q in top] == [q.id for _, q in E.agenda(full_wb) if q.starred]
    assert all(q.starred and q.lines >= 3 for q in top)
    assert not any("((" in v or "))" in v for v in f.values())


def test_questions_follow_the_persons_order_across_pages(full_wb, library):
    rest = [q.id for _, q in E.agenda(full_wb) if not q.starred]
    last = rest[-1]
    E.move_to(full_wb, last, 3)  # a general question moves up among hormone questions
    top = [q.id for _, q in E.agenda(full_wb) if q.starred]
    E.move_to(full_wb, top[2], 0)  # and the third top question becomes the first
    wanted = [q.id for _, q in E.agenda(full_wb)]
    got = [q.qid for q in questions(doc(full_wb, library, document="questions"))]
    assert got == wanted
    assert got[3] == last
    assert got[0] == top[2]


def test_grouping_by_treatment_stays_an_option(full_wb, library):
    d = doc(full_wb, library, document="questions", group_by_treatment=True)
    heads = [b.text for b in d.blocks if isinstance(b, Heading) and b.level == 3]
    assert heads == [
        library.sections[s].title
        for s in full_wb.sections
        if any(not q.starred for q in full_wb.section(s).questions)
    ]
    assert sorted(q.qid for q in questions(d)) == sorted(q.id for _, q in E.agenda(full_wb))


def test_other_questions_have_answer_space_and_the_list_ends_with_the_urgent_box(full_wb, library):
    d = doc(full_wb, library, document="questions")
    assert all(q.lines >= 2 for q in questions(d))
    urgent = d.blocks[-1]
    assert isinstance(urgent, Box)
    assert urgent.kind == "urgent"
    assert full_wb.profile.day_night_phone in urgent.strong
    assert urgent.items == tuple(library.interface.urgent_general)


def test_blank_list_is_compact_tick_boxes_and_a_notes_area(library):
    d = doc(None, library, document="blank")
    qs = questions(d)
    every = [q.id for s in library.sections.values() for q in s.questions if not q.future]
    assert sorted(q.qid for q in qs) == sorted(every)
    assert all(q.lines == 0 for q in qs)
    assert sum(isinstance(b, Notes) for b in d.blocks) == len(library.sections)
    lined = doc(None, library, document="blank", answer_lines=True)
    assert all(q.lines >= 2 for q in questions(lined))


def test_summary_holds_a_chart_of_what_matters_and_every_answer(full_wb, library):
    d = doc(full_wb, library, document="summary")
    chart = next(b for b in d.blocks if isinstance(b, Chart))
    assert len(chart.bars) == len(full_wb.values.importance)
    assert chart.top == 3
    answered = [q for q in questions(d) if q.answers]
    assert answered
    assert all(a.value for q in answered for a in q.answers)
    assert not any(
        q.answers for q in questions(doc(full_wb, library, document="summary", include_notes=False))
    )


def test_summary_sections_keep_the_persons_order(full_wb, library):
    hormone = [q.id for q in full_wb.section("hormone").questions]
    E.move_to(full_wb, hormone[-1], 0 if full_wb.section("hormone").questions[-1].starred else 3)
    order = [q.id for s, q in E.agenda(full_wb) if s == "hormone"]
    got = [q.qid for q in questions(doc(full_wb, library, document="summary")) if q.qid in set(hormone)]
    assert got == order


@pytest.mark.parametrize("document", ["questions", "summary", "caregiver", "blank"])
def test_builders_are_pure(full_wb, library, document):
    wb = None if document == "blank" else full_wb
    before = full_wb.model_dump()
    assert doc(wb, library, document=document) == doc(wb, library, document=document)
    assert full_wb.model_dump() == before


def test_an_empty_workbook_still_has_a_sheet_and_says_nothing_is_chosen(library):
    d = doc(Workbook(), library, document="questions")
    assert isinstance(d.blocks[0], Sheet)
    assert not questions(d)
    assert any(getattr(b, "text", "") == library.t("pdf.none_chosen") for b in d.blocks)
