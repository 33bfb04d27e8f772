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


def test_version_3_file_moves_the_day_and_night_number_to_the_care_team():
    raw = json.loads((FIXTURES / "workbook-v3.json").read_text())
    phone = raw["profile"]["day_night_phone"]
    wb = import_json(json.dumps(raw).encode())
    from workbook import team

    assert team.day_night_phone(wb) == phone.strip()
    (member,) = wb.care_team
    assert (member.name, member.role, member.phone, member.day_and_night) == ("", "other", phone, True)
    assert "day_night_phone" not in wb.profile.model_dump()
    assert wb.checkins == []
    assert wb.medicines == []
    assert {wb.sharing[p] for p in ("diary", "medicines", "team")} == {False}
    assert all(a.want == "" and a.what_changed == "" for a in wb.appointments)
    # Everything else is as it was.
    assert wb.profile.name == raw["profile"]["name"]
    assert [a.id for a in wb.appointments] == [a["id"] for a in raw["appointments"]]
    # Migrating twice gives the same member id (stable, like own-question ids).
    assert import_json(json.dumps(raw).encode()).care_team[0].id == member.id


def test_every_older_fixture_reaches_version_4_with_its_number():
    from workbook import team

    for path in sorted(FIXTURES.glob("workbook-v*.json")):
        raw = json.loads(path.read_text())
        wb = import_json(path.read_bytes())
        assert wb.schema_version == SCHEMA_VERSION
        assert team.day_night_phone(wb) == (raw["profile"].get("day_night_phone") or "").strip(), path.name


def test_an_empty_or_odd_number_leaves_no_empty_team_member():
    from workbook.migrations import migrate

    for phone in ("", "   "):
        data = migrate({"profile": {"day_night_phone": phone}}, 3, 4)
        assert data["care_team"] == []
        assert "day_night_phone" not in data["profile"]
    odd = migrate({"profile": {"day_night_phone": 5}}, 3, 4)
    assert odd["profile"]["day_night_phone"] == 5  # left for salvage to name, never silently dropped
