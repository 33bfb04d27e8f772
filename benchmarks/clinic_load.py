"""Clinic load benchmark: many signed-in sessions editing at once, through nginx and two app servers.

    python benchmarks/clinic_load.py --sessions 50 --minutes 3     (make bench-clinic)

It starts the clinic stack of `make clinic` (deploy/demo.py: PostgreSQL, the mock sign-in
provider, two app servers, nginx), signs each session in as its own patient, and has each
one type a new note on Hormone therapy every few seconds (--think, as a person pauses
between edits; the keeper saves about 2 s after the last keystroke, so this is faster than
anyone types). It reports interactions per second, the time from an edit to "Saved at"
(p50, p95), errors (an exception, a missing "Saved at", a conflict), lost edits (the last
acknowledged note of each session compared with PostgreSQL, read as its owner) and the app
servers' memory per session. Baseline in the same run: one session alone, first.
Targets (issue 14): 0 errors, 0 lost edits, p95 under 1 s on this 2-core machine.

The browser opens `/_stcore/stream` with the subprotocols ["streamlit", <xsrf token>], sends
BackMsg protobufs (rerun_script with the page and the widget values) and receives ForwardMsg
protobufs (new_session, deltas with the elements drawn, script_finished). This does the
same with `websockets`, so a benchmark can drive many sessions from one asyncio loop, with
the real sign-in cookies, through nginx. It reads only what a benchmark needs: the widgets
by label, the text drawn, the pages, an auth redirect and exceptions.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

WIDGETS = ("text_input", "text_area", "button", "radio", "checkbox", "selectbox", "multiselect", "toggle")
RUN_TIMEOUT = 60.0


@dataclass
class Widget:
    kind: str
    id: str
    label: str
    value: object = None


@dataclass
class Run:
    """What one script run drew."""

    widgets: list[Widget] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)  # url path -> page script hash
    page_hash: str = ""
    auth_redirect: str | None = None
    exceptions: list[str] = field(default_factory=list)

    def widget(self, label: str, kind: str | None = None) -> Widget:
        for w in self.widgets:
            if w.label == label and (kind is None or w.kind == kind):
                return w
        raise LookupError(f"no widget labelled {label!r}: {[w.label for w in self.widgets]}")

    def shows(self, fragment: str) -> bool:
        return any(fragment in text for text in self.texts)


def _element(run: Run, element: object) -> None:
    kind = element.WhichOneof("type")  # type: ignore[attr-defined]
    if kind is None:
        return
    body = getattr(element, kind)
    if kind in ("markdown", "text", "heading") or kind == "alert":
        run.texts.append(body.body)
    elif kind == "exception":
        run.exceptions.append(f"{body.type}: {body.message}")
    elif kind in WIDGETS:
        value = getattr(body, "value", None) if body.DESCRIPTOR.fields_by_name.get("value") else None
        run.widgets.append(Widget(kind, body.id, body.label, value))


class Session:
    """One browser tab's session: connect, run pages, set widget values, wait for the run."""

    def __init__(self, origin: str, cookies: httpx.Cookies) -> None:
        self.origin = origin.rstrip("/")
        self.cookies = cookies
        self.ws: websockets.ClientConnection | None = None
        self.query = ""
        self.page_hash = ""
        self.pages: dict[str, str] = {}
        self.states: dict[str, WidgetState] = {}

    async def connect(self, query: str = "") -> Run:
        parts = urlsplit(self.origin)
        scheme = "wss" if parts.scheme == "https" else "ws"
        host = parts.hostname or ""
        jar = "; ".join(f"{c.name}={c.value}" for c in self.cookies.jar if c.domain.startswith(host))
        xsrf = self.cookies.get("_streamlit_xsrf") or ""
        self.ws = await websockets.connect(
            f"{scheme}://{parts.netloc}/_stcore/stream",
            subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],  # type: ignore[list-item]
            origin=self.origin,  # type: ignore[arg-type]
            additional_headers={"Cookie": jar},
            max_size=2**26,
            open_timeout=30,
        )
        self.query = query
        return await self.rerun()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def goto(self, url_path: str) -> Run:
        self.page_hash = self.pages[url_path]
        self.states = {}  # a page switch: the other page's widgets are gone
        return await self.rerun()

    def set_text(self, widget: Widget, text: str) -> None:
        self.states[widget.id] = WidgetState(id=widget.id, string_value=text)

    async def click(self, widget: Widget) -> Run:
        clicked = WidgetState(id=widget.id, trigger_value=True)
        return await self.rerun(extra=[clicked])

    async def rerun(self, extra: list[WidgetState] | None = None) -> Run:
        """Send a rerun with the page and the widget values; the run it causes, when it ends."""
        assert self.ws is not None
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        state.widget_states.widgets.extend([*self.states.values(), *(extra or [])])
        await self.ws.send(msg.SerializeToString())
        return await asyncio.wait_for(self._until_finished(), RUN_TIMEOUT)

    async def _until_finished(self) -> Run:
        assert self.ws is not None
        run = Run()
        while True:
            data = await self.ws.recv()
            fwd = ForwardMsg()
            fwd.ParseFromString(data if isinstance(data, bytes) else data.encode())
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                run = Run()  # a new run: what was drawn before is replaced
                self.page_hash = run.page_hash = fwd.new_session.page_script_hash or self.page_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                _element(run, fwd.delta.new_element)
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in fwd.navigation.app_pages}
                self.page_hash = fwd.navigation.page_script_hash or self.page_hash
            elif kind == "auth_redirect":
                run.auth_redirect = fwd.auth_redirect.url
            elif kind == "page_info_changed":
                self.query = fwd.page_info_changed.query_string
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                    run.pages, run.page_hash = dict(self.pages), self.page_hash
                    return run
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("the script did not compile")
                # FINISHED_EARLY_FOR_RERUN: another run follows; a fragment run: keep waiting


