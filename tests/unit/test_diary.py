"""The diary core: series, what changed since a day, the urgent rule, medicines and the care team."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st
from pydantic import ValidationError

from tests.nasty import NASTY
from workbook import diary, edits, team
from workbook.edits import EditError
from workbook.model import MAX_TEAM, CheckIn, Workbook

D = dt.date
TODAY = D(2026, 12, 2)


def _wb(*checkins: tuple[dt.date, dict[str, int]]) -> Workbook:
    wb = Workbook()
    for day, ratings in checkins:
        edits.add_checkin(wb, day=day, ratings=ratings)
    return wb


def test_series_is_sorted_by_day_whatever_the_order_recorded():
    wb = _wb((D(2026, 11, 20), {"pain": 2}), (D(2026, 11, 6), {"pain": 1, "cough": 0}), (D(2026, 11, 13), {}))
    assert diary.series(wb) == {
        "pain": [(D(2026, 11, 6), 1), (D(2026, 11, 20), 2)],
        "cough": [(D(2026, 11, 6), 0)],
    }


def test_since_a_visit_finds_worse_and_severe_and_medicine_changes():
    wb = _wb(
        (D(2026, 10, 10), {"diarrhea": 4}),  # before the visit: not counted
        (D(2026, 10, 21), {"diarrhea": 1, "pain": 2}),
        (D(2026, 10, 28), {"diarrhea": 3, "pain": 2}),
        (D(2026, 11, 25), {"diarrhea": 2, "pain": 1}),
    )
    started = edits.add_medicine(wb, name="Abemaciclib", kind="cancer", started=D(2026, 10, 20))
    stopped = edits.add_medicine(
        wb, name="Letrozole", kind="cancer", started=D(2023, 5, 8), stopped=D(2026, 10, 19)
    )
    edits.add_medicine(wb, name="Vitamin D", kind="supplement", started=D(2024, 1, 1))
    found = diary.since(wb, D(2026, 10, 14))
    assert found.worse == ["diarrhea"]  # 1 -> 2; pain 2 -> 1 is better
    assert found.severe == ["diarrhea"]
    assert [(m.name, what) for m, what in found.medicine_changes] == [
        (started.name, "started"),
        (stopped.name, "stopped"),
    ]
    assert len(found.checkins) == 3


def test_since_without_a_visit_is_the_last_four_weeks():
    wb = _wb((TODAY - dt.timedelta(days=40), {"pain": 4}), (TODAY - dt.timedelta(days=3), {"pain": 1}))
    found = diary.since(wb, None, today=TODAY)
    assert found.severe == []
    assert [c.ratings for c in found.checkins] == [{"pain": 1}]


def test_the_severe_rule_is_a_parameter_from_content(library):
    rule = library.diary.urgent.at
    c = CheckIn(day=TODAY, ratings={"pain": rule})
    assert diary.is_severe(c, rule)
    assert library.diary.is_urgent(c.ratings, c.signs)
    assert not diary.is_severe(CheckIn(day=TODAY, ratings={"pain": rule - 1}), rule)
    # A ticked sign is urgent whatever the ratings.
    assert diary.is_severe(CheckIn(day=TODAY, signs=["fever"]), rule)
    assert library.diary.is_urgent({}, ["fever"])


def test_last_visit_day_is_the_latest_appointment_before_today():
    wb = Workbook()
    for day in (D(2026, 10, 14), TODAY, D(2026, 9, 1), None):
        edits.add_appointment(wb, date=day)
    assert diary.last_visit_day(wb, today=TODAY) == D(2026, 10, 14)
    assert diary.last_visit_day(Workbook(), today=TODAY) is None


def test_treatment_starts_are_cancer_medicines_only(full_wb):
    starts = diary.treatment_starts(full_wb)
    assert starts == sorted(starts)
    names = {m.name for m in full_wb.medicines if m.kind == "cancer"}
    assert {name for _, name in starts} <= names
    assert all(m.kind == "cancer" for m in full_wb.medicines if m.name in {n for _, n in starts})


def test_the_full_example_has_eight_weeks_and_a_day_and_night_member(full_wb):
    days = sorted(c.day for c in full_wb.checkins)
    assert len(days) == 8
    assert (days[-1] - days[0]).days == 49
    assert {m.kind for m in full_wb.medicines} == {"cancer", "other", "supplement"}
    assert team.day_night_phone(full_wb)
    assert any(a.what_changed for a in full_wb.appointments)
    assert any(a.want for a in full_wb.appointments)


# --- edits ---------------------------------------------------------------------


def test_a_check_in_for_a_future_day_is_refused_in_words():
    wb = Workbook()
    with pytest.raises(EditError, match="future"):
        edits.add_checkin(wb, day=diary.utcnow().date() + dt.timedelta(days=5))
    c = edits.add_checkin(wb)
    with pytest.raises(EditError, match="future"):
        edits.update_checkin(wb, c.id, day=diary.utcnow().date() + dt.timedelta(days=5))
    assert wb.checkins == [c]


def test_ratings_outside_0_to_4_are_refused_and_nothing_changes():
    wb = Workbook()
    c = edits.add_checkin(wb, day=TODAY)
    for bad in (-1, 5, 99):
        with pytest.raises(ValidationError):
            edits.set_rating(wb, c.id, "pain", bad)
    edits.set_rating(wb, c.id, "pain", 4)
    edits.set_rating(wb, c.id, "cough", 0)
    edits.set_rating(wb, c.id, "pain", None)
    assert wb.checkins[0].ratings == {"cough": 0}


def test_delete_a_check_in_and_bring_it_back():
    wb = Workbook()
    c = edits.add_checkin(wb, day=TODAY, ratings={"pain": 2}, notes="kept")
    gone = edits.delete_checkin(wb, c.id)
    assert wb.checkins == []
    edits.restore_checkin(wb, gone)
    edits.restore_checkin(wb, gone)  # twice is once
    assert wb.checkins == [c]
    with pytest.raises(EditError):
        edits.delete_checkin(wb, "no-such-id")


def test_signs_tick_and_untick():
    wb = Workbook()
    c = edits.add_checkin(wb, day=TODAY)
    edits.set_sign(wb, c.id, "fever", True)
    edits.set_sign(wb, c.id, "fever", True)
    assert wb.checkins[0].signs == ["fever"]
    edits.set_sign(wb, c.id, "fever", False)
    assert wb.checkins[0].signs == []


def test_a_medicine_cannot_stop_before_it_started():
    wb = Workbook()
    with pytest.raises(EditError, match="before"):
        edits.add_medicine(wb, name="X", started=D(2026, 5, 1), stopped=D(2026, 4, 1))
    m = edits.add_medicine(wb, name="X", drug_id="abemaciclib", kind="cancer", started=D(2026, 5, 1))
    with pytest.raises(EditError, match="before"):
        edits.update_medicine(wb, m.id, stopped=D(2026, 4, 1))
    edits.update_medicine(wb, m.id, stopped=D(2026, 6, 1), why="done")
    assert wb.medicines[0].stopped == D(2026, 6, 1)
    edits.delete_medicine(wb, m.id)
    assert wb.medicines == []


def test_only_one_day_and_night_member():
    wb = Workbook()
    a = edits.add_team_member(wb, name="A", phone="1", day_and_night=True)
    b = edits.add_team_member(wb, name="B", phone="2", day_and_night=True)
    assert team.day_night_phone(wb) == "2"
    assert [m.day_and_night for m in wb.care_team] == [False, True]
    edits.set_day_and_night(wb, a.id)
    assert team.day_night_phone(wb) == "1"
    edits.update_team_member(wb, b.id, day_and_night=True)
    assert [m.day_and_night for m in wb.care_team] == [False, True]
    edits.set_day_and_night(wb, None)
    assert team.day_night_phone(wb) == ""
    # A file with two marked keeps the first (nothing else is lost).
    two = Workbook.model_validate(
        {"care_team": [{"phone": "x", "day_and_night": True}, {"phone": "y", "day_and_night": True}]}
    )
    assert team.day_night_phone(two) == "x"
    assert [m.phone for m in two.care_team] == ["x", "y"]


def test_the_team_is_bounded_with_a_clear_message():
    wb = Workbook()
    for n in range(MAX_TEAM):
        edits.add_team_member(wb, name=str(n))
    with pytest.raises(EditError, match="at most"):
        edits.add_team_member(wb, name="one more")


def test_the_old_profile_number_still_reads_and_writes_through_the_team():
    wb = Workbook()
    edits.update_profile(wb, day_night_phone="555-0100", name="Sam")
    assert wb.profile.day_night_phone == team.day_night_phone(wb) == "555-0100"
    assert wb.profile.name == "Sam"
    edits.update_profile(wb, day_night_phone="")
    assert wb.care_team == []  # a number-only member is removed when the number is cleared


@settings(max_examples=60, deadline=None)
@given(
    text=st.one_of(st.sampled_from(NASTY), st.text(max_size=300)),
    ratings=st.dictionaries(
        st.sampled_from(["pain", "tiredness", "other", "x" * 60]), st.integers(0, 4), max_size=4
    ),
    interference=st.one_of(st.none(), st.integers(0, 4)),
    days_ago=st.integers(0, 3000),
)
def test_any_check_in_text_is_kept_literally_and_survives_json(text, ratings, interference, days_ago):
    wb = Workbook()
    c = edits.add_checkin(
        wb,
        day=TODAY - dt.timedelta(days=days_ago),
        ratings=ratings,
        interference=interference,
        other_symptom=text[:2000],
        notes=text,
    )
    edits.add_medicine(wb, name=text[:2000], dose=text[:2000], kind="supplement")
    edits.add_team_member(wb, name=text[:2000], phone=text[:2000], day_and_night=True)
    back = Workbook.model_validate_json(wb.model_dump_json())
    assert back == wb
    assert back.checkins[0].notes == text
    assert back.checkins[0].id == c.id
    assert team.day_night_phone(back) == text[:2000].strip()
