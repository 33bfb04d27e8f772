from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, strategies as hst

from workbook.labels import appointment_label, clock, local, long_date, long_date_time, today, zone
from workbook.model import Appointment

LATE_EVENING_UTC = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)


def test_long_date_has_no_leading_zero():
    assert long_date(date(2026, 12, 2)) == "2 December 2026"


def test_long_date_follows_the_locale():
    assert long_date(date(2026, 12, 2), "en_US") == "December 2, 2026"
    assert long_date(date(2026, 12, 2), "es") == "2 de diciembre de 2026"


def test_long_date_of_a_datetime_is_the_day_it_shows():
    assert long_date(LATE_EVENING_UTC.astimezone(zone("Asia/Tokyo"))) == "3 December 2026"


def test_appointment_labels():
    assert appointment_label(None, "No date") == "No date"
    assert appointment_label(Appointment(), "No date") == "No date"
    assert appointment_label(Appointment(clinician="Dr. O"), "No date") == "No date (Dr. O)"
    assert (
        appointment_label(Appointment(date=date(2026, 1, 5), clinician="Dr. O"), "x")
        == "5 January 2026 (Dr. O)"
    )


def test_appointment_label_in_another_locale():
    assert appointment_label(Appointment(date=date(2026, 1, 5)), "x", "fr") == "5 janvier 2026"


def test_times_are_on_the_browsers_clock_not_the_servers():
    assert clock(LATE_EVENING_UTC, "America/New_York") == "18:30"
    assert clock(LATE_EVENING_UTC, "Asia/Kolkata") == "05:00"
    assert long_date_time(LATE_EVENING_UTC, "Asia/Tokyo") == "3 December 2026, 08:30"
    assert long_date_time(LATE_EVENING_UTC, "Europe/London") == "2 December 2026, 23:30"


def test_summer_time_is_applied():
    assert clock(datetime(2026, 7, 1, 12, 0, tzinfo=UTC), "Europe/Paris") == "14:00"


@pytest.mark.parametrize("name", [None, "", "Mars/Olympus_Mons", "../../etc/passwd", "\x00", "UTC+5", " "])
def test_a_missing_or_strange_zone_falls_back_to_this_computers(name):
    assert zone(name) is None
    assert local(LATE_EVENING_UTC, name) == LATE_EVENING_UTC.astimezone()
    assert clock(LATE_EVENING_UTC, name) == f"{LATE_EVENING_UTC.astimezone():%H:%M}"


@given(hst.text(max_size=40))
def test_any_zone_string_gives_a_time_never_a_crash(name):
    assert len(clock(LATE_EVENING_UTC, name)) == 5


def test_today_is_the_persons_date():
    for name in ("Pacific/Kiritimati", "Pacific/Pago_Pago", None):
        now = datetime.now(UTC).astimezone(zone(name))
        assert today(name) in {now.date(), (now + timedelta(minutes=1)).date()}


# Near midnight the person's day is not the server's: east of UTC it is already
# tomorrow, west of it still yesterday.
JUST_AFTER_MIDNIGHT_UTC = datetime(2026, 12, 3, 0, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    "moment, name, shown",
    [
        (LATE_EVENING_UTC, "Pacific/Auckland", "3 December 2026, 12:30"),  # east: the next day
        (LATE_EVENING_UTC, "America/Los_Angeles", "2 December 2026, 15:30"),
        (JUST_AFTER_MIDNIGHT_UTC, "America/Los_Angeles", "2 December 2026, 16:15"),  # west: the day before
        (JUST_AFTER_MIDNIGHT_UTC, "Asia/Kolkata", "3 December 2026, 05:45"),
        (JUST_AFTER_MIDNIGHT_UTC, "UTC", "3 December 2026, 00:15"),
    ],
)
def test_a_time_near_midnight_is_on_the_persons_day(moment, name, shown):
    assert long_date_time(moment, name) == shown
    assert long_date(local(moment, name)) == shown.split(", ")[0]
    assert clock(moment, name) == shown.split(", ")[1]


def test_midnight_itself_is_written_00_00():
    assert clock(datetime(2026, 12, 3, 5, 0, tzinfo=UTC), "America/New_York") == "00:00"


@pytest.mark.parametrize("name", ["Europe/Atlantis", "America/New York", "utc+01:00"])
def test_an_unknown_zone_name_gives_this_computers_time_not_an_error(name):
    expected = LATE_EVENING_UTC.astimezone()
    assert long_date_time(LATE_EVENING_UTC, name) == long_date_time(expected, None)
    assert long_date(local(LATE_EVENING_UTC, name)) == long_date(expected)
