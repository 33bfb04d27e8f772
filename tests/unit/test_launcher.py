"""The desktop launcher: the icon it installs, and starting or finding the app."""

from __future__ import annotations

import configparser
import os
import plistlib
import shlex
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from launcher import launch, shortcut
from tests.e2e.server import free_port
from workbook import store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("WORKBOOK_DATA_DIR", raising=False)
    return home


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def _exec_args(value: str) -> list[str]:
    """Undo the desktop file's string escapes, then its Exec quoting (spec 1.5)."""
    value = value.replace("\\\\", "\\")
    args, arg, quoted, i, started = [], "", False, 0, False
    while i < len(value):
        c = value[i]
        if quoted and c == "\\":
            arg, i = arg + value[i + 1], i + 2
            continue
        if c == '"':
            quoted, started = not quoted, True
        elif c == " " and not quoted:
            if started or arg:
                args.append(arg)
            arg, started = "", False
        else:
            arg += c
        i += 1
    args.append(arg)
    return [a.replace("%%", "%") for a in args]


# --- the icon --------------------------------------------------------------------------


def test_linux_entry_runs_launch_py_by_absolute_path_without_a_terminal(home):
    places = shortcut.install(system="Linux", home=home)
    menu = home / ".local" / "share" / "applications" / "treatment-workbook.desktop"
    assert places == [menu]  # no Desktop folder: the menu only
    entry = _entry(menu)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Treatment talk workbook"
    assert entry["Terminal"] == "false"
    assert Path(entry["Icon"]) == ROOT / "static" / "icon.png"
    assert Path(entry["Icon"]).is_file()
    python, script = _exec_args(entry["Exec"])
    assert Path(python).is_absolute()
    assert Path(python).exists()
    assert script == str(ROOT / "launcher" / "launch.py")
    assert menu.stat().st_mode & stat.S_IXUSR


def test_entry_goes_on_the_desktop_when_there_is_one(home):
    (home / "Desktop").mkdir()
    places = shortcut.install(system="Linux", home=home)
    assert places[1] == home / "Desktop" / "treatment-workbook.desktop"
    assert places[0].read_text() == places[1].read_text()


def test_desktop_folder_from_user_dirs(home):
    (home / "Schreibtisch").mkdir()
    (home / ".config").mkdir()
    (home / ".config" / "user-dirs.dirs").write_text('XDG_DESKTOP_DIR="$HOME/Schreibtisch"\n')
    places = shortcut.install(system="Linux", home=home)
    assert places[1] == home / "Schreibtisch" / "treatment-workbook.desktop"


@pytest.mark.parametrize(
    "path",
    [
        "/home/ann/My Files/workbook/launcher/launch.py",
        '/tmp/a "b" $HOME `x` \\c 100%/launch.py',
        "/plain/launch.py",
    ],
)
def test_exec_quoting_survives_odd_paths(path):
    value = shortcut._exec_value(["/usr/bin/python3", path, "--port", "8502"])
    assert _exec_args(value) == ["/usr/bin/python3", path, "--port", "8502"]


def test_port_goes_into_the_command(home):
    shortcut.install(system="Linux", home=home, port=8602)
    entry = _entry(home / ".local" / "share" / "applications" / "treatment-workbook.desktop")
    assert _exec_args(entry["Exec"])[-2:] == ["--port", "8602"]


def test_install_twice_is_the_same_as_once(home):
    (home / "Desktop").mkdir()
    first = shortcut.install(system="Linux", home=home)
    before = [p.read_bytes() for p in first]
    second = shortcut.install(system="Linux", home=home)
    assert first == second
    assert [p.read_bytes() for p in second] == before
    assert sorted(p.name for p in first[0].parent.iterdir()) == ["treatment-workbook.desktop"]


