"""Hostile text typed in the browser is shown exactly as typed, on every page and in the PDF.

About 40 strings (tests/nasty.py: markup, Markdown, LaTeX, icon and emoji codes,
web and mail addresses, arrows, dashes, quotes, control characters, scripts) are
typed into own questions, a note, the name, the day-and-night number, the
"with whom" of an appointment and an answer. Then the rendered DOM is read on
My question list, Welcome (the workbook list), the treatment page (urgent box,
boxes) and About me, and the full summary PDF is downloaded.

The stated comparison (views/text.py, tests/unit/test_escaping.py): what the
page shows equals `shown(stored)`, whitespace runs compared as one space;
`stored` is what the app kept, which must equal what was typed after the
browser's own rules for a box (a one-line box drops line breaks, a text area
turns CR into LF). And no <a> element holds text that came from the person.
PDF: tests/pdf_text.py `shows`.
"""

from __future__ import annotations

import io
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from content.library import load_library
from tests.e2e.server import wait_idle
from tests.nasty import NASTY
from tests.pdf_text import shows
from views.parts import PAGE_SIZE
from views.text import plain_label, shown
from workbook.labels import appointment_label

LIB = load_library()
T = LIB.t
SECTION = "hormone"

# --- every locator in one place: labels and names come from content/ui.toml ------
LABEL = {
    "name": T("about.name_label"),
    "phone": f"{T('team.phone_label')} ({T('team.person').format(n=1)})",
    "clinician": T("about.appt_clinician"),
    "own": T("modality.own_label"),
    "notes": T("modality.notes_label"),
    "answer": T("questions.answer_label"),
    "appointment": T("questions.appointment_label"),
}
BUTTON = {
    "own_add": T("modality.own_add"),
    "team_add": T("team.add"),
    "appt_add": T("about.appt_add"),
    "download_pdf": T("export.download_pdf"),
}
PAGE = {
    "welcome": T("welcome.title"),
    "about": T("about.title"),
    "questions": T("questions.title"),
    "export": T("export.title"),
    "team": T("team.title"),
    "section": LIB.sections[SECTION].title,
}
HEADING = {"welcome": T("app.name")}  # the page's h1 where it differs from its link
CHOICE = {
    "after": T("questions.mode_after"),
    "summary": T("options.document.summary"),
    "earlier": T("questions.earlier"),
    "later": T("about.appt_later"),
}
MAIN = "[data-testid='stMain']"
MARKDOWN = f"{MAIN} [data-testid='stMarkdownContainer']"
CAPTION = f"{MAIN} [data-testid='stCaptionContainer']"
PDF_BUTTON = ".st-key-export-download-pdf"  # the workbook's PDF (views/export.py), not a blank list


def box(page, field: str):
    return page.get_by_label(LABEL[field], exact=True)


def nav(page, page_id: str) -> None:
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=PAGE[page_id], exact=True).click()
    expect(page.get_by_role("heading", level=1).first).to_have_text(HEADING.get(page_id, PAGE[page_id]))
    wait_idle(page)


# --- the strings ---------------------------------------------------------------------
HOSTILE = [s for s in NASTY if s.strip() and len(s) <= 500]
LABEL_CHARS = 80  # the workbook list shows the name's first 80 characters (workbook/store.py)


def one_line(text: str) -> str:
    """What a one-line box keeps of typed text: the browser drops CR and LF."""
    return text.replace("\r", "").replace("\n", "")


