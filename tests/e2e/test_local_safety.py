"""A local health app that other web sites cannot read, that asks the network nothing,
and whose downloads never fail (issue 16; issue 17, first point).

Attacks as a hostile web page would make them: a name rebound to 127.0.0.1 (Chromium's
--host-resolver-rules), a page on another local port, a foreign Origin on the websocket.
And as a hurried person would: type, then click Download at once, twenty times.
"""

from __future__ import annotations

import io
import ipaddress
import os
import re
import shutil
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.server import CHROMIUM, CHROMIUM_FLAGS, running_app, wait_idle

NAME_LABEL = "My name (optional, shown on printouts)"
REBIND = "rebind.test"
HOSTILE_PAGE = """<!doctype html><title>another site</title><script>
const app = new URLSearchParams(location.search).get("app");
window.result = (async () => {
  const out = {};
  try { const r = await fetch(`http://${app}/_stcore/health`); out.fetch = "read " + r.status; }
  catch (e) { out.fetch = "blocked"; }
  out.ws = await new Promise(done => {
    const ws = new WebSocket(`ws://${app}/_stcore/stream`);
    ws.onopen = () => { done("opened"); ws.close(); };
    ws.onerror = () => done("refused");
    setTimeout(() => done("no answer"), 15000);
  });
  return out;
})();
</script>"""


def port_of(url: str) -> int:
    return urlparse(url).port


@contextmanager
def other_site(root: Path) -> Iterator[str]:
    """Another local web server (another origin), serving a page that attacks the app."""
    (root / "hostile.html").write_text(HOSTILE_PAGE)

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hostile.html"
    finally:
        server.shutdown()
        server.server_close()


def attack_from(page, hostile_url: str, app_host: str) -> dict:
    page.goto(f"{hostile_url}?app={app_host}")
    return page.evaluate("window.result")


@pytest.fixture
def rebinding_page(browser):
    """A Chromium that resolves rebind.test to 127.0.0.1, as DNS rebinding makes it do."""
    rebinding = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_FLAGS, f"--host-resolver-rules=MAP {REBIND} 127.0.0.1"]
    )
    try:
        page = rebinding.new_context().new_page()
        page.set_default_timeout(30_000)
        yield page
    finally:
        rebinding.close()


def get_status(url: str, host: str | None = None) -> int:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


# --- only this computer may talk to it --------------------------------------------------


def test_a_rebound_name_gets_403_and_no_session(app_url, rebinding_page):
    port = port_of(app_url)
    seen_sockets: list[str] = []
    rebinding_page.on("websocket", lambda ws: seen_sockets.append(ws.url))
    for path in ("/", "/_stcore/health", "/_stcore/host-config", "/?wb=anything"):
        response = rebinding_page.goto(f"http://{REBIND}:{port}{path}")
        assert response.status == 403, path
    expect(rebinding_page.locator("body")).to_contain_text("answers only to this computer")
    assert rebinding_page.locator("[data-testid='stApp']").count() == 0
    assert seen_sockets == []  # the app's page never loaded, so it never tried to connect
    # Now the page is same-origin with rebind.test: it tries what the app's own script would.
    result = rebinding_page.evaluate("""async () => {
        const r = await fetch("/_stcore/health");
        const ws = await new Promise(done => {
            const s = new WebSocket(`ws://${location.host}/_stcore/stream`);
            s.onopen = () => { done("opened"); s.close(); };
            s.onerror = () => done("refused");
            setTimeout(() => done("no answer"), 15000);
        });
        return {fetch: r.status, ws};
    }""")
    assert result == {"fetch": 403, "ws": "refused"}
    # The same server still answers this computer.
    assert get_status(f"{app_url}/_stcore/health") == 200
    assert get_status(f"http://127.0.0.1:{port}/_stcore/health", host=f"localhost:{port}") == 200
    assert get_status(f"http://127.0.0.1:{port}/_stcore/health", host=f"[::1]:{port}") == 200


def test_a_page_on_another_local_port_cannot_fetch_or_open_the_session(app_url, page, tmp_path):
    port = port_of(app_url)
    with other_site(tmp_path) as hostile:
        for app_host in (f"127.0.0.1:{port}", f"localhost:{port}"):
            assert attack_from(page, hostile, app_host) == {"fetch": "blocked", "ws": "refused"}, app_host


def test_the_app_itself_still_opens_its_session(app_url, page):
    page.goto(app_url)
    wait_idle(page)
    expect(page.get_by_role("heading", name="Treatment talk workbook")).to_be_visible()


# --- downloads that cannot fail -----------------------------------------------------------


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages).split())


def open_export(page, app_url: str) -> None:
    page.goto(app_url)
    wait_idle(page)
    page.locator("[data-testid='stSidebarNav']").get_by_role("link", name="Export and share").click()
    expect(page.get_by_role("heading", name="Export and share", level=1)).to_be_visible()
    wait_idle(page)


def rushed_download(page, text: str) -> bytes:
    """Type into the name box and click Download at once: the click is what commits the box."""
    page.get_by_label(NAME_LABEL, exact=True).fill(text)
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="Download the PDF").first.click()
    return Path(download.value.path()).read_bytes()


