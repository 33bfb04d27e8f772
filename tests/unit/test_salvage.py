"""Salvage: damage every field of the model in turn; the workbook still opens with the rest.

The list of fields comes from the model itself, so a field added later is damaged too.
"""

from __future__ import annotations

import copy
import json
import sqlite3
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from workbook import store
from workbook.files import WorkbookFileError, import_salvaged
from workbook.model import Workbook
from workbook.parts import FIELD_WORDS
from workbook.salvage import NotAWorkbook, salvage, salvage_text

ROOT = Path(__file__).resolve().parents[2]
FULL = json.loads((ROOT / "examples" / "full.json").read_text(encoding="utf-8"))
# Invalid for every field type: not a string, number, bool, date, list or None,
# and as a map its key and value fit no map of the model.
BAD = {"bad key!": [None]}


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    """The models inside a field's type (list[Question] -> Question)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models(arg)


def model_fields(model: type[BaseModel] = Workbook) -> set[tuple[str, str]]:
    """Every (model, field) pair reachable from the workbook."""
    out: set[tuple[str, str]] = set()
    todo, seen = [model], set()
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        for name, info in m.model_fields.items():
            out.add((m.__name__, name))
            todo.extend(_models(info.annotation))
    return out


def _field_model(model: type[BaseModel], name: str) -> list[type[BaseModel]]:
    return list(_models(model.model_fields[name].annotation))


def locations(
    data: Any = FULL, model: type[BaseModel] = Workbook, path: tuple = ()
) -> Iterator[tuple[tuple, str, str]]:
    """(path, model name, field name) of every field present in the full example."""
    for name, value in data.items():
        here = (*path, name)
        yield here, model.__name__, name
        inner = _field_model(model, name)
        if not inner:
            continue
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from locations(item, inner[0], (*here, i))
        elif isinstance(value, dict) and set(value) <= set(inner[0].model_fields):
            yield from locations(value, inner[0], here)
        elif isinstance(value, dict):  # a map of models (sections)
            for key, item in value.items():
                yield from locations(item, inner[0], (*here, key))


LOCATIONS = list(locations())


def _set(data: dict, path: tuple, value: Any) -> dict:
    data = copy.deepcopy(data)
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def _get(data: Any, path: tuple) -> Any:
    for step in path:
        data = data[step]
    return data


def test_the_full_example_reaches_every_field_of_the_model():
    reached = {(m, f) for _, m, f in LOCATIONS}
    assert model_fields() - reached == set(), "add the missing parts to examples/full.json"


def test_every_field_has_plain_words():
    assert {f for _, f in model_fields()} - set(FIELD_WORDS) == set()


def _plain(name: str) -> None:
    assert name
    assert name[0].isupper()
    for bad in ("Input should be", "[key]", ">", "_", "{", "None", "bad key"):
        assert bad not in name, name


def _expected_unit(path: tuple, model: str, field: str) -> tuple:
    """What a damaged field takes with it: itself, or (a required field) the item holding it."""
    from workbook import model as M

    info = getattr(M, model).model_fields[field]
    return path[:-1] if info.is_required() else path


def _without(data: dict, unit: tuple) -> dict:
    data = copy.deepcopy(data)
    parent = _get(data, unit[:-1])
    if isinstance(parent, list):
        del parent[unit[-1]]
    else:
        parent.pop(unit[-1], None)
    return data


@pytest.mark.parametrize("path,model,field", LOCATIONS, ids=[".".join(map(str, p)) for p, _, _ in LOCATIONS])
def test_damaging_any_field_keeps_everything_else(path, model, field):
    """Issue 8: the old loader refused the whole workbook over any one damaged field."""
    raw = _set(FULL, path, BAD)
    wb, damaged = salvage(raw)
    Workbook.model_validate(wb.model_dump())  # valid as a whole
    assert damaged, "the person is told"
    for name in damaged:
        _plain(name)
    got = json.loads(wb.model_dump_json())
    unit = _expected_unit(path, model, field)
    ids = {q["id"] for sec in got["sections"].values() for q in sec["questions"]}
    # A list item is gone from the salvaged one already; a reset field holds its default.
    expected = _without(FULL, unit)
    got = got if isinstance(unit[-1], int) else _without(got, unit)
    if "order" in expected:  # the order follows the questions that remain
        expected["order"] = [i for i in expected["order"] if i in ids]
    assert got == expected


FIELD_PAIRS = sorted({(m, f): p for p, m, f in reversed(LOCATIONS)}.items())


@pytest.mark.parametrize("pair,path", FIELD_PAIRS, ids=[f"{m}.{f}" for (m, f), _ in FIELD_PAIRS])
def test_a_stored_workbook_with_any_damaged_field_opens(pair, path, data_dir):
    """A damaged stored workbook opens; the original is kept in history at the next save."""
    wb = Workbook.model_validate(FULL)
    store.create(wb)
    raw = _set(json.loads(wb.model_dump_json()), path, BAD)
    with sqlite3.connect(data_dir / store.DB_NAME) as con:
        con.execute("UPDATE workbooks SET data = ? WHERE id = ?", (json.dumps(raw), wb.id))
    saved = store.load(wb.id)
    assert saved.damaged
    assert saved.workbook.id == wb.id
    store.save(saved.workbook, saved.revision)
    assert json.loads(json.dumps(raw)) == json.loads(_version_text(data_dir, wb.id, saved.revision))
    assert store.load(wb.id).damaged == ()


def _version_text(data_dir, wid: str, revision: int) -> str:
    with sqlite3.connect(data_dir / store.DB_NAME) as con:
        return con.execute(
            "SELECT data FROM versions WHERE workbook_id = ? AND revision = ?", (wid, revision)
        ).fetchone()[0]


@pytest.mark.parametrize("pair,path", FIELD_PAIRS, ids=[f"{m}.{f}" for (m, f), _ in FIELD_PAIRS])
def test_an_imported_file_with_any_damaged_field_opens(pair, path):
    raw = _set(FULL, path, BAD)
    if path == ("schema_version",):
        with pytest.raises(WorkbookFileError):  # a file must say which version it is
            import_salvaged(json.dumps(raw).encode())
        return
    wb, damaged = import_salvaged(json.dumps(raw).encode())
    assert damaged
    assert wb.id != FULL["id"]
    for name in damaged:
        _plain(name)


def test_names_say_which_page_and_part():
    raw = _set(FULL, ("sections", "hormone", "status"), None)
    raw = _set(raw, ("profile", "her2"), "purple")
    raw = _set(raw, ("appointments", 0, "date"), "someday")
    _, damaged = salvage(raw, {"hormone": "Hormone (endocrine) therapy"})
    assert sorted(damaged) == [
        "About me: your HER2 status",
        "Appointments: an appointment's date",
        "Hormone (endocrine) therapy: the page status",
    ]


def test_names_of_the_diary_medicines_and_care_team_say_whose_part():
    raw = _set(FULL, ("medicines", 0, "name"), 7)
    raw = _set(raw, ("care_team", 0, "name"), 7)
    raw = _set(raw, ("checkins", 0, "interference"), 9)
    _, damaged = salvage(raw)
    assert sorted(damaged) == [
        "How I have been: how much symptoms got in the way",
        "My care team: a person's name",
        "My medicines: a medicine's name",
    ]


def test_too_long_text_is_shortened_not_emptied():
    raw = _set(FULL, ("sections", "general", "notes"), "x" * 100_050)
    wb, damaged = salvage(raw)
    assert wb.sections["general"].notes == "x" * 100_000
    assert damaged == ["General questions: your notes"]


def test_a_damaged_answer_loses_only_that_answer():
    path = next(p for p, m, f in LOCATIONS if (m, f) == ("Answer", "recorded_at"))
    wb, damaged = salvage(_set(FULL, path, "yesterday"))
    answer = _get(json.loads(wb.model_dump_json()), path[:-1])
    assert answer["text"] == _get(FULL, path[:-1])["text"]  # the answer itself is kept
    assert len(damaged) == 1
    assert damaged[0].endswith(": when an answer was written")


def test_only_what_is_not_a_workbook_is_refused():
    for text in ("{broken", "[1, 2]", '"text"', "null"):
        with pytest.raises(NotAWorkbook):
            salvage_text(text)
    wb, damaged = salvage_text("{}")
    assert damaged == ["The version number"]
    assert wb == Workbook.model_validate({**wb.model_dump(), "id": wb.id})


def test_a_damaged_check_in_rating_loses_only_that_rating():
    data = copy.deepcopy(FULL)
    data["checkins"][2]["ratings"]["pain"] = 9  # off the 0-4 scale
    data["checkins"][3]["day"] = "not a day"
    data["medicines"][0]["kind"] = "magic"
    data["care_team"][0]["role"] = None
    wb, parts = salvage(data)
    assert "pain" not in wb.checkins[2].ratings
    assert wb.checkins[2].ratings == {k: v for k, v in FULL["checkins"][2]["ratings"].items() if k != "pain"}
    # A check-in with no valid day cannot be placed in time: it goes, the other seven stay.
    assert len(wb.checkins) == len(FULL["checkins"]) - 1
    # A bad kind or role goes back to its default; the medicine and the person stay.
    assert (wb.medicines[0].kind, wb.medicines[0].name) == ("other", FULL["medicines"][0]["name"])
    assert (wb.care_team[0].role, wb.care_team[0].name) == ("other", FULL["care_team"][0]["name"])
    assert parts  # each reset part is named


def test_two_day_and_night_members_in_a_file_keep_the_first():
    data = copy.deepcopy(FULL)
    for member in data["care_team"]:
        member["day_and_night"] = True
    wb, _ = salvage(data)
    assert [m.day_and_night for m in wb.care_team].count(True) == 1
    assert wb.care_team[0].day_and_night
