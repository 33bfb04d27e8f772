"""The three people of clinic mode in a real browser, through nginx and two app servers.

A patient writes a question and invites a caregiver who may suggest questions and her
nurse navigator, each by a single-use link. The caregiver signs in with the link, reads
the question and suggests one; the patient adds it. The navigator downloads the question
list and leaves a note; the patient reads it. The patient sees who did what and stops the
caregiver's share, which leaves the caregiver with nothing; a used link opens nothing.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.clinic.test_signin_support import browser, clinic, new_page, set_claims, sign_in  # noqa: F401
from tests.e2e.server import wait_idle

pytestmark = pytest.mark.e2e
OWN = "Can I keep working while I take this?"
SUGGESTED = "What should we do if the pain gets worse at night?"
NOTE = "Bring your medicine list on Tuesday."
SHOTS = Path(tempfile.gettempdir()) / "workbook-clinic-screenshots"  # to look at, not compared


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _nav(page, title: str) -> None:
    """By the sidebar, or on a phone (sidebar folded away) by the "All pages" button."""
    sidebar = page.locator("[data-testid='stSidebarNav']")
    if sidebar.is_visible():
        sidebar.get_by_role("link", name=title, exact=True).click()
    else:
        page.get_by_role("button", name="All pages").click()
        page.locator("[data-testid='stPopoverBody']").get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    wait_idle(page)


def _invite(page, role: str) -> str:
    """On Sharing: make a link for this role; the link as shown."""
    _nav(page, "Sharing")
    page.get_by_role("radiogroup").get_by_text(role, exact=True).click()
    wait_idle(page)
    code = page.locator("[data-testid='stCode']").filter(has_text="invite=")
    before = code.inner_text() if code.count() else None  # the link made last time, if any
    page.get_by_role("button", name="Make an invitation link").click()
    expect(code).to_be_visible()
    if before is not None:
        expect(code).not_to_have_text(before)
    link = code.inner_text().strip()
    assert "?invite=" in link
    return link


def _join(browser, clinic, link: str, subject: str, name: str):  # noqa: F811
    set_claims(clinic, subject, name=name)
    page = new_page(browser, viewport=(390, 844))  # a caregiver far away, on her phone
    sign_in(page, clinic, subject, path=link.removeprefix(clinic.origin))
    expect(page.get_by_text("The invitation worked")).to_be_visible()
    _nav(page, "Shared with me")
    return page


def test_a_patient_shares_with_a_caregiver_and_her_navigator_and_stops_one(browser, clinic):  # noqa: F811
    set_claims(clinic, "patient-roles", name="Ann Patient")
    patient = new_page(browser)
    sign_in(patient, clinic, "patient-roles")
    _nav(patient, "Hormone therapy")
    patient.get_by_label("Type a question of my own").fill(OWN)
    patient.get_by_role("button", name="Add my question").click()
    expect(patient.get_by_label(f"Edit my question: {OWN}", exact=True)).to_have_value(OWN)

    # The caregiver reads and suggests; she cannot change the workbook.
    link = _invite(patient, "Can read and suggest questions")
    carer = _join(browser, clinic, link, "caregiver-roles", "Bo Carer")
    main = carer.locator("[data-testid='stMain']")
    expect(main.get_by_text(OWN)).to_be_visible()
    expect(main.get_by_text("You can read this workbook. Only its owner can change it.")).to_be_visible()
    assert main.get_by_label("Type a question of my own").count() == 0
    carer.get_by_label("Suggest a question").fill(SUGGESTED)
    carer.get_by_role("button", name="Send the suggestion").click()
    expect(carer.get_by_text("Sent. The owner can add it").first).to_be_visible()  # a message and a toast
    _shot(carer, "caregiver-phone-shared-with-me")

    # The navigator prints the list and leaves a note.
    nurse_link = _invite(patient, "Nurse navigator: can read, print the question list and leave a note")
    nurse = _join(browser, clinic, nurse_link, "navigator-roles", "Cy Nurse")
    with nurse.expect_download() as pdf:
        nurse.get_by_role("button", name="Download the question list (PDF)").click()
    reader = PdfReader(io.BytesIO(pdf.value.path().read_bytes()))
    assert OWN in " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    nurse.get_by_label("Leave a note for the patient").fill(NOTE)
    nurse.get_by_role("button", name="Send the note").click()
    expect(nurse.get_by_text("Your note was sent.").first).to_be_visible()  # a message and a toast
    _shot(nurse, "navigator-phone-shared-with-me")

    # The patient adds the suggestion, reads the note and sees who did what.
    patient.reload()
    wait_idle(patient)
    _nav(patient, "Sharing")
    expect(patient.get_by_text(SUGGESTED)).to_be_visible()
    patient.get_by_role("button", name="Add to my questions").click()
    expect(patient.get_by_text("Added to your own questions.").first).to_be_visible()  # a message and a toast
    expect(patient.get_by_text(NOTE)).to_be_visible()
    _shot(patient, "patient-sharing")
    trail = patient.locator("[data-testid='stMain']").inner_text()
    for line in (
        "Ann Patient · made an invitation",
        "Bo Carer · used an invitation",
        "Bo Carer · suggested a question",
        "Cy Nurse · downloaded or printed it",
        "Cy Nurse · left a note",
    ):
        assert line in trail, line
    assert SUGGESTED not in trail.split("Who opened, changed or shared this workbook")[1]  # no health text
    _nav(patient, "General questions")
    expect(patient.get_by_label(f"Edit my question: {SUGGESTED}", exact=True)).to_have_value(SUGGESTED)

    # She stops the caregiver's share: the caregiver sees nothing any more.
    _nav(patient, "Sharing")
    patient.get_by_role("button", name="Stop sharing with Bo Carer").click()
    expect(patient.get_by_role("button", name="Stop sharing with Bo Carer")).to_have_count(0)
    expect(patient.get_by_role("button", name="Stop sharing with Cy Nurse")).to_be_visible()
    carer.reload()
    wait_idle(carer)
    _nav(carer, "Shared with me")
    expect(carer.get_by_text("Nobody has shared a workbook with you yet.")).to_be_visible()
    assert carer.locator("[data-testid='stMain']").get_by_text(OWN).count() == 0

    # A used link opens nothing, even for someone else.
    stranger = new_page(browser)
    sign_in(stranger, clinic, "stranger-roles", path=link.removeprefix(clinic.origin))
    expect(stranger.get_by_text("This invitation link does not work")).to_be_visible()
    for page in (patient, carer, nurse, stranger):
        page.context.close()
