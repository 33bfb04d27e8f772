"""Every way the chaos walk finds something on screen, in one place.

Names come from content/ui.toml and the content library, so a reworded label
follows automatically; only the Streamlit test ids and the page structure
(which box sits in which row) are written here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from playwright.sync_api import Locator, Page

from content.library import Library, load_library

IDLE = "[data-testid='stApp'][data-test-connection-state='CONNECTED'][data-test-script-state='notRunning']"
EXCEPTION = "[data-testid='stException']"
ERROR = "[data-testid='stAlertContentError']"
WARNING = "[data-testid='stAlertContentWarning']"
TOAST = "[data-testid='stToast']"
DIALOG = "[role='dialog']"
UPLOAD = "[data-testid='stFileUploader'] input[type='file']"


@lru_cache(maxsize=1)
def library() -> Library:
    return load_library()


def t(key: str) -> str:
    return library().t(key)


def prefix(key: str) -> str:
    """The fixed start of a text with {fields}: 'Saved at {time}' -> 'Saved at'."""
    return t(key).split("{", 1)[0].strip()


# --- pages ---------------------------------------------------------------------

SECTIONS = ("hormone", "targeted", "radiation", "surgery", "chemotherapy", "general")


def page_titles() -> dict[str, str]:
    """Page key -> its title in the sidebar."""
    lib = library()
    titles = {"welcome": t("welcome.title"), "about": t("about.title"), "values": t("values.title")}
    titles |= {sid: lib.sections[sid].short_title for sid in SECTIONS}
    titles |= {"questions": t("questions.title"), "export": t("export.title")}
    titles |= {"team": t("team.title"), "medicines": t("medicines.title"), "diary": t("diary.title")}
    titles |= {"visits": t("visits.title")}
    return titles


def page_headings() -> dict[str, str]:
    """Page key -> the h1 the page shows (a treatment page shows its long title)."""
    lib = library()
    return {**page_titles(), "welcome": t("app.name"), **{sid: lib.sections[sid].title for sid in SECTIONS}}


def nav_link(page: Page, key: str) -> Locator:
    return page.locator("[data-testid='stSidebarNav']").get_by_role(
        "link", name=page_titles()[key], exact=True
    )


def heading(page: Page) -> Locator:
    return page.locator("[data-testid='stMain'] h1").first


# --- the status bar ---------------------------------------------------------------


def saved_indicator(page: Page) -> Locator:
    return page.locator("[data-testid='stMain']").get_by_text(re.compile(re.escape(prefix("app.saved_at"))))


def conflict_buttons(page: Page) -> tuple[Locator, Locator]:
    return (
        page.get_by_role("button", name=t("app.reload"), exact=True),
        page.get_by_role("button", name=t("app.keep_mine"), exact=True),
    )


# --- a treatment page -------------------------------------------------------------


def text_box(page: Page, label: str) -> Locator:
    """A text box by its label. If the app moves text boxes into a custom component
    (an iframe), look there too."""
    box = page.get_by_label(label, exact=True)
    if box.count():
        return box.first
    for frame in page.frames[1:]:
        inner = frame.get_by_label(label, exact=True)
        if inner.count():
            return inner.first
    return box.first


# --- the records (issue 11): a care-team person's or a medicine's boxes ------------------

_ID = "[A-Za-z0-9_-]{22}"  # workbook.model.new_id()


RECORD_MARKERS = {"team": "team-name", "medicines": "medicines-open", "visits": "visits-clinician"}


def record_ids(page: Page, kind: str) -> list[str]:
    """The ids of the people, medicines or appointments with a card on this page, in page
    order. Each card has a box (team, visits) or an expander (medicines) keyed by the item's
    id, and Streamlit marks it with the class "st-key-" + the key (dots turned to dashes)."""
    marker = RECORD_MARKERS[kind]
    found = []
    for classes in page.locator(f"[data-testid='stMain'] [class*='st-key-{marker}-']").evaluate_all(
        "els => els.map((e) => e.className)"
    ):
        m = re.search(rf"st-key-{marker}-(\S+)-{_ID}-\d+(?:\s|$)", classes)
        if m and m.group(1) not in found:
            found.append(m.group(1))
    return found


def record_card(page: Page, kind: str, item_id: str) -> Locator | None:
    """The expander holding the item's boxes; None where the boxes are always shown (visits)."""
    if kind == "visits":
        return None
    marker = RECORD_MARKERS[kind]
    keyed = page.locator(f"[class*='st-key-{marker}-{item_id}-']").first
    if kind == "medicines":
        return keyed.locator("details").first
    return page.locator("[data-testid='stMain'] details").filter(has=keyed).last


def record_box(page: Page, kind: str, name: str, item_id: str) -> Locator:
    return page.locator(f"[class*='st-key-{kind}-{name}-{item_id}-']").locator("input, textarea").first


def notes_box(page: Page) -> Locator:
    return text_box(page, t("modality.notes_label"))


def own_box(page: Page) -> Locator:
    return text_box(page, t("modality.own_label"))


