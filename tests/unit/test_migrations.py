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
    assert goal.starred and goal.answers[0].text == "Control the cancer."
    assert goal.answers[0].appointment_id is None
    assert retired.text == "A question the library dropped" and retired.answers == []
    assert own.own and own.text == "Can I garden?"
    assert hormone.notes == "old notes"
    assert wb.profile.name == "Old File"
    # Same file twice gives the same own-question id (stable migration).
    assert import_json(data).sections["hormone"].questions[2].id == own.id


def test_each_fixture_version_is_covered():
    versions = {json.loads(p.read_text())["schema_version"] for p in FIXTURES.glob("workbook-v*.json")}
    assert versions == set(range(1, SCHEMA_VERSION))