def in_area(text: str) -> str:
    """What a text area keeps: the browser turns CR LF and a lone CR into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def one_line_groups(limit: int = LABEL_CHARS) -> list[str]:
    """Every hostile string, packed into one-line values that fit the workbook list."""
    groups, current = [], ""
    for text in (one_line(s).strip() for s in HOSTILE):
        for start in range(0, len(text), limit):
            piece = text[start : start + limit].strip()
            if current and len(current) + 1 + len(piece) > limit:
                groups.append(current)
                current = ""
            current = f"{current} {piece}" if current else piece
    return [*groups, current] if current else groups


def multi_line_groups(size: int = 5) -> list[str]:
    """Every hostile string, `size` to a value, one per line (for text areas)."""
    return ["\n".join(HOSTILE[i : i + size]) for i in range(0, len(HOSTILE), size)]


def same(rendered: str, expected: str) -> bool:
    return " ".join(rendered.split()) == " ".join(shown(expected).split())


# --- reading the store and the page ------------------------------------------------------
def workbook_id(page) -> str:
    expect(page).to_have_url(re.compile(r"[?&]wb="))
    return parse_qs(urlparse(page.url).query)["wb"][0]


def stored(page, check, timeout: float = 20):
    """Wait (bounded) until the stored workbook satisfies `check`; return it."""
    from workbook import store

    wid, deadline = workbook_id(page), time.monotonic() + timeout
    while True:
        found = store.load(wid)
        wb = getattr(found, "workbook", found)
        if wb is not None and check(wb):
            return wb
        assert time.monotonic() < deadline, "the edit was not saved"
        time.sleep(0.2)


def type_into(page, field: str, text: str) -> None:
    target = box(page, field)
    target.fill(text)
    target.press("Tab")


def open_options(page, field: str):
    """The options of a select box, opened (by a click, or the keyboard if a rerun ate it)."""
    select, options = box(page, field), page.get_by_role("option")
    for attempt in range(3):
        select.click() if attempt == 0 else select.press("ArrowDown")
        try:
            expect(options.first).to_be_visible(timeout=5_000)
            return options
        except AssertionError:
            wait_idle(page)
    raise AssertionError(f"the options of {LABEL[field]!r} did not open")


def eventually(check, timeout: float = 10) -> bool:
    """True once `check()` is (polled, bounded): for what the next run draws."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def texts(page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all("els => els.map(e => e.textContent)")


def texts_in_every_part(page, selector: str, items: int) -> list[str]:
    """A long list is drawn PAGE_SIZE cards at a time (views/parts.py: paged): read every part.
    `items` says whether the box to choose a part must be there: wait for it then, since
    reading at once after a page switch can come a moment before it is drawn."""
    chooser = page.get_by_role("combobox", name=re.compile("^Which of the "))
    if items <= PAGE_SIZE:
        return texts(page, selector)
    expect(chooser.first).to_be_visible()
    found = texts(page, selector)
    chooser.first.click()
    names = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    before = found
    for name in names[1:]:
        chooser.first.click()
        page.get_by_role("option", name=name, exact=True).click()
        wait_idle(page)
        # "Idle" can come before the rerun that draws the chosen part has begun: read until
        # the cards differ from the part before and hold still (bounded).
        part: list[str] = []

        def settled(before=before) -> bool:
            nonlocal part
            now = texts(page, selector)
            still, part = now == part, now
            return bool(now) and now != before and still

        assert eventually(settled), f"part {name!r} was not drawn"
        found += part
        before = part
    return found


def assert_no_link_from(page, typed: list[str]) -> None:
    """No <a> in the main area or sidebar carries the person's text or their addresses."""
    # A collapsed label (label_visibility="collapsed") is still rendered, inside an
    # element with display: none: no one can see, click or hear it, and the control's
    # accessible name is the raw label. Only links a person can reach count.
    links = page.locator("a").evaluate_all(
        "els => els.filter(e => e.checkVisibility())"
        ".map(e => [e.textContent || '', e.getAttribute('href') || ''])"
    )
    for text, href in links:
        text = text.strip()
        assert not (text and any(text in t or text in shown(t) for t in typed)), (text, href)
        assert not href.startswith(("mailto:", "xmpp:")), (text, href)
        assert ".invalid" not in href, (text, href)


def assert_shown_once_each(rendered: list[str], expected: list[str], where: str) -> None:
    pool = [" ".join(r.split()) for r in rendered]
    for text in expected:
        want = " ".join(shown(text).split())
        assert want in pool, f"{where}: {text!r} not shown exactly; shown: {pool[:60]}"
        pool.remove(want)


