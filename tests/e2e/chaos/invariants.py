"""The checks after every step. Each returns a list of plain findings (empty: fine)."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.chaos import locators as loc
from tests.e2e.chaos.model import Expected, starred_count
from tests.e2e.chaos.store_check import Snapshot

MAX_STARS = 3


def _texts(page: Page, selector: str) -> list[str]:
    return [" ".join(s.split()) for s in page.locator(selector).all_inner_texts()]


def page_errors(page: Page, allowed: tuple[str, ...] = ()) -> list[str]:
    """No exception box, no error page, no 'could not be read', no unexpected st.error.
    `allowed` holds error texts this step may show; "*" allows any (a damaged file's
    message), never the failure texts."""
    found = []
    if page.locator(loc.EXCEPTION).count():
        found.append(f"an exception is shown: {_texts(page, loc.EXCEPTION)[:1]}")
    # The app says these through st.error / st.warning, so the alerts are enough
    # (reading the whole page's text would cost a layout on every step).
    errors = _texts(page, loc.ERROR)
    said = " ".join(errors + _texts(page, loc.WARNING) + _texts(page, loc.TOAST))
    for key, text in loc.failure_texts().items():
        if " ".join(text.split()) in said:
            found.append(f"the page shows {key}: {text!r}")
    failures = [" ".join(f.split()) for f in loc.failure_texts().values()]

    def expected(text: str) -> bool:
        return "*" in allowed or any(a and a in text for a in allowed) or any(f in text for f in failures)

    found.extend(f"an unexpected error message: {text!r}" for text in errors if not expected(text))
    return found


def alerts(page: Page) -> list[str]:
    """Errors and warnings this run showed (the static disclaimer aside). Toasts are
    left out: they outlive the run that made them, and the app shows each toast's
    message at the top too."""
    disclaimer = " ".join(loc.library().interface.disclaimer.split())
    shown = _texts(page, loc.ERROR) + _texts(page, loc.WARNING)
    return [s for s in shown if disclaimer not in s]


def acknowledged(page: Page) -> bool:
    """The person was told the change is saved: 'Saved at' shows, and nothing
    says it was refused or failed."""
    return loc.saved_indicator(page).count() > 0 and not alerts(page)


def store_findings(snap: Snapshot, expected: Expected) -> list[str]:
    found = [
        f"workbook {wb_id} is unreadable in the store ({why})"
        for wb_id, why in sorted(snap.unreadable.items())
    ]
    found.extend(
        f"workbook {wb_id} had acknowledged edits and is gone from the store"
        for wb_id in sorted(expected.must_exist)
        if wb_id not in snap.workbooks and wb_id not in snap.unreadable
    )
    for wb_id, wb in snap.workbooks.items():
        found += [f"workbook {wb_id}: acknowledged edit missing: {m}" for m in expected.mismatches(wb_id, wb)]
        if starred_count(wb) > MAX_STARS:
            found.append(f"workbook {wb_id} has {starred_count(wb)} stars (at most {MAX_STARS})")
    return found
