from datetime import date

from workbook.labels import appointment_label, long_date
from workbook.model import Appointment


def test_long_date_has_no_leading_zero():
    assert long_date(date(2026, 12, 2)) == "2 December 2026"


def test_appointment_labels():
    assert appointment_label(None, "No date") == "No date"
    assert appointment_label(Appointment(), "No date") == "No date"
    assert appointment_label(Appointment(clinician="Dr. O"), "No date") == "No date (Dr. O)"
    assert appointment_label(Appointment(date=date(2026, 1, 5), clinician="Dr. O"), "x") == "5 January 2026 (Dr. O)"