def test_uninstall_removes_every_launcher_and_only_ours(home):
    (home / "Desktop").mkdir()
    shortcut.install(system="Linux", home=home)
    shortcut.install(system="Darwin", home=home)
    other = home / ".local" / "share" / "applications" / "someone-else.desktop"
    other.write_text("[Desktop Entry]\nName=Other\n")
    removed = shortcut.uninstall(home=home)
    assert len(removed) == 4
    assert not any(p.exists() for p in removed)
    assert other.exists()
    assert shortcut.uninstall(home=home) == []


def test_uninstall_leaves_a_foreign_file_with_our_name(home):
    menu = home / ".local" / "share" / "applications" / "treatment-workbook.desktop"
    menu.parent.mkdir(parents=True)
    menu.write_text("[Desktop Entry]\nName=Something else\n")
    assert shortcut.uninstall(home=home) == []
    assert menu.exists()


def test_mac_app_runs_launch_py(home):
    (home / "Desktop").mkdir()
    places = shortcut.install(system="Darwin", home=home)
    assert places == [
        home / "Applications" / "Treatment talk workbook.app",
        home / "Desktop" / "Treatment talk workbook.app",
    ]
    for bundle in places:
        info = plistlib.loads((bundle / "Contents" / "Info.plist").read_bytes())
        assert info["CFBundleExecutable"] == "launch"
        assert info["CFBundlePackageType"] == "APPL"
        script = bundle / "Contents" / "MacOS" / "launch"
        assert script.stat().st_mode & stat.S_IXUSR
        first, command = script.read_text().splitlines()
        assert first == "#!/bin/sh"
        args = shlex.split(command)
        assert args[0] == "exec"
        assert Path(args[1]).is_absolute()
        assert args[2] == str(ROOT / "launcher" / "launch.py")
    assert shortcut.install(system="Darwin", home=home) == places  # again: rewritten in place


def test_other_systems_are_refused_plainly(home):
    with pytest.raises(SystemExit, match="not supported"):
        shortcut.install(system="Windows", home=home)


# --- where it looks ----------------------------------------------------------------------


@pytest.mark.parametrize("xdg", [None, "xdg-data"])
def test_data_folder_is_the_stores(home, monkeypatch, xdg):
    if xdg:
        monkeypatch.setenv("XDG_DATA_HOME", str(home / xdg))
    assert launch.data_dir() == store.data_dir()
    monkeypatch.setenv("WORKBOOK_DATA_DIR", str(home / "elsewhere"))
    assert launch.data_dir() == store.data_dir() == home / "elsewhere"


def test_port_comes_from_the_config(tmp_path):
    assert launch.configured_port() == 8501  # the project's .streamlit/config.toml
    (tmp_path / ".streamlit").mkdir()
    config = tmp_path / ".streamlit" / "config.toml"
    config.write_text("[server]\nport = 8612\n")
    assert launch.configured_port(tmp_path) == 8612
    config.write_text("[server\nport = ")
    assert launch.configured_port(tmp_path) == 8501


# --- is it running? ------------------------------------------------------------------------


class _Answer(BaseHTTPRequestHandler):
    body = b"ok"
    seen: ClassVar[list[str]] = []  # the paths asked for; each server class gets its own

    def do_GET(self):
        type(self).seen.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


