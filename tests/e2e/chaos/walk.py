"""The runner: tabs on one browser profile, settling on the app's own state,
the step log, and a report that lets a failure be replayed."""

from __future__ import annotations

import contextlib
import random
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Browser, Error as PlaywrightError, Page
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.e2e.chaos import invariants, locators as loc, store_check
from tests.e2e.chaos.model import Edit, Expected
from tests.e2e.server import wait_idle

LOCAL = {"127.0.0.1", "localhost", "::1", "[::1]"}
MAX_TABS = 2


class ChaosFailure(AssertionError):
    pass


@dataclass
class Tab:
    page: Page
    name: str
    runs: int = 0  # script runs finished, counted from the websocket
    # Edits this tab made that were not saved, by workbook: still in its memory,
    # so a "keep this tab's version" may write them.
    pending: dict[str, dict] = field(default_factory=dict)
    # Error messages this tab's last action was allowed to show: they stay on its screen
    # until it runs again, so a step that only looks at the tab allows them too.
    on_screen: tuple[str, ...] = ()

    def wb_id(self) -> str | None:
        return parse_qs(urlparse(self.page.url).query).get("wb", [None])[0]

    def settled_wb_id(self) -> str | None:
        """The open workbook's id. Right after a page switch the address can lack it for a
        moment (the run that puts it back has not reached the browser): wait a little."""
        if self.wb_id() is None and self.path() not in ("", "welcome"):
            with contextlib.suppress(PlaywrightError):  # no workbook open: None is the answer
                self.page.wait_for_function("() => location.search.includes('wb=')", timeout=2_000)
        return self.wb_id()

    def path(self) -> str:
        return urlparse(self.page.url).path.strip("/")


@dataclass
class Outcome:
    """What an action did: its edits, which error messages it may show, and
    (for moves whose promise does not rest on the indicator) a fixed verdict."""

    tab: Tab
    edits: list[Edit] = field(default_factory=list)
    allowed_errors: tuple[str, ...] = ()
    acknowledged: bool | None = None
    findings: list[str] = field(default_factory=list)  # checks the action made itself
    note: str = ""
    # The tab chose to keep its own version (conflict resolved as "mine").
    kept_mine: bool = False
    # The tab dropped what it had in memory (reloaded the latest version).
    dropped: bool = False
    # Only looked (switched or closed a tab): the app cannot know, so the workbook
    # this browser used last stays the one before.
    looked_only: bool = False


