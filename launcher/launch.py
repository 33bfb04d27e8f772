"""Open the workbook: start the app if it is not running, then open the browser on it.

    .venv/bin/python launcher/launch.py [--port N] [--no-browser]
    .venv/bin/python launcher/launch.py --stop      (what `make stop` does)

What the desktop icon runs (launcher/shortcut.py installs it). Works from any folder.
Standard library only, and it talks to nothing but this computer: the health check goes
to localhost with proxies switched off. The server starts detached, in its own session,
with its output in the data folder (server.log, readable by this user only). Streamlit's
own logging is limited to critical messages there, because an error report can quote
what a person typed.
"""

from __future__ import annotations

import argparse
import html
import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
import webbrowser
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no lock, the launcher is for Linux and macOS
    fcntl = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parents[1]
APP_DIR = "treatment-workbook"  # the folder name workbook/store.py uses
DEFAULT_PORT = 8501
START_TIMEOUT = 90.0  # a first start on a slow computer imports a lot
LOG_NAME = "server.log"
MESSAGE_NAME = "launcher-message.html"
PID_NAME = "server.pid"
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def data_dir() -> Path:
    """The same folder as workbook.store.data_dir() (platformdirs' rule, without platformdirs)."""
    if os.environ.get("WORKBOOK_DATA_DIR"):
        return Path(os.environ["WORKBOOK_DATA_DIR"])
    home = Path.home()
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_DIR
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / APP_DIR
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(xdg or home / ".local" / "share") / APP_DIR


def configured_port(root: Path = ROOT) -> int:
    """server.port from the project's .streamlit/config.toml, else 8501."""
    try:
        with open(root / ".streamlit" / "config.toml", "rb") as f:
            port = tomllib.load(f).get("server", {}).get("port", DEFAULT_PORT)
    except (OSError, tomllib.TOMLDecodeError):
        return DEFAULT_PORT
    return port if isinstance(port, int) and 0 < port < 65536 else DEFAULT_PORT


def app_url(port: int) -> str:
    return f"http://localhost:{port}/"


def is_running(port: int, timeout: float = 2.0) -> bool:
    """True when the app on this computer's port answers its health check with "ok"."""
    try:
        with _NO_PROXY.open(f"http://localhost:{port}/_stcore/health", timeout=timeout) as r:
            return r.status == 200 and r.read(16) == b"ok"
    except (OSError, ValueError):
        return False


def port_taken(port: int) -> bool:
    """Something listens on the port (it may not be the app)."""
    for family, address in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
        try:
            with socket.socket(family) as s:
                s.settimeout(1.0)
                if s.connect_ex((address, port)) == 0:
                    return True
        except OSError:
            continue
    return False


def server_command(port: int, root: Path = ROOT) -> list[str]:
    """What `make run` starts (serve.py, behind the local guard), on the given port."""
    venv = root / ".venv" / "bin" / "python"
    python = str(venv) if venv.exists() else sys.executable
    return [
        python,
        "-m",
        "streamlit",
        "run",
        str(root / "serve.py"),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--logger.level",
        "critical",
    ]


def _private_dir(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    return folder


def _open_log(folder: Path) -> int:
    """server.log, the previous one kept as server.log.1 (so it never grows without end)."""
    log = folder / LOG_NAME
    if log.exists():
        os.replace(log, folder / f"{LOG_NAME}.1")
    return os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)


