"""The Streamlit settings that keep a health workbook private and calm."""

import tomllib
from pathlib import Path

CONFIG = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())


def test_serves_only_this_computer():
    assert CONFIG["server"]["address"] == "localhost"


def test_sends_no_usage_statistics():
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_hides_error_details_and_the_deploy_toolbar():
    assert CONFIG["client"]["showErrorDetails"] == "none"
    assert CONFIG["client"]["toolbarMode"] == "minimal"


def test_upload_limit_is_modest():
    assert 1 <= CONFIG["server"]["maxUploadSize"] <= 10


# --- only this computer may talk to it (localguard.py, started by serve.py) -------------

import pytest  # noqa: E402

from localguard import LOOPBACK_NAMES, LocalGuard, allowed_names, host_allowed, parse_host, request_allowed  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def test_one_session_never_runs_two_scripts_at_once():
    # With fastReruns a click during a save starts a second run beside the first (issue 8).
    assert CONFIG["runner"]["fastReruns"] is False


def test_no_full_garbage_collection_after_every_run():
    # About 100 ms of CPU per run, most of a save's cost on a busy server.
    assert CONFIG["runner"]["postScriptGC"] is False


def test_only_the_projects_own_secrets_are_read():
    # ~/.streamlit/secrets.toml with another app's [auth] would switch on clinic sign-in.
    assert CONFIG["secrets"]["files"] == [".streamlit/secrets.toml"]


def test_the_host_list_is_loopback_and_the_banner_asks_nobody():
    assert set(CONFIG["server"]["allowedHosts"]) == LOOPBACK_NAMES
    assert CONFIG["server"]["enableCORS"] is True
    assert CONFIG["server"]["enableXsrfProtection"] is True
    # Set by hand, so Streamlit prints this address instead of looking up the network's.
    assert CONFIG["browser"]["serverAddress"] == "localhost"


def test_make_run_starts_the_guarded_app():
    makefile = (ROOT / "Makefile").read_text()
    assert "streamlit run serve.py" in makefile
    assert "streamlit run app.py" not in makefile
    serve = (ROOT / "serve.py").read_text()
    assert 'st.App("app.py", middleware=[Middleware(LocalGuard)])' in serve


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "localhost:8501",
        "LOCALHOST:8501",
        "LocalHost",
        "localhost.:8501",
        "localhost.",
        "127.0.0.1",
        "127.0.0.1:8501",
        "127.0.0.1.:8501",
        "[::1]",
        "[::1]:8501",
        "[0:0:0:0:0:0:0:1]:8501",
        " localhost:8501 ",
    ],
)
def test_loopback_names_with_or_without_a_port_are_allowed(host):
    assert host_allowed(host)


@pytest.mark.parametrize(
    "host",
    [
        None,
        "",
        " ",
        "rebind.test",
        "rebind.test:8501",
        "REBIND.TEST.",
        "localhost.rebind.test",
        "127.0.0.1.rebind.test:8501",
        "rebind.test.localhost",
        "127.0.0.2",
        "0.0.0.0:8501",
        "[::]:8501",
        "[::ffff:127.0.0.1]:8501",
        "::1",
        "::1:8501",
        "[::1",
        "localhost:abc",
        "localhost:0",
        "localhost:65536",
        "localhost:8501:8501",
        "user@localhost:8501",
        "localhost/evil",
        "localhost?x",
        "localhost#x",
        "local host",
        "localhost\x00.rebind.test",
        "*",
        "xn--lcalhost-0wa",
    ],
)
def test_every_other_host_is_refused(host):
    assert not host_allowed(host)


def test_parse_host_normalises_case_dots_and_ipv6():
    assert parse_host("LocalHost.:80") == ("localhost", 80)
    assert parse_host("[0::1]") == ("::1", None)
    assert parse_host("localhost:99999") is None


def test_a_clinic_adds_its_names_and_cannot_switch_the_check_off():
    names = allowed_names(["Workbook.Clinic.Example.", " [::1] ", "*", "*.ward.example", ""])
    assert host_allowed("workbook.clinic.example:443", names)
    assert host_allowed("bed4.ward.example", names)
    assert not host_allowed("ward.example", names)
    assert not host_allowed("rebind.test", names)  # '*' was ignored
    assert host_allowed("localhost:8501", names)  # loopback is always allowed


@pytest.mark.parametrize(
    "kind, host, origin, ok",
    [
        ("websocket", "127.0.0.1:8501", "http://127.0.0.1:8501", True),
        ("websocket", "localhost:8501", "http://LOCALHOST:8501", True),
        ("websocket", "[::1]:8501", "http://[::1]:8501", True),
        ("websocket", "127.0.0.1:8501", None, True),  # not a browser
        ("websocket", "127.0.0.1:8501", "http://127.0.0.1:3000", False),  # another local server
        ("websocket", "127.0.0.1:8501", "http://localhost:8501", False),  # another origin, same port
        ("websocket", "127.0.0.1:8501", "https://127.0.0.1:8501", True),  # same server, with TLS
        ("websocket", "127.0.0.1:8501", "http://evil.test", False),
        ("websocket", "127.0.0.1:8501", "null", False),
        ("websocket", "127.0.0.1:8501", "", False),
        ("websocket", "rebind.test:8501", "http://rebind.test:8501", False),
        ("websocket", "localhost", "http://localhost:80", True),
        ("websocket", "localhost", "https://localhost", True),
        ("http", "127.0.0.1:8501", None, True),
        ("http", "127.0.0.1:8501", "null", True),  # sandboxed frame; CORS still applies
        ("http", "127.0.0.1:8501", "http://127.0.0.1:3000", False),
        ("http", "rebind.test:8501", None, False),
        ("http", None, None, False),
    ],
)
def test_request_rule(kind, host, origin, ok):
    assert request_allowed(kind, host, origin) is ok


def _call(scope_type: str, headers: list[tuple[bytes, bytes]]) -> list[dict]:
    """Drive LocalGuard as the server would; returns what it sent, or 'passed' if let through."""
    sent: list[dict] = []

    async def inner(scope, receive, send):
        sent.append({"type": "passed"})

    async def receive():
        return {"type": "websocket.connect"}

    async def send(message):
        sent.append(message)

    scope = {"type": scope_type, "headers": headers, "path": "/"}
    # Driven by hand, not asyncio.run: the browser tests' Playwright loop may be running.
    with pytest.raises(StopIteration):
        LocalGuard(inner, names=[])(scope, receive, send).send(None)
    return sent


def test_the_middleware_answers_403_before_the_app_sees_anything():
    assert _call("http", [(b"host", b"127.0.0.1:8501")]) == [{"type": "passed"}]
    refused = _call("http", [(b"host", b"rebind.test:8501")])
    assert refused[0]["status"] == 403
    assert all(m["type"] != "passed" for m in refused)
    assert _call("http", [])[0]["status"] == 403  # no Host at all
    assert _call("http", [(b"host", b"localhost"), (b"host", b"rebind.test")])[0]["status"] == 403
    assert _call("websocket", [(b"host", b"rebind.test:8501")]) == [{"type": "websocket.close", "code": 1008}]
    assert _call("websocket", [(b"host", b"127.0.0.1:8501"), (b"origin", b"http://127.0.0.1:3000")]) == [
        {"type": "websocket.close", "code": 1008}
    ]
    assert _call("lifespan", []) == [{"type": "passed"}]