def _serve(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_running_means_the_health_check_says_ok():
    class Ok(_Answer):
        seen: ClassVar[list[str]] = []

    class Other(_Answer):
        body = b"<html>something else</html>"
        seen: ClassVar[list[str]] = []

    ok, other = _serve(Ok), _serve(Other)
    try:
        assert launch.is_running(ok.server_address[1])
        assert Ok.seen == ["/_stcore/health"]
        assert not launch.is_running(other.server_address[1])
        assert launch.port_taken(other.server_address[1])
    finally:
        ok.shutdown(), other.shutdown()
    assert not launch.is_running(free_port())
    assert not launch.port_taken(free_port())


def test_health_check_ignores_a_proxy(monkeypatch):
    class Ok(_Answer):
        seen: ClassVar[list[str]] = []

    class Proxy(_Answer):
        seen: ClassVar[list[str]] = []

    ok, proxy = _serve(Ok), _serve(Proxy)
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{proxy.server_address[1]}")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    try:
        assert launch.is_running(ok.server_address[1])
        assert Proxy.seen == []
        assert Ok.seen == ["/_stcore/health"]
    finally:
        ok.shutdown(), proxy.shutdown()


# --- starting it -----------------------------------------------------------------------------


def _stop(data: Path) -> None:
    pid = int((data / "server.pid").read_text())
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.killpg(pid, signal.SIGKILL)


def test_starts_the_real_app_from_any_folder_then_finds_it_running(home, tmp_path):
    port, data, elsewhere = free_port(), tmp_path / "data", tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "HOME": str(home), "WORKBOOK_DATA_DIR": str(data)}
    command = [sys.executable, str(ROOT / "launcher" / "launch.py"), "--port", str(port), "--no-browser"]
    try:
        first = subprocess.run(command, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=150)
        # The launcher has exited; the server it started is detached and still answers.
        assert (first.returncode, first.stdout) == (0, f"http://localhost:{port}/\n"), first.stderr
        assert launch.is_running(port)
        pid = (data / "server.pid").read_text()
        second = subprocess.run(command, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60)
        assert (second.returncode, second.stdout) == (0, f"http://localhost:{port}/\n")
        assert (data / "server.pid").read_text() == pid  # found running, not started again
        log = data / "server.log"
        assert stat.S_IMODE(log.stat().st_mode) == 0o600
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        assert log.read_text().startswith(f"launcher: starting the app on port {port}\n")
        assert "Traceback" not in log.read_text()
    finally:
        stopped = launch.stop(data)
    assert stopped
    assert not launch.is_running(port)
    assert not launch.stop(data)  # stopped already: nothing to do


def test_stop_leaves_a_program_that_is_not_the_app(tmp_path):
    assert not launch.stop(tmp_path)  # never started
    (tmp_path / "server.pid").write_text(f"{os.getpid()}\n")  # a number now used by another program
    assert not launch.stop(tmp_path)
    (tmp_path / "server.pid").write_text("not a number\n")
    assert not launch.stop(tmp_path)


def test_a_server_that_stops_at_once_gets_a_plain_message(tmp_path):
    opened = []
    outcome = launch.launch(
        free_port(),
        tmp_path,
        opened.append,
        command=[sys.executable, "-c", "raise SystemExit(1)"],
        timeout=30,
    )
    assert outcome == "stopped"
    [uri] = opened
    assert uri.startswith("file://")
    assert uri.endswith("launcher-message.html")
    text = (tmp_path / "launcher-message.html").read_text()
    assert "could not start" in text
    assert "Your saved work is safe" in text
    assert "server.log" in text


def test_a_slow_start_says_so_and_keeps_the_server(tmp_path):
    opened = []
    outcome = launch.launch(
        free_port(),
        tmp_path,
        opened.append,
        command=[sys.executable, "-c", "import time; time.sleep(60)"],
        timeout=1,
    )
    try:
        assert outcome == "slow"
        assert "taking a long time" in (tmp_path / "launcher-message.html").read_text()
    finally:
        _stop(tmp_path)


def test_a_port_held_by_another_program_is_not_taken_over(tmp_path):
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        opened = []
        outcome = launch.launch(port, tmp_path, opened.append, command=["/bin/false"], timeout=1)
    assert outcome == "busy"
    assert not (tmp_path / "server.pid").exists()
    assert f"port {port}" in (tmp_path / "launcher-message.html").read_text()


def test_server_command_is_make_runs_on_the_given_port():
    command = launch.server_command(8533)
    assert command[1:5] == ["-m", "streamlit", "run", str(ROOT / "serve.py")]
    assert command[command.index("--server.port") + 1] == "8533"
    assert command[command.index("--logger.level") + 1] == "critical"


def test_launcher_needs_only_the_standard_library():
    """The icon must work before (and whatever) the venv holds, and pull in nothing else."""
    import ast

    for path in (ROOT / "launcher").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or top == "__future__", (path.name, name)
