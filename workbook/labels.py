"""How dates and appointments are written for people, on screen and on paper alike."""

from __future__ import annotations

from datetime import date

from workbook.model import Appointment


def long_date(d: date) -> str:
    """'2 December 2026': no leading zero, the month spelled out (no day/month mix-ups)."""
    return f"{d.day} {d:%B %Y}"


def appointment_label(appt: Appointment | None, undated: str) -> str:
    """'2 December 2026 (Dr. Okafor)'; `undated` (content text) when there is no date."""
    if appt is None:
        return undated
    when = long_date(appt.date) if appt.date else undated
    return f"{when} ({appt.clinician})" if appt.clinician else when
