import contextlib
import json
import logging

import pytest

from workbook import store
from workbook.files import (
    MAX_FILE_BYTES,
    WorkbookFileError,
    export_filename,
    export_json,
    import_json,
    import_salvaged,
)
from workbook.model import SCHEMA_VERSION, Workbook

SECRET = "my-secret-diagnosis-text"


def test_round_trip_opens_as_a_new_workbook(full_wb):
    again = import_json(export_json(full_wb))
    assert again.id != full_wb.id
    assert again.model_dump(exclude={"id"}) == full_wb.model_dump(exclude={"id"})


def test_file_name_holds_no_personal_detail(full_wb):
    name = export_filename(full_wb)
    assert full_wb.profile.name.split()[0] not in name
    assert name.endswith(".json")


BAD_FILES = {
    "empty": b"",
    "not json": b"%PDF-1.7 this is a pdf",
    "a json list": b"[1, 2, 3]",
    "json without version": json.dumps({"profile": {}}).encode(),
    "newer version": json.dumps({"schema_version": SCHEMA_VERSION + 1}).encode(),
    "version is text": json.dumps({"schema_version": "2"}).encode(),
    "version is bool": json.dumps({"schema_version": True}).encode(),
    "too deep": ('{"schema_version": 3, "x": ' + "[" * 50_000 + "]" * 50_000 + "}").encode(),
    "latin-1": json.dumps(
        {"schema_version": SCHEMA_VERSION, "profile": {"name": "José"}}, ensure_ascii=False
    ).encode("latin-1"),
    "too large": b" " * (MAX_FILE_BYTES + 1),
    "binary": bytes(range(256)) * 10,
}

# Workbooks with a damaged part: they open, each damaged part named in plain words.
SALVAGED = {
    "wrong types": (
        {
            "schema_version": SCHEMA_VERSION,
            "sections": {"hormone": {"questions": "x"}},
            "profile": {"name": SECRET},
        },
        ["Hormone therapy: your chosen questions"],
    ),
    "bad enum": (
        {"schema_version": SCHEMA_VERSION, "profile": {"her2": SECRET}},
        ["About me: your HER2 status"],
    ),
    "unknown field": (
        {"schema_version": SCHEMA_VERSION, SECRET: 1},
        ["Information this version of the app does not know"],
    ),
    "v1 sections as a list": ({"schema_version": 1, "sections": [1]}, ["The treatment pages"]),
    "v1 questions not a list": (
        {"schema_version": 1, "sections": {"hormone": {"questions": 5}}},
        ["Hormone therapy: your chosen questions"],
    ),
    "status null (issue 8)": (
        {"schema_version": 2, "sections": {"hormone": {"status": None, "notes": "kept"}}},
        ["Hormone therapy: the page status"],
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_files_give_one_plain_message_and_touch_nothing(kind, full_wb, caplog):
    store.create(full_wb)
    before = store.load(full_wb.id)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(WorkbookFileError) as err:
        import_json(BAD_FILES[kind])
    message = str(err.value)
    assert 20 < len(message) < 300
    assert "\n" not in message
    assert SECRET not in message
    assert SECRET not in caplog.text
    assert "Traceback" not in message
    # Issue 17: plain words only, never pydantic's wording or the file's key paths.
    assert "Input should be" not in message
    assert " > " not in message
    assert "_" not in message
    assert store.load(full_wb.id) == before
    assert len(store.list_saved()) == 1


@pytest.mark.parametrize("kind", sorted(SALVAGED))
def test_damaged_workbook_files_open_with_plain_names(kind, caplog):
    """Issue 17: old messages quoted key names ("sections > hormone", "Input should be")."""
    raw, names = SALVAGED[kind]
    caplog.set_level(logging.DEBUG)
    wb, damaged = import_salvaged(json.dumps(raw).encode())
    assert damaged == names
    for name in damaged:
        assert "Input should be" not in name
        assert "_" not in name
        assert ">" not in name
        assert SECRET not in name
    assert SECRET not in caplog.text
    if "kept" in json.dumps(raw):
        assert wb.sections["hormone"].notes == "kept"
    assert import_json(json.dumps(raw).encode()).schema_version == SCHEMA_VERSION


def test_utf16_file_with_bom_is_read(full_wb):
    wb = import_json(export_json(full_wb).decode("utf-8").encode("utf-16"))
    assert wb.profile.name == full_wb.profile.name


def test_unknown_question_ids_are_kept_with_their_text(full_wb):
    raw = json.loads(export_json(full_wb))
    raw["sections"]["hormone"]["questions"].append({"id": "hormone.gone-from-library", "text": "Kept text"})
    wb = import_json(json.dumps(raw).encode())
    assert wb.sections["hormone"].questions[-1].text == "Kept text"


from hypothesis import given, settings, strategies as hst  # noqa: E402

json_values = hst.recursive(
    hst.none() | hst.booleans() | hst.integers() | hst.floats(allow_nan=False) | hst.text(),
    lambda inner: hst.lists(inner, max_size=4) | hst.dictionaries(hst.text(max_size=12), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(hst.binary(max_size=2000))
def test_any_bytes_give_a_workbook_or_a_plain_error(data):
    with contextlib.suppress(WorkbookFileError):
        import_json(data)


@settings(max_examples=300, deadline=None)
@given(
    hst.sampled_from([1, 2]),
    hst.dictionaries(
        hst.sampled_from(["profile", "sections", "values", "sharing", "appointments", "id", "future_opt_in"]),
        json_values,
    ),
    hst.dictionaries(
        hst.sampled_from(["hormone", "general"]),
        hst.dictionaries(hst.sampled_from(["questions", "own_questions", "notes", "status"]), json_values),
    ),
)
def test_any_json_shape_gives_a_workbook_or_a_plain_error(version, raw, sections):
    raw = {**raw, "schema_version": version}
    if sections:
        raw["sections"] = sections
    try:
        wb, damaged = import_salvaged(json.dumps(raw).encode())
    except WorkbookFileError as exc:
        refusal = str(exc)
    else:  # anything with a version is a workbook: it opens, valid
        refusal = ""
        Workbook.model_validate(wb.model_dump())
        assert all("Input should be" not in d for d in damaged)
    assert "Traceback" not in refusal  # a refusal is a plain message