def test_twenty_rushed_downloads_give_twenty_good_pdfs_with_the_typed_text(app_url, page):
    open_export(page, app_url)
    for n in range(20):
        name = f"Rushed Reader {n} {time.monotonic_ns() % 10**6}"
        data = rushed_download(page, name)
        assert data.startswith(b"%PDF"), n
        assert name in pdf_text(data), f"download {n} lacks the text typed just before the click"
        expect(page.locator("[data-testid='stDownloadButtonError']")).to_have_count(0)
        wait_idle(page)


def test_a_changed_option_is_in_the_file_when_clicked_at_once(app_url, page):
    """Not only text: a choice made a moment before the click is in the file too."""
    open_export(page, app_url)
    for paper, wide in (("A4", False), ("Letter (US)", True), ("A4", False)):
        page.get_by_text(paper, exact=True).click()
        with page.expect_download(timeout=30_000) as download:
            page.get_by_role("button", name="Download the PDF").first.click()
        width = float(PdfReader(download.value.path()).pages[0].mediabox.width)
        assert (width > 600) is wide, paper
        wait_idle(page)


def test_a_click_whose_rerun_never_comes_fails_plainly_not_forever():
    """The waiting rule, in-process: a click is answered by the run it started, or given up on."""
    from views import download

    owner = ("a session", "a button")
    download._remember("drawn-before-the-click", owner)
    assert download._served_by("not-one-of-ours") == "not-one-of-ours"
    saved = download.CLICK_TIMEOUT
    try:
        download.CLICK_TIMEOUT = 0.2
        assert download._served_by("drawn-before-the-click") is None  # the person is told to try again
        download.CLICK_TIMEOUT = 30

        def the_clicks_run() -> None:
            download._remember("drawn-by-the-click", owner)
            download._clicked_in(owner[0])

        threading.Timer(0.1, the_clicks_run).start()
        assert download._served_by("drawn-before-the-click") == "drawn-by-the-click"
    finally:
        download.CLICK_TIMEOUT = saved


# --- zero outside connection attempts ----------------------------------------------------

_FAMILY = re.compile(r"sa_family=AF_INET6?\b")
_PORT = re.compile(r"sin6?_port=htons\((\d+)\)")
_ADDR = re.compile(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"')


def outside_attempts(trace: str) -> list[str]:
    """connect/sendto/sendmsg lines to a non-loopback address, or to port 53 (DNS) anywhere."""
    bad = []
    for line in trace.splitlines():
        if not _FAMILY.search(line) or not re.search(r"\b(connect|sendto|sendmsg)\(", line):
            continue
        port = _PORT.search(line)
        address = _ADDR.search(line)
        ip = ipaddress.ip_address((address.group(1) or address.group(2)) if address else "0.0.0.0")
        mapped = getattr(ip, "ipv4_mapped", None)
        loopback = ip.is_loopback or bool(mapped and mapped.is_loopback)
        if not loopback or (port and port.group(1) == "53"):
            bad.append(line.strip())
    return bad


def test_outside_attempts_are_recognised():
    sample = """\
9882  connect(12, {sa_family=AF_INET, sin_port=htons(1), sin_addr=inet_addr("8.8.8.8")}, 16) = 0
9882  connect(12, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, 16) = 0
9883  sendto(5, ""..., 32, 0, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}, 28) = 32
9882  connect(7, {sa_family=AF_INET, sin_port=htons(8501), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
9882  connect(7, {sa_family=AF_INET6, sin6_port=htons(8501), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0
9882  connect(3, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT
9882  sendto(7, ""..., 264, 0, NULL, 0) = 264
"""
    assert len(outside_attempts(sample)) == 3


def _strace() -> str:
    found = shutil.which("strace")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("strace is missing; CI must run the connection audit (.ci/run installs it)")
        pytest.skip("strace not installed (apt-get install strace)")
    return found


def _foreign_origin_websocket(port: int) -> str:
    """The exact trigger of issue 17: a websocket from an unknown site's origin."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    try:
        with connect(
            f"ws://127.0.0.1:{port}/_stcore/stream",
            open_timeout=10,
            additional_headers={"Origin": "http://evil.test"},
        ):
            return "opened"
    except InvalidStatus as exc:
        return f"refused {exc.response.status_code}"


def test_start_walk_attacks_and_downloads_make_no_outside_connection_attempt(browser, tmp_path):
    trace = tmp_path / "server.trace"
    strace = [_strace(), "-f", "-qq", "-s", "0", "-e", "trace=connect,sendto,sendmsg", "-o", str(trace)]
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    context = browser.new_context(accept_downloads=True)
    try:
        with running_app(data_dir, prefix=strace) as url, other_site(tmp_path) as hostile:
            port = port_of(url)
            page = context.new_page()
            page.set_default_timeout(60_000)  # the traced server is slower
            open_export(page, url)  # a short walk
            assert "Audit Walker" in pdf_text(rushed_download(page, "Audit Walker"))  # a download
            with page.expect_download(timeout=60_000):  # and the workbook file
                page.get_by_role("button", name="Download my workbook file").click()
            wait_idle(page)
            attacker = context.new_page()  # a page on another origin
            assert attack_from(attacker, hostile, f"127.0.0.1:{port}")["ws"] == "refused"
            assert _foreign_origin_websocket(port) == "refused 403"
            assert get_status(f"{url}/", host=f"{REBIND}:{port}") == 403  # a rebound name
            page.reload()  # the app still works
            wait_idle(page)
    finally:
        context.close()
    recorded = trace.read_text()
    assert "sendto(" in recorded, "strace recorded nothing: the audit would prove nothing"
    assert outside_attempts(recorded) == []
