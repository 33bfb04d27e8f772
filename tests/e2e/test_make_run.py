"""`make run` starts the app and its health endpoint answers."""

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.e2e.server import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_make_run_serves_the_app(tmp_path):
    port = free_port()
    env = {**os.environ, "WORKBOOK_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        ["make", "run", f"STREAMLIT_ARGS=--server.port {port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120  # the first run may still be installing
        while True:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2) as r:
                    assert r.read() == b"ok"
                    break
            except OSError:
                assert proc.poll() is None, "make run exited"
                assert time.monotonic() < deadline, "the app did not answer in time"
                time.sleep(0.3)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