class Walk:
    def __init__(
        self, browser: Browser, url: str, data_dir: Path, seed: int, features: frozenset[str], artifacts: Path
    ) -> None:
        self.url, self.data_dir, self.seed = url, data_dir, seed
        self.features, self.artifacts = features, artifacts
        self.rng = random.Random(seed)
        self.context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        self.tabs: list[Tab] = []
        self._active: Tab | None = None
        self.expected = Expected()
        self.snapshot = store_check.read(data_dir)
        self.steps: list[str] = []
        self.outside: list[str] = []
        self.last_used: str | None = None  # the workbook this browser last worked on
        self.counter = 0  # makes every typed text unique
        self.opened = 0  # names tabs: tab3 stays tab3 after tab1 closes

    # --- tabs -------------------------------------------------------------------

    @property
    def active(self) -> Tab:
        """The tab the person is looking at."""
        if self._active is None:
            raise ChaosFailure("no tab is open")
        return self._active

    @active.setter
    def active(self, tab: Tab) -> None:
        self._active = tab

    def open_tab(self, address: str) -> Tab:
        page = self.context.new_page()
        page.set_default_timeout(20_000)
        self.opened += 1
        tab = Tab(page, f"tab{self.opened}")

        def on_ws(ws) -> None:
            tab.pending.clear()  # a new page load: a new session, nothing in memory

            def frame(payload) -> None:
                if isinstance(payload, (bytes, bytearray)):
                    try:
                        kind = ForwardMsg.FromString(bytes(payload)).WhichOneof("type")
                    except Exception:  # not ours to judge: only counting runs
                        return
                    if kind == "script_finished":
                        tab.runs += 1

            ws.on("framereceived", frame)

        page.on("websocket", on_ws)
        page.on("request", lambda r: self._request(r.url))
        before = tab.runs
        page.goto(address)
        self.settle(tab, before)
        self.tabs.append(tab)
        self.active = tab
        return tab

    def close_tab(self, tab: Tab) -> None:
        tab.page.close()
        self.tabs.remove(tab)
        self._active = self.tabs[-1] if self.tabs else None

    def _request(self, address: str) -> None:
        if not address.startswith(("data:", "blob:")) and urlparse(address).hostname not in LOCAL:
            self.outside.append(address)

    # --- waiting on the app -----------------------------------------------------------

    def settle(self, tab: Tab, before: int, rerun: bool = True, timeout: float = 20) -> None:
        """Wait until a script run that started after `before` has finished and the
        app is idle. Polls the page's own events; no fixed sleeps."""
        if rerun:
            deadline = time.monotonic() + timeout
            while tab.runs <= before:
                if time.monotonic() > deadline:
                    raise ChaosFailure(f"{tab.name}: no script run finished within {timeout:.0f} s")
                tab.page.wait_for_timeout(20)  # lets Playwright deliver websocket events
        wait_idle(tab.page)
        if _wait_typed_received(tab.page):
            wait_idle(tab.page)

    def fresh_text(self, kind: str) -> str:
        """A unique text with characters that must come back literally."""
        self.counter += 1
        flavour = self.rng.choice(["plain", "markup", "unicode", "markdown"])
        extra = {
            "plain": "",
            "markup": " <b>bold</b> & <i>",
            "unicode": " é 中文 שלום 🙂",
            "markdown": " **not bold** [link](x) :smile:",
        }[flavour]
        return f"{kind} s{self.seed}n{self.counter}{extra}"

    # --- one step --------------------------------------------------------------------

    def step(self, n: int, name: str, action: Callable[[Walk], Outcome | None]) -> bool:
        """Run one action and every check after it. False: the action did not apply."""
        before = self.snapshot
        started = time.monotonic()
        log_at = len(self.steps)
        self.steps.append(f"{n:4d} {name}")
        try:
            outcome = action(self)
        except ChaosFailure:
            raise
        except PlaywrightError as exc:
            self._fail(
                f"step {n} ({name}) could not be done: {str(exc).splitlines()[0]}",
                self._active,
                detail=traceback.format_exc(limit=3),
            )
        if outcome is None:
            self.steps.pop()
            return False
        tab = outcome.tab
        wb_id = tab.settled_wb_id()
        findings = list(outcome.findings)
        if not outcome.looked_only:
            tab.on_screen = outcome.allowed_errors
        allowed = (loc.t("app.conflict"), *tab.on_screen, *outcome.allowed_errors)
        findings += invariants.page_errors(tab.page, allowed)
        if loc.confirm_dialog(tab.page) is not None:  # the moves answer the ones they cause
            findings.append("an 'are you sure' dialog is open that this move did not ask for")
        ack = outcome.acknowledged
        if ack is None:
            ack = invariants.acknowledged(tab.page)
        acted = time.monotonic() - started
        line = f" [{tab.name} wb={wb_id} {acted:.1f}s] {outcome.note}"
        if outcome.edits:
            line += (
                " -> "
                + ("acknowledged: " if ack else "NOT acknowledged: ")
                + "; ".join(e.what for e in outcome.edits)
            )
            if wb_id is not None:
                self.expected.apply(wb_id, outcome.edits, ack, before.workbooks.get(wb_id))
                if not ack:
                    pending = tab.pending.setdefault(wb_id, {})
                    for edit in outcome.edits:
                        pending.setdefault(edit.key, set()).update(self.expected.in_memory(wb_id, edit))
        if wb_id is not None and outcome.kept_mine:
            self.expected.widen(wb_id, tab.pending.pop(wb_id, {}))
        if outcome.dropped:
            tab.pending.clear()
        self.steps[log_at] += line
        if wb_id is not None and not outcome.looked_only:
            self.last_used = wb_id
        self.snapshot = store_check.read(self.data_dir)
        findings += invariants.store_findings(self.snapshot, self.expected)
        if self.outside:
            findings.append(f"requests left this computer: {self.outside[:3]}")
        if findings:
            self._fail("; ".join(findings), tab)
        self.steps[log_at] += f" (checked in {time.monotonic() - started - acted:.1f}s)"
        return True

    def stored(self, wb_id: str | None):
        return self.snapshot.workbooks.get(wb_id) if wb_id else None

    # --- reporting -----------------------------------------------------------------------

    def _fail(self, why: str, tab: Tab | None, detail: str = "") -> None:
        self.artifacts.mkdir(parents=True, exist_ok=True)
        shots = []
        kept = []
        for other in self.tabs:
            path = self.artifacts / f"seed{self.seed}-{other.name}.png"
            try:
                other.page.screenshot(path=str(path), full_page=True)
                shots.append(str(path))
                kept.append(f"{other.name} at {other.page.url}: {other.page.evaluate(_KEEPER_STATE)}")
            except PlaywrightError:
                pass
        raise ChaosFailure(
            f"chaos seed {self.seed} failed after {len(self.steps)} steps: {why}\n"
            f"replay: CHAOS_SEEDS={self.seed} CHAOS_ACTIONS={len(self.steps)} "
            f".venv/bin/python -m pytest tests/e2e/test_chaos.py\n"
            f"features on: {sorted(self.features) or 'none'}\n"
            f"screenshots: {shots}\n"
            f"keeper: {kept}\n"
            f"steps:\n" + "\n".join(self.steps[-60:]) + (f"\n{detail}" if detail else "")
        )

    def close(self) -> None:
        self.context.close()


# The keeper (views/components/keeper.py) keeps each batch of typed text in sessionStorage
# until a run confirms the server has it. Text typed and at once followed by a page switch
# reaches the server in the run after the switch (Streamlit drops it from the switch's own
# run and the keeper sends it again), so "idle" alone can come a moment too early.
# What each tab's keeper still holds, for a failure report (the walk's own test text).
_KEEPER_STATE = """() => {
  const c = window.__workbookKeeper;
  const kept = Object.keys(sessionStorage).filter((k) => k.startsWith("twb_keeper:"))
    .map((k) => k + "=" + sessionStorage.getItem(k));
  return JSON.stringify({ kept, pending: c ? [...c.pending.values()] : null,
    retries: c ? c.retries : null, sentPage: c ? c.sentPage : null });
}"""

_TYPED_UNCONFIRMED = """() => {
  const c = window.__workbookKeeper;
  return !!(c && c.load && Object.keys(c.load().items).length);
}"""


def _wait_typed_received(page: Page, timeout_ms: int = 10_000) -> bool:
    """True if typed text was still on its way (and has been received since): the caller
    waits for that run too. Never raises: text still unconfirmed is the store check's to judge."""
    with contextlib.suppress(PlaywrightError):
        if not page.evaluate(_TYPED_UNCONFIRMED):
            return False
        page.wait_for_function(f"() => !({_TYPED_UNCONFIRMED})()", timeout=timeout_ms)
    return True
