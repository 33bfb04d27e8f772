"""Random edits a person can make, for hypothesis tests (merge, state machine)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from workbook import edits as E
from workbook.model import SECTION_IDS, Workbook

LIBRARY_IDS = [f"{sid}.q{i}" for sid in SECTION_IDS for i in range(3)]
sections = st.sampled_from(SECTION_IDS)
texts = st.text(max_size=30)


def _qid(wb: Workbook, n: int) -> str | None:
    ids = [q.id for _, q in E.iter_questions(wb)]
    return ids[n % len(ids)] if ids else None


def _appt(wb: Workbook, n: int) -> str | None:
    return wb.appointments[n % len(wb.appointments)].id if wb.appointments else None


def _on_question(fn: Callable[[Workbook, str, Any], None]) -> Callable[[Workbook, int, Any], None]:
    def step(wb: Workbook, n: int, arg: Any) -> None:
        qid = _qid(wb, n)
        if qid is not None:
            fn(wb, qid, arg)

    return step


def _tick(wb: Workbook, n: int, arg: tuple[str, bool]) -> None:
    lib = LIBRARY_IDS[n % len(LIBRARY_IDS)]
    E.set_chosen(wb, lib.split(".")[0], lib, arg[0] or "Q?", arg[1])  # type: ignore[arg-type]


def _answer(wb: Workbook, qid: str, text: str) -> None:
    E.record_answer(wb, qid, _appt(wb, len(text)), text)


STEPS: dict[str, tuple[Callable[[Workbook, int, Any], None], st.SearchStrategy]] = {
    "tick": (_tick, st.tuples(texts, st.booleans())),
    "own": (lambda wb, n, a: E.add_own_question(wb, a[0], a[1]), st.tuples(sections, texts)),
    "reword": (_on_question(lambda wb, q, t: E.edit_own_question(wb, q, t)), texts),
    "delete": (_on_question(lambda wb, q, _: E.delete_question(wb, q)), st.none()),
    "star": (_on_question(lambda wb, q, b: E.set_star(wb, q, b)), st.booleans()),
    "move": (_on_question(lambda wb, q, s: E.move_question(wb, q, s)), st.integers(-3, 3)),
    "move_to": (_on_question(lambda wb, q, i: E.move_to(wb, q, i)), st.integers(-1, 30)),
    "answer": (_on_question(_answer), texts),
    "notes": (lambda wb, n, a: E.set_notes(wb, a[0], a[1]), st.tuples(sections, texts)),
    "status": (
        lambda wb, n, a: E.set_status(wb, a[0], a[1]),
        st.tuples(sections, st.sampled_from(["not_started", "in_progress", "ready", "not_for_me"])),
    ),
    "draft": (lambda wb, n, a: E.set_draft(wb, a[0], a[1]), st.tuples(sections, texts)),
    "name": (lambda wb, n, t: E.update_profile(wb, name=t), texts),
    "her2": (
        lambda wb, n, v: E.update_profile(wb, her2=v),
        st.sampled_from([None, "positive", "low", "zero", "not_sure"]),
    ),
    "biomarker": (lambda wb, n, v: E.set_biomarker(wb, "esr1", v), st.sampled_from([None, "yes", "no"])),
    "importance": (
        lambda wb, n, v: E.set_importance(wb, "work", v),
        st.sampled_from([None, "very", "not_much"]),
    ),
    "readiness": (lambda wb, n, v: E.set_readiness(wb, "sure", v), st.sampled_from([None, True, False])),
    "words": (lambda wb, n, t: E.set_values_text(wb, "in_my_words", t), texts),
    "share": (lambda wb, n, b: E.set_sharing(wb, "notes", b), st.booleans()),
    "future": (lambda wb, n, b: E.set_future_opt_in(wb, b), st.booleans()),
    "add_appt": (lambda wb, n, t: E.add_appointment(wb, clinician=t), texts),
    "edit_appt": (lambda wb, n, t: _appt(wb, n) and E.update_appointment(wb, _appt(wb, n), purpose=t), texts),
    "del_appt": (lambda wb, n, _: _appt(wb, n) and E.delete_appointment(wb, _appt(wb, n)), st.none()),
}


@st.composite
def step(draw: st.DrawFn) -> tuple[str, int, Any]:
    name = draw(st.sampled_from(sorted(STEPS)))
    return name, draw(st.integers(0, 50)), draw(STEPS[name][1])


def apply(wb: Workbook, steps: list[tuple[str, int, Any]]) -> Workbook:
    """Apply steps; a change the workbook refuses with a plain EditError is skipped, as in the app."""
    for name, n, arg in steps:
        with contextlib.suppress(E.EditError):
            STEPS[name][0](wb, n, arg)
    return wb
