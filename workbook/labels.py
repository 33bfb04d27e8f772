"""How dates, times and appointments are written for people, on screen and on paper alike.

Babel writes them in the locale's own order and words, so a second language
needs only its locale code. Times are shown in the person's time zone (the
browser's, passed in by the view), never the server's.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date, format_time, get_datetime_format

from workbook.model import Appointment

# en_GB's long date is "2 December 2026": the month spelled out (no day/month
# mix-ups) and no leading zero. A second language passes its own code.
LOCALE = "en_GB"


def zone(name: str | None) -> ZoneInfo | None:
    """The IANA zone the browser reported, or None (use this computer's) if it is missing or unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # the name comes from the browser: any string
        return None


def local(moment: datetime, tz: str | None) -> datetime:
    """`moment` on the person's clock: in zone `tz`, else in this computer's zone."""
    return moment.astimezone(zone(tz))


def today(tz: str | None) -> date:
    """The person's date today (near midnight it can differ from the server's)."""
    return datetime.now().astimezone(zone(tz)).date()


def long_date(d: date, locale: str = LOCALE) -> str:
    """'2 December 2026' (en_GB); a datetime is taken as the date it already shows."""
    day = d.date() if isinstance(d, datetime) else d
    return format_date(day, "long", locale=locale)


def clock(moment: datetime, tz: str | None, locale: str = LOCALE) -> str:
    """'14:05' (en_GB), on the person's clock."""
    return _time(local(moment, tz), locale)


def long_date_time(moment: datetime, tz: str | None, locale: str = LOCALE) -> str:
    """'2 December 2026, 14:05' (en_GB): date and time joined the locale's way, on the person's clock."""
    at = local(moment, tz)
    joined = str(get_datetime_format("medium", locale=locale))
    return joined.replace("{1}", long_date(at, locale)).replace("{0}", _time(at, locale))


def _time(at: datetime, locale: str) -> str:
    """Hours and minutes as `at` already shows them (no zone conversion)."""
    return format_time(at, "short", locale=locale)


def appointment_label(appt: Appointment | None, undated: str, locale: str = LOCALE) -> str:
    """'2 December 2026 (Dr. Okafor)'; `undated` (content text) when there is no date."""
    if appt is None:
        return undated
    when = long_date(appt.date, locale) if appt.date else undated
    return f"{when} ({appt.clinician})" if appt.clinician else when
