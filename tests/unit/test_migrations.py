import json
from pathlib import Path

from workbook.files import import_json
from workbook.migrations import MIGRATIONS
from workbook.model import SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_every_older_version_has_a_step():
    assert set(MIGRATIONS) == set(range(1, SCHEMA_VERSION))


def test_version_1_file_migrates_without_losing_anything():
    data = (FIXTURES / "workbook-v1.json").read_bytes()
    wb = import_json(data)
    hormone = wb.sections["hormone"]
    goal, retired, own = hormone.questions
    assert goal.starred
    assert goal.answers[0].text == "Control the cancer."
    assert goal.answers[0].appointment_id is None
    assert retired.text == "A question the library dropped"
    assert retired.answers == []
    assert own.own
    assert own.text == "Can I garden?"
    assert hormone.notes == "old notes"
    assert wb.profile.name == "Old File"
    # Same file twice gives the same own-question id (stable migration).
    assert import_json(data).sections["hormone"].questions[2].id == own.id


def test_each_fixture_version_is_covered():
    versions = {json.loads(p.read_text())["schema_version"] for p in FIXTURES.glob("workbook-v*.json")}
    assert versions == set(range(1, SCHEMA_VERSION))


def test_version_2_file_gains_the_agenda_order_and_keeps_everything():
    raw = json.loads((FIXTURES / "workbook-v2.json").read_text())
    wb = import_json(json.dumps(raw).encode())
    page_by_page = [q["id"] for s in raw["sections"].values() for q in s["questions"]]
    assert wb.order == page_by_page
    assert wb.drafts == {}
    assert all(s.set_aside == [] for s in wb.sections.values())
    for sid, section in raw["sections"].items():
        assert [q.model_dump(mode="json") for q in wb.sections[sid].questions] == section["questions"]
        assert wb.sections[sid].notes == section["notes"]
    # The agenda reads as it did in version 2: starred first, then page by page.
    from workbook.edits import agenda

    starred = [i for s in raw["sections"].values() for q in s["questions"] if q["starred"] for i in [q["id"]]]
    assert [q.id for _, q in agenda(wb)][: len(starred)] == starred
