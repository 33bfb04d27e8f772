"""The page benchmark's inputs: a realistic 10x workbook, and every page of the navigation.
(No timing here: benchmarks/page_rerun.py prints ratios, no test asserts one.)"""

from pathlib import Path

from benchmarks.page_rerun import app_pages, ten_times
from workbook import store
from workbook.files import export_json, import_json

ROOT = Path(__file__).resolve().parents[2]


def test_ten_times_is_the_same_person_after_many_visits(full_wb):
    big = ten_times(full_wb)
    for sid, section in full_wb.sections.items():
        grown = big.sections[sid]
        assert len(grown.questions) == 10 * len(section.questions)
        texts = [q.text for q in grown.questions]
        assert len(set(texts)) == len(texts)  # follow-ups, not copies
        answers = sum(len(q.answers) for q in section.questions)
        assert sum(len(q.answers) for q in grown.questions) == 10 * answers
        assert len(grown.notes) >= 10 * len(section.notes)
    assert big.id != full_wb.id
    assert import_json(export_json(big)).sections == big.sections  # a valid workbook file


def test_pages_are_those_app_py_navigates_to(full_wb):
    store.create(full_wb)
    pages = app_pages(full_wb.id)
    paths = [path for _, path in pages]
    assert {"views/welcome.py", "views/my_questions.py", "views/export.py", "views/hormone.py"} <= set(paths)
    assert len(paths) == len(set(paths))
    assert all((ROOT / p).is_file() for p in paths)
    assert all(title for title, _ in pages)
