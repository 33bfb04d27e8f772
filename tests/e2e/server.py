"""Start the real app on a free local port with its own data folder (tests and docs use it)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(
    data_dir: Path, port: int | None = None, kill: bool = False, prefix: Sequence[str] = ()
) -> Iterator[str]:
    """The app on a local port; on exit it is stopped (or, with kill=True, SIGKILLed).

    It starts as `make run` does, through serve.py (behind localguard.py). `prefix` runs it
    under another program, e.g. strace for the connection audit.
    """
    port = port or free_port()
    env = {**os.environ, "WORKBOOK_DATA_DIR": str(data_dir)}
    # A file, not a pipe: an unread pipe that fills up would freeze the server.
    with tempfile.TemporaryFile() as log:
        yield from _serve(prefix, port, env, log, kill)


def _serve(
    prefix: Sequence[str], port: int, env: dict[str, str], log: IO[bytes], kill: bool
) -> Iterator[str]:
    proc = subprocess.Popen(
        [
            *prefix,
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "serve.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:  # poll the health endpoint, bounded
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(
                        "the app did not start: " + log.read().decode(errors="replace")[-2000:]
                    ) from None
                time.sleep(0.2)
        yield url
    finally:
        if kill:
            proc.kill()
        if prefix and not kill:  # stop the server itself, so a tracer records it shutting down
            for child in _children(proc.pid):
                os.kill(child, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=20)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def wait_idle(page) -> None:
    """Connected, no script run under way, and no widget still loading (skeleton)."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED'][data-test-script-state='notRunning']",
        timeout=30_000,
    )
    page.wait_for_function("() => !document.querySelector(\"[data-testid='stSkeleton']\")", timeout=30_000)
