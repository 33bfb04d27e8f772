"""What people do, as moves of the walk, weighted toward the dangerous ones.

Each move acts on the active tab, waits on the app's state, and returns an
Outcome: the edits it made (for the model), the error messages it may show,
and any check of its own. A move that does not apply right now returns None.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import FilePayload

from tests.e2e.chaos import invariants, locators as loc
from tests.e2e.chaos.model import Edit, mark_started, set_to
from tests.e2e.chaos.walk import MAX_TABS, Outcome, Tab, Walk

ROOT = Path(__file__).resolve().parents[3]
FULL = ROOT / "examples" / "full.json"

# Page key -> the path Streamlit gives it (from the file name in views/).
PATHS = {
    "welcome": "",
    "about": "about_me",
    "values": "values",
    "questions": "my_questions",
    "export": "export",
    "team": "care_team",
    "medicines": "medicines",
    "diary": "diary",
    "visits": "visits",
    **{sid: sid for sid in loc.SECTIONS},
}
PAGE_OF_PATH = {path: key for key, path in PATHS.items()}


# --- helpers ---------------------------------------------------------------------------


def current(tab: Tab) -> str | None:
    return PAGE_OF_PATH.get(tab.path())


def go(walk: Walk, tab: Tab, key: str) -> None:
    before = tab.runs
    loc.nav_link(tab.page, key).click()
    walk.settle(tab, before)


def on_page(walk: Walk, key: str) -> Tab:
    tab = walk.active
    if current(tab) != key:
        go(walk, tab, key)
    return tab


def on_section(walk: Walk) -> tuple[Tab, str]:
    tab = walk.active
    here = current(tab)
    if here in loc.SECTIONS and walk.rng.random() < 0.7:
        return tab, here
    sid = walk.rng.choice(loc.SECTIONS)
    return on_page(walk, sid), sid


def other_page(walk: Walk, tab: Tab) -> str:
    return walk.rng.choice([k for k in PATHS if k != current(tab)])


def note_edits(sid: str, text: str) -> list[Edit]:
    edits = [Edit(("notes", sid), set_to(text), f"{sid} notes = {text!r}")]
    if text.strip():
        edits.append(Edit(("status", sid), mark_started, f"{sid} marked started", soft=True))
    return edits


def pick_question(walk: Walk, tab: Tab, want: bool | None = None):
    """A library question checkbox on this page: (box, sid, qid, label, checked)."""
    boxes = loc.question_checkboxes(tab.page)
    found = []
    for i, (label, checked) in enumerate(loc.checkbox_states(boxes)):
        ids = loc.question_by_label(label)
        if ids is not None and (want is None or checked == want):
            found.append((boxes.nth(i), *ids, label, checked))
    return walk.rng.choice(found) if found else None


def answer_dialog(walk: Walk, tab: Tab) -> bool | None:
    """If the app asks first, answer: True went ahead, False kept it, None: no question."""
    asked = loc.confirm_dialog(tab.page)
    if asked is None:
        return None
    go_ahead = walk.rng.random() < 0.6
    before = tab.runs
    (asked[0] if go_ahead else asked[1]).click()
    walk.settle(tab, before)
    return go_ahead


def question_text(sid: str, qid: str) -> str:
    question = loc.library().question(qid)
    assert question is not None, qid
    return question.text


def tick_edits(sid: str, qid: str, ticked: bool) -> list[Edit]:
    edits = [Edit(("chosen", sid, qid), set_to(ticked), f"{'tick' if ticked else 'untick'} {qid}")]
    if ticked:
        edits.append(Edit(("status", sid), mark_started, f"{sid} marked started", soft=True))
    else:
        edits.append(Edit(("star", question_text(sid, qid)), set_to(False), "its star goes"))
    return edits


# --- moves ---------------------------------------------------------------------------------


def goto(walk: Walk) -> Outcome:
    tab = walk.active
    key = other_page(walk, tab)
    go(walk, tab, key)
    return Outcome(tab, note=f"go to {key}")


def tick(walk: Walk) -> Outcome | None:
    tab, sid = on_section(walk)
    picked = pick_question(walk, tab)
    if picked is None:
        return None
    box, qsid, qid, _, checked = picked
    before = tab.runs
    box.click()
    walk.settle(tab, before)
    asked = answer_dialog(walk, tab)
    if asked is False:
        return Outcome(tab, note=f"on {sid}, untick {qid}: asked first, kept it ticked")
    note = f"on {sid}" + ("" if asked is None else ", asked first, went ahead")
    return Outcome(tab, tick_edits(qsid, qid, not checked), note=note)


def type_and_switch(walk: Walk) -> Outcome:
    """The recipe of issue 8, defect 1: tick, type a note, at once click another page."""
    tab, sid = on_section(walk)
    edits: list[Edit] = []
    if walk.rng.random() < 0.5:
        picked = pick_question(walk, tab, want=False)
        if picked is not None:
            box, qsid, qid, _, _ = picked
            before = tab.runs
            box.click()
            walk.settle(tab, before)
            edits += tick_edits(qsid, qid, True)
    text = walk.fresh_text("Note")
    loc.notes_box(tab.page).fill(text)
    target = other_page(walk, tab)
    before = tab.runs
    loc.nav_link(tab.page, target).click()  # no Tab, no wait: straight to the link
    walk.settle(tab, before)
    return Outcome(tab, edits + note_edits(sid, text), note=f"on {sid}, type a note, switch to {target}")


def type_and_leave_by_address(walk: Walk) -> Outcome:
    """Type a note and at once open another page by its address (the address bar, a
    bookmark): the next page is a new session, which must still save the note."""
    tab, sid = on_section(walk)
    text = walk.fresh_text("Note")
    loc.notes_box(tab.page).fill(text)
    target = other_page(walk, tab)
    wb, before = tab.settled_wb_id(), tab.runs
    query = f"?wb={wb}" if wb else ""
    tab.page.goto(f"{walk.url.rstrip('/')}/{PATHS[target]}{query}")  # no wait: straight away
    walk.settle(tab, before)
    # The new page's session has saved nothing yet, so its indicator says nothing: the
    # promise is that what was typed is kept all the same.
    return Outcome(
        tab,
        note_edits(sid, text),
        acknowledged=True,
        note=f"on {sid}, type a note, open /{PATHS[target]} by address",
    )


def leave_or_switch(walk: Walk, tab: Tab, box) -> str:
    """After typing: leave the box, or at once click another page (no wait)."""
    before = tab.runs
    if walk.rng.random() < 0.5:
        box.press("Tab")
        how = "leave the box"
    else:
        target = other_page(walk, tab)
        loc.nav_link(tab.page, target).click()
        how = f"switch to {target}"
    walk.settle(tab, before)
    return how


# The records of issue 11: box name in the widget key -> the model's field.
RECORD_FIELDS = {
    "team": {"name": "name", "phone": "phone", "contact": "contact"},
    "medicines": {"dose": "dose", "how_often": "how_often", "why": "why", "by": "prescribed_by"},
    "visits": {"clinician": "clinician", "purpose": "purpose", "want": "want", "changed": "what_changed"},
}
ADD_BUTTON = {"team": "team.add", "medicines": "medicines.free_add", "visits": "visits.add"}


def type_in_record(walk: Walk) -> Outcome | None:
    """On My care team, My medicines or My visits: type in a person's, a medicine's or an
    appointment's box (adding one first if there is none), then leave the box or at once
    switch page."""
    kind = walk.rng.choice(list(RECORD_FIELDS))
    tab = on_page(walk, kind)
    page = tab.page
    ids = loc.record_ids(page, kind)
    if not ids:
        before = tab.runs
        page.get_by_role("button", name=loc.t(ADD_BUTTON[kind]), exact=True).click()
        walk.settle(tab, before)
        ids = loc.record_ids(page, kind)
        if not ids:
            return None  # refused (a full list) or a panel asks first: another move's turn
    item_id = walk.rng.choice(ids)
    card = loc.record_card(page, kind, item_id)
    if card is not None and card.get_attribute("open") is None:
        before = tab.runs
        card.locator("summary").first.click()
        walk.settle(tab, before, rerun=kind == "medicines")  # medicines draw their boxes on open
    name, fld = walk.rng.choice(list(RECORD_FIELDS[kind].items()))
    box = loc.record_box(page, kind, name, item_id)
    text = walk.fresh_text(name.capitalize())
    box.fill(text)
    how = leave_or_switch(walk, tab, box)
    edit = Edit((kind, item_id, fld), set_to(text), f"{kind} {item_id[:6]} {fld} = {text!r}")
    return Outcome(tab, [edit], note=f"on {kind}, type in {name}, {how}")


def type_diary_note(walk: Walk) -> Outcome:
    """On How I have been: type in the check-in's notes (the first answer makes the
    check-in), then leave the box or at once switch page."""
    tab = on_page(walk, "diary")
    box = loc.text_box(tab.page, loc.t("diary.notes_label"))
    text = walk.fresh_text("Diary")
    box.fill(text)
    how = leave_or_switch(walk, tab, box)
    # The new note replaces the open check-in's earlier one: earlier notes may be gone.
    earlier = [k for k in walk.expected.allowed.get(tab.settled_wb_id() or "", {}) if k[0] == "diary_note"]
    edits = [Edit(k, set_to(False), "an earlier note may be replaced", soft=True) for k in earlier]
    edits.append(Edit(("diary_note", text), set_to(True), f"a check-in's notes = {text!r}"))
    return Outcome(tab, edits, note=f"on diary, type a note, {how}")


def type_notes(walk: Walk) -> Outcome | None:
    tab, sid = on_section(walk)
    text = walk.fresh_text("Note") if walk.rng.random() < 0.9 else ""
    box = loc.notes_box(tab.page)
    if box.input_value() == text:
        return None
    box.fill(text)
    before = tab.runs
    box.press("Tab")
    walk.settle(tab, before)
    return Outcome(tab, note_edits(sid, text), note=f"on {sid}, type a note and leave the box")


def type_then_refresh(walk: Walk) -> Outcome:
    """Type, wait 2 seconds (a person pausing; the one deliberate sleep), refresh."""
    tab, sid = on_section(walk)
    text = walk.fresh_text("Note")
    loc.notes_box(tab.page).fill(text)
    tab.page.wait_for_timeout(2000)
    before = tab.runs
    tab.page.reload()
    walk.settle(tab, before)
    autosave = "autosave_typing" in walk.features
    return Outcome(
        tab,
        note_edits(sid, text),
        acknowledged=autosave,
        note=f"on {sid}, type a note, refresh 2 s later"
        + ("" if autosave else " (autosave_typing off: either value)"),
    )


def refresh(walk: Walk) -> Outcome:
    tab = walk.active
    before = tab.runs
    tab.page.reload()
    walk.settle(tab, before)
    return Outcome(tab, note="refresh")


def back(walk: Walk) -> Outcome | None:
    tab = walk.active
    if tab.page.evaluate("history.length") < 2:
        return None
    address, before = tab.page.url, tab.runs
    tab.page.go_back()
    if tab.page.url.startswith("about:") or not tab.page.url.startswith(walk.url):
        tab.page.go_forward()
    changed = tab.page.url != address
    walk.settle(tab, before, rerun=changed)
    return Outcome(tab, note=f"go back to /{tab.path()}" if changed else "go back (nothing earlier)")


def set_status(walk: Walk) -> Outcome:
    tab, sid = on_section(walk)
    radio = loc.status_radio(tab.page)
    labels = loc.status_labels()
    options = [
        s
        for s, label in labels.items()
        if not radio.get_by_role("radio", name=label, exact=True).is_checked()
    ]
    status = walk.rng.choice(options)
    before = tab.runs
    radio.get_by_text(labels[status], exact=True).click()
    walk.settle(tab, before)
    return Outcome(tab, [Edit(("status", sid), set_to(status), f"{sid} status = {status}")], note=f"on {sid}")


def add_own(walk: Walk) -> Outcome:
    tab, sid = on_section(walk)
    text = walk.fresh_text("Own question")
    loc.own_box(tab.page).fill(text)
    before = tab.runs
    loc.own_add_button(tab.page).click()
    walk.settle(tab, before)
    return Outcome(
        tab,
        [
            Edit(("own", sid, text), set_to(True), f"add own {text!r}"),
            Edit(("status", sid), mark_started, f"{sid} marked started", soft=True),
        ],
        note=f"on {sid}",
    )


def remove_own(walk: Walk) -> Outcome | None:
    tab = walk.active
    stored = walk.stored(tab.wb_id())
    with_own = [
        sid
        for sid in loc.SECTIONS
        if stored is not None and any(q.own for q in stored.sections[sid].questions)
    ]
    if not with_own:
        return None
    here = current(tab)
    sid = here if here is not None and here in with_own else walk.rng.choice(with_own)
    tab = on_page(walk, sid)
    rows = loc.own_rows(tab.page)
    choices = []
    for i in range(rows.count()):
        box, button = loc.own_row_parts(rows.nth(i))
        if box.is_enabled():
            choices.append((box.input_value(), button))
    if not choices:
        return None
    text, button = walk.rng.choice(choices)
    before = tab.runs
    button.click()
    walk.settle(tab, before)
    asked = answer_dialog(walk, tab)
    if asked is False:
        return Outcome(tab, note=f"on {sid}, remove own {text!r}: asked first, kept it")
    edits = [
        Edit(("own", sid, text), set_to(False), f"remove own {text!r}"),
        Edit(("star", text), set_to(False), "its star goes"),
    ]
    findings = []
    gone = next((q for q in stored.sections[sid].questions if q.own and q.text == text), None)
    if gone is not None:
        edits.append(Edit(("answers", sid, gone.id), set_to(()), "its answers go"))
        if asked is None and "answers_survive" in walk.features and any(a.text.strip() for a in gone.answers):
            findings.append(f"removing own question {text!r} with answers did not ask first")
    return Outcome(
        tab,
        edits,
        findings=findings,
        note=f"on {sid}" + ("" if asked is None else ", asked first, went ahead"),
    )


def draft_and_leave(walk: Walk) -> Outcome:
    """Type an own question, do not press Add, leave the page."""
    tab, sid = on_section(walk)
    text = walk.fresh_text("Draft question")
    loc.own_box(tab.page).fill(text)
    target = other_page(walk, tab)
    before = tab.runs
    loc.nav_link(tab.page, target).click()
    walk.settle(tab, before)
    findings = []
    if "own_draft" in walk.features:
        go(walk, tab, sid)
        kept = loc.own_box(tab.page).input_value()
        if kept != text:
            findings.append(f"the own question typed on {sid} and not added is gone (box holds {kept!r})")
    return Outcome(tab, findings=findings, note=f"on {sid}, type an own question, leave for {target}")


def star(walk: Walk) -> Outcome | None:
    tab = on_page(walk, "questions")
    texts = loc.star_card_texts(tab.page)
    if not texts:
        return None
    i = walk.rng.randrange(len(texts))
    text = texts[i]
    states = [c for _, c in loc.checkbox_states(loc.star_clickable(tab.page))]
    if len(states) != len(texts):
        return None
    checked = states[i]
    shown = sum(states)
    refused = not checked and shown >= 3
    before = tab.runs
    loc.star_clickable(tab.page).nth(i).click()
    walk.settle(tab, before)
    findings = []
    if refused and "refused_star_unticks" in walk.features:
        after = loc.star_card_texts(tab.page)
        if text in after and loc.star_checkboxes(tab.page).nth(after.index(text)).is_checked():
            findings.append("a refused fourth star still shows ticked")
    what = "fourth star (must be refused)" if refused else ("unstar" if checked else "star")
    return Outcome(
        tab,
        [Edit(("star", text), set_to(not checked), f"{what} {text!r}")],
        acknowledged=False if refused else None,
        findings=findings,
    )


def type_words(walk: Walk) -> Outcome:
    tab = on_page(walk, "values")
    text = walk.fresh_text("Matters")
    box = loc.text_box(tab.page, loc.t("values.in_my_words_label"))
    box.fill(text)
    before = tab.runs
    box.press("Tab")
    walk.settle(tab, before)
    return Outcome(tab, [Edit(("words",), set_to(text), f"in my words = {text!r}")])


def second_tab(walk: Walk) -> Outcome | None:
    if len(walk.tabs) >= MAX_TABS:
        return None
    address = walk.active.page.url
    tab = walk.open_tab(address)
    return Outcome(tab, note=f"open a second tab at /{tab.path()}")


def switch_tab(walk: Walk) -> Outcome | None:
    if len(walk.tabs) < 2:
        return None
    walk.active = next(t for t in walk.tabs if t is not walk.active)
    walk.active.page.bring_to_front()
    return Outcome(walk.active, note=f"switch to {walk.active.name}", looked_only=True)


def close_tab(walk: Walk) -> Outcome | None:
    if len(walk.tabs) < 2:
        return None
    name = walk.active.name
    walk.close_tab(walk.active)
    return Outcome(walk.active, note=f"close {name}", looked_only=True)


def resolve(walk: Walk) -> Outcome | None:
    """Answer a panel that asks: a conflict between tabs, or 'is this a new workbook?'."""
    tab = walk.active
    page = tab.page
    reload_latest, keep_mine = loc.conflict_buttons(page)
    if reload_latest.count():
        choice = walk.rng.choice(["keep", "reload", "choices"])
        button = {"keep": keep_mine, "reload": reload_latest, "choices": loc.save_choices_button(page)}[
            choice
        ]
        if not button.count():
            choice, button = "keep", keep_mine
        before = tab.runs
        button.click()
        walk.settle(tab, before)
        note = {
            "keep": "keep this tab's version",
            "reload": "reload the latest version",
            "choices": "save my choices (each as offered)",
        }[choice]
        return Outcome(tab, note=note, kept_mine=choice != "reload", dropped=choice == "reload")
    if loc.choose_panel_shown(page) and loc.choose_new_button(page).count():
        before = tab.runs
        loc.choose_new_button(page).first.click()
        walk.settle(tab, before)
        return Outcome(tab, note="answer 'is this a new workbook?': start a new one", kept_mine=True)
    return None


def panel_shown(walk: Walk) -> bool:
    page = walk.active.page
    return bool(loc.conflict_buttons(page)[0].count()) or loc.choose_panel_shown(page)


def _damaged(kind: str) -> bytes:
    raw = json.loads(FULL.read_text(encoding="utf-8"))
    if kind == "status_null":
        raw["sections"]["hormone"]["status"] = None
    elif kind == "notes_number":
        raw["sections"]["general"]["notes"] = 12345
    elif kind == "truncated":
        return FULL.read_bytes()[: FULL.stat().st_size // 2]
    elif kind == "not_json":
        return b"\x00\x01 this is not a workbook \xff"
    elif kind == "json_list":
        return b"[1, 2, 3]"
    return json.dumps(raw).encode("utf-8")


SALVAGEABLE = ("status_null", "notes_number")


def import_file(walk: Walk) -> Outcome:
    tab = on_page(walk, "welcome")
    kind = walk.rng.choice(["full", "full", *SALVAGEABLE, "truncated", "not_json", "json_list"])
    data = FULL.read_bytes() if kind == "full" else _damaged(kind)
    opened = tab.wb_id()
    before = tab.runs
    tab.page.locator(loc.UPLOAD).set_input_files(
        files=[FilePayload(name=f"{kind}.json", mimeType="application/json", buffer=data)]
    )
    walk.settle(tab, before)
    walk.settle(tab, tab.runs, rerun=False)
    findings = []
    # Opened: the tab moved to a new workbook (a salvaged file may say so in its own words).
    ok = tab.wb_id() != opened or tab.page.get_by_text(loc.import_ok_text()).count() > 0
    should_open = kind == "full" or (kind in SALVAGEABLE and "salvage_import" in walk.features)
    if should_open and not ok:
        findings.append(f"the file ({kind}) did not open")
    if not should_open and kind not in SALVAGEABLE and ok:
        findings.append(f"a file that is not a workbook ({kind}) was opened")
    if ok and kind != "full" and not invariants.alerts(tab.page):
        findings.append(f"a damaged file ({kind}) opened without a word about what was reset")
    edits = []
    if kind == "full" and ok and "answers_survive" in walk.features:
        edits = answers_of(json.loads(data))  # they must survive unticking from now on
    return Outcome(
        tab, edits, allowed_errors=() if kind == "full" else ("*",), findings=findings, note=f"import {kind}"
    )


def answers_of(raw: dict) -> list[Edit]:
    return [
        Edit(
            ("answers", sid, q["id"]),
            set_to(tuple(sorted(a["text"] for a in q["answers"] if a["text"].strip()))),
            f"{q['id']} has answers",
        )
        for sid, section in raw["sections"].items()
        for q in section["questions"]
        if any(a["text"].strip() for a in q.get("answers", []))
    ]


def bare_address(walk: Walk) -> Outcome:
    """A bookmark or a new tab on the plain address, no workbook id in it."""
    remembered = walk.last_used
    if len(walk.tabs) < MAX_TABS and walk.rng.random() < 0.5:
        tab, how = walk.open_tab(walk.url), "new tab"
    else:
        tab, how = walk.active, "same tab"
        before = tab.runs
        tab.page.goto(walk.url)
        walk.settle(tab, before)
    findings = []
    if "reopen_last" in walk.features and remembered and tab.wb_id() != remembered:
        findings.append(f"the bare address opened {tab.wb_id()}, not the last used {remembered}")
    return Outcome(tab, findings=findings, note=f"open the bare address ({how})")


# name -> (weight, move). The dangerous moves weigh most.
MOVES: dict[str, tuple[int, Callable[[Walk], Outcome | None]]] = {
    "type_and_switch": (12, type_and_switch),
    "type_and_leave_by_address": (3, type_and_leave_by_address),
    "type_in_record": (6, type_in_record),
    "type_diary_note": (3, type_diary_note),
    "tick": (14, tick),
    "star": (9, star),
    "refresh": (5, refresh),
    "back": (5, back),
    "type_then_refresh": (3, type_then_refresh),
    "type_notes": (6, type_notes),
    "set_status": (6, set_status),
    "add_own": (6, add_own),
    "remove_own": (4, remove_own),
    "draft_and_leave": (3, draft_and_leave),
    "goto": (6, goto),
    "type_words": (3, type_words),
    "second_tab": (3, second_tab),
    "switch_tab": (5, switch_tab),
    "close_tab": (1, close_tab),
    "import_file": (2, import_file),
    "bare_address": (2, bare_address),
}


def weights() -> dict[str, int]:
    """The weights, with CHAOS_WEIGHTS=name=w,name=w overrides (0 turns a move off)."""
    out = {name: w for name, (w, _) in MOVES.items()}
    for item in filter(None, os.environ.get("CHAOS_WEIGHTS", "").split(",")):
        name, _, w = item.partition("=")
        if name.strip() not in out:
            raise ValueError(f"unknown chaos move {name!r}; known: {sorted(out)}")
        out[name.strip()] = int(w)
    return out


def choose(walk: Walk) -> str:
    if walk.rng.random() < 0.6 and panel_shown(walk):
        return "resolve"
    table = weights()
    return walk.rng.choices(list(table), weights=list(table.values()))[0]


def move(name: str) -> Callable[[Walk], Outcome | None]:
    return resolve if name == "resolve" else MOVES[name][1]