def start(
    port: int, folder: Path, command: Sequence[str] | None = None, root: Path = ROOT
) -> subprocess.Popen:
    """Start the server detached (own session, no terminal), output to the data folder."""
    fd = _open_log(folder)
    try:
        os.write(fd, f"launcher: starting the app on port {port}\n".encode())
        proc = subprocess.Popen(
            list(command or server_command(port, root)),
            cwd=root,
            stdin=subprocess.DEVNULL,
            stdout=fd,
            stderr=fd,
            start_new_session=True,
            close_fds=True,
        )
    finally:
        os.close(fd)  # the child has its own copy
    pid = os.open(folder / PID_NAME, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.write(pid, f"{proc.pid}\n".encode())  # to stop it: kill this process group
    os.close(pid)
    return proc


def wait_until_up(port: int, proc: subprocess.Popen, timeout: float = START_TIMEOUT) -> str:
    """ "up", "stopped" (the server exited) or "slow" (still starting after the timeout)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if is_running(port):
            return "up"
        if proc.poll() is not None:
            return "stopped"
        time.sleep(0.25)
    return "slow"


def _answers_soon(port: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not is_running(port):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.25)
    return True


@contextmanager
def _one_at_a_time(folder: Path) -> Iterator[None]:
    """Two quick double-clicks start one server, not two."""
    if fcntl is None:
        yield
        return
    with os.fdopen(os.open(folder / ".launcher.lock", os.O_RDWR | os.O_CREAT, 0o600)) as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


MESSAGES = {
    "stopped": "The workbook could not start. Your saved work is safe.",
    "slow": "The workbook is taking a long time to start. Your saved work is safe. "
    "Wait a minute, then open it again from its icon.",
    "busy": "Another program is using the workbook's address (port {port}), "
    "so the workbook could not start. Your saved work is safe.",
}
HELP = (
    "If this happens again, ask the person who set it up. They can start it with "
    "<code>make run</code> in the project folder and read <code>{log}</code>."
)


def _message_page(folder: Path, what: str, port: int) -> str:
    """A small local page that says plainly what happened (a double-click has no terminal)."""
    text = html.escape(MESSAGES[what].format(port=port))
    hint = HELP.format(log=html.escape(str(folder / LOG_NAME)))
    page = folder / MESSAGE_NAME
    page.write_text(
        "<!doctype html><html lang='en'><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width'>"
        "<title>Treatment talk workbook</title>"
        "<body style='font:1.2rem/1.5 sans-serif;max-width:36rem;margin:2rem auto;"
        f"padding:0 1rem'><h1>Treatment talk workbook</h1><p>{text}</p>"
        f"<p>{hint}</p></body></html>",
        encoding="utf-8",
    )
    return page.as_uri()


def launch(
    port: int,
    folder: Path,
    opener: Callable[[str], object] = webbrowser.open,
    command: Sequence[str] | None = None,
    timeout: float = START_TIMEOUT,
) -> str:
    """Start the app unless it runs, then open the browser. Returns what happened."""
    _private_dir(folder)
    with _one_at_a_time(folder):
        if is_running(port):
            outcome = "running"
        elif port_taken(port):  # maybe the app, still starting (`make run` a moment ago)
            outcome = "running" if _answers_soon(port, min(timeout, 20.0)) else "busy"
        else:
            outcome = wait_until_up(port, start(port, folder, command), timeout)
            outcome = "started" if outcome == "up" else outcome
    ok = outcome in ("running", "started")
    opener(app_url(port) if ok else _message_page(folder, outcome, port))
    return outcome


def _command_line(pid: int) -> str:
    try:
        return subprocess.run(
            ["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def stop(folder: Path) -> bool:
    """Stop the server this launcher started (its process group); False if none runs."""
    try:
        pid = int((folder / PID_NAME).read_text().strip())
    except (OSError, ValueError):
        return False
    if "serve.py" not in _command_line(pid):  # gone, or the number now belongs to another program
        return False
    os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and "serve.py" in _command_line(pid):
        time.sleep(0.25)
    return True


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="launch.py", description="Open the treatment talk workbook.")
    p.add_argument("--port", type=int, default=None, help="default: .streamlit/config.toml")
    p.add_argument("--no-browser", action="store_true", help="print the address instead")
    p.add_argument("--stop", action="store_true", help="stop the app the icon started")
    args = p.parse_args(argv)
    if args.stop:
        print("stopped the workbook" if stop(data_dir()) else "the workbook was not running")
        return 0
    port = args.port or configured_port()
    opener = print if args.no_browser else webbrowser.open
    outcome = launch(port, data_dir(), opener)
    return 0 if outcome in ("running", "started") else 1


if __name__ == "__main__":
    sys.exit(main())