async def sign_in(origin: str, subject: str, name: str = "") -> httpx.Cookies:
    """The OIDC round trip against oidc-provider-mock, as a browser does it; the cookies after it.

    Open the app, press its sign-in button (the app answers with an auth redirect), follow
    the redirect to the provider, submit the subject, follow the callback back to the app.
    """
    async with httpx.AsyncClient(follow_redirects=True, timeout=30) as http:
        # As the browser does: the health check sets the xsrf cookie (and nginx the route cookie).
        (await http.get(origin + "/_stcore/health")).raise_for_status()
        tab = Session(origin, http.cookies)
        first = await tab.connect()
        button = first.widget(_SIGN_IN_LABEL[0], "button") if _SIGN_IN_LABEL else first.widgets[0]
        clicked = await tab.click(button)
        await tab.close()
        if clicked.auth_redirect is None:
            raise RuntimeError("the app did not ask for a sign-in")
        form = await http.get(httpx.URL(origin + "/").join(clicked.auth_redirect))
        form.raise_for_status()
        done = await http.post(str(form.url), data={"sub": subject})
        done.raise_for_status()
        if "_streamlit_user" not in http.cookies:
            raise RuntimeError("no sign-in cookie after the callback")
        return http.cookies


_SIGN_IN_LABEL: list[str] = []


def use_sign_in_label(label: str) -> None:
    """The sign-in button's label (content/ui.toml clinic.sign_in), set once by the caller."""
    _SIGN_IN_LABEL[:] = [label]


# --- the benchmark ---------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
UI = tomllib.loads((ROOT / "content" / "ui.toml").read_text(encoding="utf-8"))["text"]
NOTES = UI["modality"]["notes_label"]
SAVED = UI["app"]["saved_at"].split("{")[0].strip()  # "Saved at"
CONFLICT = UI["app"]["conflict"][:30]
PAGE = "hormone"


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)  # edit sent -> run finished showing "Saved at"
    errors: list[str] = field(default_factory=list)
    last: dict[str, str] = field(default_factory=dict)  # workbook id -> last acknowledged note