def own_add_button(page: Page) -> Locator:
    return page.get_by_role("button", name=t("modality.own_add"))


def own_rows(page: Page) -> Locator:
    """Rows of own questions: a text box and its Remove button side by side."""
    return (
        page.locator("[data-testid='stHorizontalBlock']")
        .filter(has=page.get_by_role("button", name=t("modality.own_delete"), exact=True))
        .filter(has=page.locator("input, textarea"))
    )


def own_row_parts(row: Locator) -> tuple[Locator, Locator]:
    return (
        row.locator("input, textarea").first,
        row.get_by_role("button", name=t("modality.own_delete"), exact=True),
    )


def status_radio(page: Page) -> Locator:
    return page.locator("[data-testid='stRadio']").filter(has_text=t("modality.status_label"))


def status_labels() -> dict[str, str]:
    """Status id -> its label on the radio."""
    return {s.id: s.label for s in library().interface.statuses}


def question_checkboxes(page: Page) -> Locator:
    """The library questions on a treatment page (toggles are not checkboxes here)."""
    return page.locator("[data-testid='stMain'] [data-testid='stCheckbox']")


def checkbox_states(boxes: Locator) -> list[tuple[str, bool]]:
    """(label, ticked) of every checkbox widget in `boxes`, in one round trip."""
    return [
        (label.strip(), bool(ticked))
        for label, ticked in boxes.evaluate_all(
            "els => els.map(e => [e.innerText, !!(e.querySelector('input') || {}).checked])"
        )
    ]


def question_by_label(label: str) -> tuple[str, str] | None:
    """(section id, question id) for a checkbox label; the label may carry a suffix
    such as '(often discussed for people like you)'."""
    lib = library()
    for sid in SECTIONS:
        for _, questions in lib.questions_by_topic(sid, include_future=True):
            for q in questions:
                if label == q.text or label.startswith(q.text + " "):
                    return sid, q.id
    return None


# --- my question list -----------------------------------------------------------------


def star_checkboxes(page: Page) -> Locator:
    return page.get_by_role("checkbox", name=t("questions.star"), exact=True)


def star_clickable(page: Page) -> Locator:
    return page.locator("[data-testid='stCheckbox']").filter(has=star_checkboxes(page))


_CARD_TEXT_JS = """els => els.map(el => {
  let n = el;
  while (n && !(n.querySelector && n.querySelector("[data-testid='stMarkdownContainer'] strong"))) n = n.parentElement;
  const s = n && n.querySelector("[data-testid='stMarkdownContainer'] strong");
  return s ? s.innerText : null;
})"""


def star_card_texts(page: Page) -> list[str | None]:
    """The question text on the card of each star checkbox, in screen order."""
    return star_checkboxes(page).evaluate_all(_CARD_TEXT_JS)


def star_refused_text() -> str:
    """Part of the message shown when a fourth star is refused."""
    return "three top questions"


# --- welcome ---------------------------------------------------------------------


def import_ok_text() -> str:
    return t("welcome.import_ok")


# --- messages that mean something was lost ------------------------------------------

FAILURE_KEYS = (
    "app.error",
    "app.load_error",
    "app.store_error",
    "app.not_found",
    "app.store_missing",
    "app.store_missing_load",
    "app.deleted",
)


def failure_texts() -> dict[str, str]:
    """Texts that must never appear in a walk that deletes nothing: the error page,
    'could not be read', a failed save, a workbook gone. Keys not (yet) in ui.toml
    are skipped."""
    return {key: text for key in FAILURE_KEYS if (text := maybe_t(key))}


def maybe_t(key: str) -> str | None:
    try:
        return t(key)
    except Exception:  # a key the interface does not have (yet)
        return None


# --- panels that ask the person to choose -------------------------------------------------


def choose_new_button(page: Page) -> Locator:
    """'Start a new workbook' in the panel asking whether an unsaved change is a new one."""
    return page.get_by_role("button", name=t("welcome.start_new"), exact=True)


def choose_panel_shown(page: Page) -> bool:
    text = maybe_t("app.choose")
    return text is not None and page.get_by_text(text).count() > 0


def save_choices_button(page: Page) -> Locator:
    return page.get_by_role("button", name=maybe_t("app.conflict_save") or "\0", exact=True)


def confirm_dialog(page: Page) -> tuple[Locator, Locator] | None:
    """(yes, no) of an open 'are you sure' dialog (untick or remove an answered
    question), or None when none is open."""
    dialog = page.locator(DIALOG)
    if not dialog.count():
        return None
    for yes_key, no_key in (
        ("modality.untick_yes", "modality.untick_no"),
        ("modality.remove_yes", "modality.remove_no"),
    ):
        yes, no = maybe_t(yes_key), maybe_t(no_key)
        if yes and no and dialog.get_by_role("button", name=yes, exact=True).count():
            return (
                dialog.get_by_role("button", name=yes, exact=True),
                dialog.get_by_role("button", name=no, exact=True),
            )
    return None