@pytest.fixture
def store_env(app_data_dir, monkeypatch):
    from workbook import store

    monkeypatch.setenv(store.DATA_DIR_ENV, str(app_data_dir))


def start_new(page) -> None:
    """Other tests saved workbooks in this store: on the bare address a new one is made
    only on purpose, with "Start a new workbook"."""
    start = page.get_by_role("button", name=T("welcome.start_new"))
    if start.count() and start.is_enabled():
        start.click()
        wait_idle(page)


def test_hostile_text_is_shown_exactly_everywhere(page, app_url, app_data_dir, store_env):
    page.set_default_timeout(60_000)
    page.goto(app_url)
    wait_idle(page)
    start_new(page)
    groups = one_line_groups()
    typed_all = HOSTILE + groups

    # Own questions, a few strings each (one per line), and a note holding them all.
    nav(page, "section")
    questions = multi_line_groups()
    for n, text in enumerate(questions, 1):
        type_into(page, "own", text)
        wait_idle(page)
        page.get_by_role("button", name=BUTTON["own_add"], exact=True).click()
        stored(page, lambda wb, n=n: len(wb.section(SECTION).questions) == n)
        wait_idle(page)
        expect(box(page, "own")).to_have_count(1)
        expect(box(page, "own")).to_have_value("")
    wb = stored(page, lambda wb: True)
    own = [q.text for q in wb.section(SECTION).questions if q.own]
    assert own == [in_area(s).strip() for s in questions]
    note = "\n".join(HOSTILE)
    type_into(page, "notes", note)
    wb = stored(page, lambda wb: bool(wb.section(SECTION).notes))
    assert wb.section(SECTION).notes == in_area(note)
    wait_idle(page)

    # The boxes give back what they hold.
    for text in own:
        label = plain_label(T("modality.own_edit"), text)
        expect(page.get_by_label(label, exact=True).first).to_have_value(text)
    expect(box(page, "notes")).to_have_value(in_area(note))

    nav(page, "questions")
    assert_shown_once_each(texts(page, f"{MARKDOWN} p > strong"), own, "My question list")
    assert_no_link_from(page, typed_all)

    # The name and the day-and-night number: Welcome's list, the line saying which
    # workbook is open, My care team, and the urgent box on the treatment page.
    nav(page, "team")
    page.get_by_role("button", name=BUTTON["team_add"], exact=True).click()
    stored(page, lambda wb: len(wb.care_team) == 1)
    wait_idle(page)
    type_into(page, "phone", "555-0199")
    stored(page, lambda wb: wb.care_team[0].phone == "555-0199")
    wait_idle(page)
    page.locator("[data-testid='stRadio']").get_by_text("555-0199").click()
    stored(page, lambda wb: wb.profile.day_night_phone == "555-0199")
    wait_idle(page)
    for group in groups:
        nav(page, "about")
        type_into(page, "name", group)
        stored(page, lambda wb, g=group: wb.profile.name == g)
        wait_idle(page)
        line = " ".join(shown(T("app.current").format(name=group)).split())
        # The run after the save redraws the line: read it until then (bounded), not at once.
        assert eventually(lambda line=line: any(line in " ".join(t.split()) for t in texts(page, CAPTION))), (
            group
        )
        assert_no_link_from(page, typed_all)

        nav(page, "team")
        if not box(page, "phone").is_visible():  # the card's details close once filled in
            page.get_by_text(f"{T('team.edit')} ({T('team.person').format(n=1)})", exact=True).click()
        type_into(page, "phone", group)
        stored(page, lambda wb, g=group: wb.profile.day_night_phone == g)
        wait_idle(page)
        assert_no_link_from(page, typed_all)

        nav(page, "welcome")
        listed = texts(page, f"{MARKDOWN} p > strong")
        assert any(same(t, group.strip()[:LABEL_CHARS]) for t in listed), (group, listed)
        assert_no_link_from(page, typed_all)

        nav(page, "section")
        urgent = T("modality.urgent_phone").format(phone=group.strip())
        assert any(same(t, urgent) for t in texts(page, f"{MARKDOWN} p > strong")), group
        assert_no_link_from(page, typed_all)

    # An answer, shown under "Earlier answers" with the appointment's "with whom".
    nav(page, "about")
    type_into(page, "clinician", groups[0])
    stored(page, lambda wb: bool(wb.appointments) and wb.appointments[0].clinician == groups[0])
    page.get_by_text(CHOICE["later"], exact=True).click()  # the button is in this expander
    page.get_by_role("button", name=BUTTON["appt_add"], exact=True).click()
    stored(page, lambda wb: len(wb.appointments) == 2)
    wait_idle(page)

    nav(page, "questions")
    page.get_by_text(CHOICE["after"], exact=True).click()
    wait_idle(page)
    answer = "\n".join(HOSTILE)
    # Each answer box is named for its question ("What I was told: <question>", issue 12).
    answer_box = page.get_by_label(re.compile("^" + re.escape(LABEL["answer"]) + ": ")).first
    answer_box.fill(answer)
    answer_box.press("Tab")
    wb = stored(page, lambda wb: any(a.text for _, q in _questions(wb) for a in q.answers))
    kept = next(a for _, q in _questions(wb) for a in q.answers if a.text)
    assert kept.text == in_area(answer)
    # Record for the other appointment: the first answer is now an earlier one.
    when = appointment_label(wb.appointments[0], T("about.appt_undated"))
    wait_idle(page)
    options = open_options(page, "appointment")
    expect(options).to_have_count(2)
    assert any(same(o, when) for o in options.all_inner_texts()), options.all_inner_texts()
    options.nth(1).click()
    wait_idle(page)
    page.get_by_text(CHOICE["earlier"], exact=True).first.click()
    earlier = texts(page, f"{MAIN} [data-testid='stExpander'] [data-testid='stMarkdownContainer']")
    assert any(same(t, f"{when}\n{kept.text}") for t in earlier), earlier
    assert_no_link_from(page, typed_all)

    # The PDF has every string as typed.
    nav(page, "export")
    page.get_by_text(CHOICE["summary"], exact=True).click()
    wait_idle(page)
    with page.expect_download() as download:
        page.locator(PDF_BUTTON).get_by_role("button", name=BUTTON["download_pdf"]).click()
    data = Path(download.value.path()).read_bytes()
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    for typed in [*own, groups[-1], in_area(note), kept.text]:
        assert shows(text, typed), typed