async def _patient(
    origin: str, who: str, until: float, think: float, tally: Tally, signed: asyncio.Semaphore
) -> None:
    async with signed:  # sign-ins a few at a time, as people arrive
        cookies = await sign_in(origin, who, who)
    tab = Session(origin, cookies)
    try:
        await tab.connect()
        run = await tab.goto(PAGE)
        box = run.widget(NOTES, "text_area")
        k = 0
        while time.monotonic() < until:
            k += 1
            text = f"Note {k} of {who}: ask about side effects."
            tab.set_text(box, text)
            start = time.perf_counter()
            run = await tab.rerun()
            took = time.perf_counter() - start
            wid = parse_qs(tab.query).get("wb", [""])[0]
            if run.exceptions or not run.shows(SAVED) or run.shows(CONFLICT) or not wid:
                tally.errors.append(f"{who} edit {k}: {run.exceptions or 'not saved'}: {run.texts[:3]}")
            else:
                tally.times.append(took)
                tally.last[wid] = text
            await asyncio.sleep(random.uniform(0.5 * think, 1.5 * think))
    except Exception as exc:  # counted, and the others go on
        tally.errors.append(f"{who}: {type(exc).__name__}: {exc}")
    finally:
        await tab.close()


async def _load(origin: str, phase: str, sessions: int, seconds: float, think: float) -> tuple[Tally, float]:
    """`sessions` patients of their own (a new one each: no workbook yet), editing for `seconds`."""
    tally = Tally()
    signed = asyncio.Semaphore(5)
    start = time.monotonic()
    until = start + seconds
    await asyncio.gather(
        *(_patient(origin, f"load-{phase}-{n}", until, think, tally, signed) for n in range(sessions))
    )
    return tally, time.monotonic() - start


def _lost(owner_url: str, tally: Tally) -> list[str]:
    """Sessions whose last acknowledged note is not what PostgreSQL holds (read as the owner)."""
    import psycopg

    with psycopg.connect(owner_url) as con:
        rows = con.execute(
            "SELECT id, data->'sections'->%s->>'notes' FROM workbooks WHERE id = ANY(%s)",
            (PAGE, list(tally.last)),
        ).fetchall()
    stored = dict(rows)
    return [wid for wid, text in tally.last.items() if stored.get(wid) != text]


def _rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def _report(name: str, tally: Tally, took: float) -> None:
    edits = len(tally.times)
    print(
        f"{name}: {edits} edits in {took:.0f} s = {edits / took:.1f} interactions/s; "
        f"edit to saved p50 {_pct(tally.times, 0.5) * 1000:.0f} ms, p95 {_pct(tally.times, 0.95) * 1000:.0f} ms; "
        f"{len(tally.errors)} errors"
    )
    for line in tally.errors[:10]:
        print("   ", line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--think", type=float, default=5.0, help="mean seconds between one session's edits")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from deploy import demo

    use_sign_in_label(UI["clinic"]["sign_in"])
    with demo.stack(servers=2) as stack:
        assert stack.database_url, "the load benchmark needs PostgreSQL (apt-get install postgresql)"
        owner_url = stack.database_url.replace(f"{demo.APP_LOGIN}@", "postgres@", 1)
        pids = [p.pid for p in stack.app_procs]
        alone, alone_took = asyncio.run(_load(stack.origin, "alone", 1, 20, 0.5))
        _report("baseline, 1 session", alone, alone_took)
        before = _rss_mb(pids)
        tally, took = asyncio.run(_load(stack.origin, "many", args.sessions, args.minutes * 60, args.think))
        per_session = (_rss_mb(pids) - before) / max(1, args.sessions)
        _report(f"{args.sessions} sessions", tally, took)
        lost = _lost(owner_url, tally)
    p95 = _pct(tally.times, 0.95)
    base = statistics.median(alone.times) if alone.times else float("nan")
    print(f"lost edits: {len(lost)} of {len(tally.last)} sessions checked in PostgreSQL")
    print(f"app server memory: {per_session:.1f} MB per session ({before:.0f} MB for both servers before)")
    print(f"p95 under load is {p95 / base:.1f}x one session's median ({base * 1000:.0f} ms)")
    met = not tally.errors and not lost and p95 < 1.0 and len(tally.last) == args.sessions
    print("targets (0 errors, 0 lost edits, p95 < 1 s):", "met" if met else "NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
