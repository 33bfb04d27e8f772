"""The care team: who is who, and the one number to call day and night.

Every reader of the day-and-night number asks `day_night_phone(wb)`: since
schema 4 it lives on a care team member, not in the profile.
"""

from __future__ import annotations

from workbook.model import TeamMember, Workbook


def day_night_member(wb: Workbook) -> TeamMember | None:
    return next((m for m in wb.care_team if m.day_and_night), None)


def day_night_phone(wb: Workbook) -> str:
    """The number to call day and night, stripped; "" when there is none."""
    member = day_night_member(wb)
    return member.phone.strip() if member else ""


def set_day_night_phone(wb: Workbook, phone: str) -> None:
    """Set the number itself: on the day-and-night member, or a new one (no name yet).

    An empty number on a member with no name and nothing else removes that member,
    so clearing a number that was only a number leaves no empty row behind.
    """
    member = day_night_member(wb)
    if member is None:
        if phone.strip():
            wb.care_team = [*wb.care_team, TeamMember(phone=phone, day_and_night=True)]
        return
    if not phone.strip() and not (member.name.strip() or member.contact.strip()):
        wb.care_team = [m for m in wb.care_team if m.id != member.id]
        return
    updated = TeamMember.model_validate({**member.model_dump(), "phone": phone})
    wb.care_team = [updated if m.id == member.id else m for m in wb.care_team]