def _questions(wb):
    for sid in LIB.sections:
        for q in wb.section(sid).questions:
            yield sid, q


def test_a_workbook_from_someone_else_shows_its_text_exactly(page, app_url, store_env):
    """Text no box lets through (a lone CR, every control character) arrives in a
    shared workbook file: the pages show it by the same rule."""
    from workbook import edits, store
    from workbook.model import Workbook

    wb = Workbook()
    for text in HOSTILE:
        edits.add_own_question(wb, SECTION, text)
    edits.update_profile(wb, name=HOSTILE[-1], day_night_phone="555\r0199 -> mail@example.invalid")
    store.create(wb)
    own = [q.text for q in wb.section(SECTION).questions]
    page.goto(f"{app_url}/?wb={wb.id}")
    wait_idle(page)
    nav(page, "questions")
    assert_no_link_from(page, HOSTILE)
    assert_shown_once_each(
        texts_in_every_part(page, f"{MARKDOWN} p > strong", len(own)), own, "My question list"
    )
    nav(page, "section")
    urgent = T("modality.urgent_phone").format(phone=wb.profile.day_night_phone)
    assert any(same(t, urgent) for t in texts(page, f"{MARKDOWN} p > strong"))
    assert_no_link_from(page, [*HOSTILE, wb.profile.day_night_phone])
