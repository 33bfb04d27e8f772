"""Page economy and page-break rules of the PDF renderer (pdf/render_pdf.py), on every page
of every document, for the examples and for hostile input."""

from __future__ import annotations

import io
import itertools
from collections import defaultdict
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from pdf import Options, build_blocks
from pdf.render_pdf import Placed, render
from tests.nasty import NASTY
from workbook import edits as E
from workbook.model import MAX_SHORT_TEXT, Workbook

DAY = date(2026, 11, 25)
DOCUMENTS = ["questions", "summary", "caregiver", "blank", "medicines"]
KEPT_WHOLE = {"question", "box", "urgent", "notes", "chart"}


def hostile() -> Workbook:
    """Every field full of the worst text: markup, scripts, controls, and as long as allowed."""
    wb = Workbook()
    long = ("Word " * 2000)[: MAX_SHORT_TEXT - 100]
    appt = E.add_appointment(
        wb, clinician=long, purpose=NASTY[4] + long, companions=NASTY[11], bring=NASTY[12]
    )
    E.update_profile(
        wb,
        name=NASTY[12] + long,
        day_night_phone=NASTY[3],
        treatments_so_far=NASTY[17],
        sites_other=long,
        biomarker_other=long,
        hormone_receptor="positive",
        her2="low",
        sites=["bone", "other"],
    )
    for item in ("live_long", "daily_activities", "family", "work"):
        E.set_importance(wb, item, "very")
    E.set_values_text(wb, "in_my_words", NASTY[17] + NASTY[12])
    for i, text in enumerate(t for t in NASTY if t.strip()):
        q = E.add_own_question(wb, ("general", "hormone", "radiation")[i % 3], text)
        if i < 3:
            E.set_star(wb, q.id, True)
        E.record_answer(wb, q.id, appt.id, text)
    E.set_notes(wb, "general", "\n".join(NASTY))
    # Issue 11: the diary, medicines and care team, as full and as hostile as allowed.
    E.update_appointment(wb, appt.id, want=NASTY[17] + NASTY[2], what_changed=NASTY[12] + long)
    for n in range(12):
        E.add_checkin(
            wb,
            day=date(2026, 9, 1) + timedelta(weeks=n),
            ratings={
                s: (n + i) % 5 for i, s in enumerate(("tiredness", "pain", "diarrhea", "worry", "x" * 60))
            },
            interference=n % 5,
        )
    for i, text in enumerate(t for t in NASTY if t.strip()):
        cut = (text + long)[:MAX_SHORT_TEXT]
        E.add_medicine(
            wb,
            name=cut,
            dose=text[:MAX_SHORT_TEXT],
            how_often=cut,
            why=cut,
            prescribed_by=text[:MAX_SHORT_TEXT],
            kind=("cancer", "other", "supplement")[i % 3],
            started=date(2026, 10, 1) + timedelta(days=i),
        )
        E.add_team_member(wb, name=cut, phone=text[:200], contact=cut, day_and_night=i == 0)
    return wb


def layout(wb, library, **kw) -> tuple[int, list[Placed], bytes]:
    opts = Options(made_on=DAY, **kw)
    data, placed = render(build_blocks(wb, library, opts), opts.paper, opts.large_print)
    return len(PdfReader(io.BytesIO(data)).pages), placed, data


def broken_rules(placed: list[Placed]) -> list[str]:
    problems = []
    pages: dict[tuple[str, str], set[int]] = defaultdict(set)
    oversize: set[str] = set()
    for p in placed:
        pages[(p.block, p.kind)].add(p.page)
        if p.oversize:
            oversize.add(p.block)
    for (block, kind), seen in pages.items():
        if kind in KEPT_WHOLE and len(seen) > 1 and block not in oversize:
            problems.append(f"{kind} {block} split over pages {sorted(seen)}")
    for here, after in itertools.pairwise(placed):
        if here.kind == "heading" and after.page != here.page:
            problems.append(f"heading {here.block} alone at the bottom of page {here.page}")
    if placed and placed[-1].kind == "heading":
        problems.append("the document ends in a heading")
    return problems


CASES = [
    (doc, which, paper, large)
    for doc in DOCUMENTS
    for which in ("full", "hostile")
    for paper in ("letter", "a4")
    for large in (False, True)
    if not (doc == "blank" and which == "hostile")
]


@pytest.mark.parametrize("document, which, paper, large", CASES)
def test_no_lone_heading_and_nothing_split_from_its_answer_space(
    full_wb, library, document, which, paper, large
):
    wb = None if document == "blank" else (full_wb if which == "full" else hostile())
    _, placed, _ = layout(wb, library, document=document, paper=paper, large_print=large)
    assert placed
    assert not broken_rules(placed)


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_urgent_box_is_never_split_in_normal_print(full_wb, library, document, paper):
    _, placed, _ = layout(None if document == "blank" else full_wb, library, document=document, paper=paper)
    pages = {p.page for p in placed if p.kind == "urgent"}
    assert len(pages) == (0 if document == "medicines" else 1)  # the medicine list has the number, no box


def test_the_checker_sees_a_split(library):
    placed = [
        Placed("1", "heading", 1, False),
        Placed("2", "question", 2, False),
        Placed("2", "question", 3, False),
    ]
    assert len(broken_rules(placed)) == 2


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_question_list_of_the_full_example_fits_three_pages_seven_in_large_print(full_wb, library, paper):
    # Large print was six pages before "Since my last visit" (issue 11) joined the visit sheet.
    assert layout(full_wb, library, document="questions", paper=paper)[0] <= 3
    assert layout(full_wb, library, document="questions", paper=paper, large_print=True)[0] <= 7


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_blank_list_for_all_treatments_fits_ten_pages(library, paper):
    assert layout(None, library, document="blank", paper=paper)[0] <= 10


@pytest.mark.parametrize("which", ["full", "hostile", "empty"])
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_visit_sheet_is_page_one_whatever_the_input(full_wb, library, which, paper):
    wb = {"full": full_wb, "hostile": hostile(), "empty": Workbook()}[which]
    _, placed, data = layout(wb, library, document="questions", paper=paper)
    sheet = [p for p in placed if p.block.split(".")[0] == "0" and ".c" not in p.block]
    assert sheet
    assert {p.page for p in sheet} == {1}
    pages = PdfReader(io.BytesIO(data)).pages
    first = " ".join(pages[0].extract_text().split())
    if which == "hostile":  # long text is cut on the sheet and printed in full on page 2
        assert "continued on page 2" in first
        assert library.t("pdf.continued_heading") in " ".join(pages[1].extract_text().split())
    else:
        assert "continued on page" not in first
    assert 1 not in {p.page for p in placed if p.block == "1"}  # the rest starts on page 2


def test_the_appointment_prints_without_nested_brackets(full_wb, library):
    text = " ".join(
        PdfReader(io.BytesIO(layout(full_wb, library, document="questions")[2]))
        .pages[0]
        .extract_text()
        .split()
    )
    assert "With: Dr. Okafor (oncologist)" in text
    assert "(Dr. Okafor (oncologist))" not in text
