import ast
import json
import re
from pathlib import Path

from hypothesis import given, settings, strategies as st

from workbook.model import SCHEMA_VERSION, Workbook, new_id
from workbook.schema import schema_json

ROOT = Path(__file__).resolve().parents[2]


def test_new_workbook_has_every_section_and_private_defaults():
    wb = Workbook()
    assert wb.schema_version == SCHEMA_VERSION
    assert set(wb.sections) == {"hormone", "targeted", "radiation", "surgery", "chemotherapy", "general"}
    assert wb.sharing["notes"] is False
    assert wb.sharing["future"] is False
    assert wb.future_opt_in is False


def test_ids_are_url_safe_and_at_least_128_bits():
    ids = {new_id() for _ in range(200)}
    assert len(ids) == 200
    for i in ids:
        assert re.fullmatch(r"[A-Za-z0-9_-]{22,}", i)


def test_published_schema_is_in_sync_with_the_model():
    published = (ROOT / "schema" / "workbook.schema.json").read_text(encoding="utf-8")
    assert published == schema_json(), "run `make schema` and commit the result"


def test_snapshot_is_a_deep_copy(full_wb):
    snap = full_wb.snapshot()
    snap.sections["hormone"].questions[0].text = "changed"
    assert full_wb.sections["hormone"].questions[0].text != "changed"


text = st.text(max_size=200)


@settings(max_examples=60, deadline=None)
@given(name=text, notes=text, own=st.lists(text.filter(lambda s: s.strip()), max_size=5), phone=text)
def test_round_trip_through_json_keeps_everything(name, notes, own, phone):
    from workbook import edits

    wb = Workbook()
    edits.update_profile(wb, name=name, day_night_phone=phone)
    edits.set_notes(wb, "general", notes)
    for q in own:
        edits.add_own_question(wb, "hormone", q)
    back = Workbook.model_validate_json(wb.model_dump_json())
    assert back == wb


def test_core_never_imports_streamlit():
    for package in ("workbook", "content", "pdf"):
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                assert not any(n.split(".")[0] == "streamlit" for n in names), path


def test_example_files_are_valid_current_workbooks():
    for name in ("empty.json", "full.json"):
        raw = json.loads((ROOT / "examples" / name).read_text(encoding="utf-8"))
        assert raw["schema_version"] == SCHEMA_VERSION
        Workbook.model_validate(raw)
