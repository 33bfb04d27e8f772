"""Clinic load benchmark, NOT FINISHED: only its client of Streamlit's websocket protocol (1.67) so far.

The browser opens `/_stcore/stream` with the subprotocols ["streamlit", <xsrf token>], sends
BackMsg protobufs (rerun_script with the page and the widget values) and receives ForwardMsg
protobufs (new_session, deltas with the elements drawn, script_finished). This does the
same with `websockets`, so a benchmark can drive many sessions from one asyncio loop, with
the real sign-in cookies, through nginx. It reads only what a benchmark needs: the widgets
by label, the text drawn, the pages, an auth redirect and exceptions.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from urllib.parse import urlsplit

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
