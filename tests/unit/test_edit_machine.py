"""Any sequence of edits leaves a workbook that validates and round-trips through the store."""

from __future__ import annotations

import os
import tempfile
from typing import Any

from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tests.unit.edit_steps import STEPS
from workbook import edits as E, store
from workbook.edits import MAX_STARS
from workbook.files import export_json, import_json
from workbook.merge import flatten
from workbook.model import Workbook


class EditMachine(RuleBasedStateMachine):
    """A person editing one workbook, saving after every change, as the app does."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.old_env = os.environ.get(store.DATA_DIR_ENV)
        os.environ[store.DATA_DIR_ENV] = self.folder.name
        self.wb = Workbook()
        self.revision = store.create(self.wb)
        self.answers: dict[str, int] = {}

    def teardown(self) -> None:
        if self.old_env is None:
            os.environ.pop(store.DATA_DIR_ENV, None)
        else:
            os.environ[store.DATA_DIR_ENV] = self.old_env
        self.folder.cleanup()

    def _do(self, name: str, n: int, arg: Any) -> None:
        try:
            STEPS[name][0](self.wb, n, arg)
        except E.EditError:
            return  # refused with a plain message; the workbook is unchanged
        self.revision = store.save(self.wb, self.revision)

    @rule(name=st.sampled_from(sorted(STEPS)), n=st.integers(0, 50), data=st.data())
    def edit(self, name: str, n: int, data: st.DataObject) -> None:
        self._do(name, n, data.draw(STEPS[name][1]))

    @precondition(lambda self: any(True for _ in E.iter_questions(self.wb)))
    @rule(n=st.integers(0, 50))
    def untick_and_retick_keeps_answers(self, n: int) -> None:
        sid, q = list(E.iter_questions(self.wb))[n % len(list(E.iter_questions(self.wb)))]
        if q.own:
            return
        answers = [a.model_dump() for a in q.answers]
        E.set_chosen(self.wb, sid, q.id, q.text, False)
        E.set_chosen(self.wb, sid, q.id, q.text, True)
        back = E.find_question(self.wb, q.id)[1]
        assert [a.model_dump() for a in back.answers] == answers
        self.revision = store.save(self.wb, self.revision)

    @rule()
    def reopen(self) -> None:
        """A refresh: the session reopens the workbook from the store."""
        saved = store.load(self.wb.id)
        assert saved is not None
        assert saved.revision == self.revision
        assert saved.damaged == ()
        assert flatten(saved.workbook) == flatten(self.wb)
        self.wb = saved.workbook

    @invariant()
    def validates_and_round_trips(self) -> None:
        Workbook.model_validate(self.wb.model_dump())
        back = store.load(self.wb.id)
        assert back.workbook.model_dump() == self.wb.model_dump()
        again = import_json(export_json(self.wb))
        assert flatten(again) == flatten(self.wb)

    @invariant()
    def agenda_is_consistent(self) -> None:
        chosen = [q.id for _, q in E.iter_questions(self.wb)]
        shown = [q for _, q in E.agenda(self.wb)]
        assert sorted(q.id for q in shown) == sorted(chosen)
        assert sorted(self.wb.order) == sorted(chosen)  # edits keep the order exact
        assert sum(q.starred for q in shown) <= MAX_STARS
        stars = [q.starred for q in shown]
        assert stars == sorted(stars, reverse=True)  # the top three come first


EditMachine.TestCase.settings = settings(
    max_examples=25, stateful_step_count=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_any_edits_leave_a_valid_stored_workbook = EditMachine.TestCase
