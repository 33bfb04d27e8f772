"""Clinic tests: a REAL PostgreSQL 15, started for the session, never a mock.

`postgres_server` runs initdb and the server as the `postgres` user (initdb refuses
root) into a temporary folder, listening on 127.0.0.1 and on a socket there, and stops
it by its PID at the end. If it cannot start, the tests fail with the reason (they do
not skip: .ci/run installs PostgreSQL).

`clinic_db` migrates a fresh database as the owner and makes the app's login role (a
member of workbook_app, not the owner, so row-level security applies). `pg_store`
points the store at it for one test, with an empty database and a signed-in patient.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from workbook import store

APP_LOGIN = "workbook_app_test"
DB = "workbook_test"
TABLES = "audit, navigator_notes, suggestions, invitations, grants, versions, workbooks, actors"


def _pg_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for version in ("17", "16", "15"):
        path = Path(f"/usr/lib/postgresql/{version}/bin/{name}")
        if path.exists():
            return str(path)
    pytest.fail(f"PostgreSQL's {name} is not installed: apt-get install postgresql (.ci/run does)")


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    socket_dir: Path
    pid: int

    def url(self, user: str = "postgres", db: str = "postgres") -> str:
        return f"postgresql://{user}@{self.host}:{self.port}/{db}"


def _start(root: Path) -> Server:
    data, log = root / "data", root / "postgres.log"
    subprocess.run(
        _as_postgres(
            [_pg_bin("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"]
        ),
        check=True,
        capture_output=True,
    )
    port = _free_port()
    opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c max_connections=100"
    started = subprocess.run(
        _as_postgres(
            [_pg_bin("pg_ctl"), "-D", str(data), "-l", str(log), "-o", opts, "-w", "-t", "60", "start"]
        ),
        capture_output=True,
        text=True,
    )
    if started.returncode != 0:
        text = log.read_text(errors="replace") if log.exists() else started.stderr
        pytest.fail(f"PostgreSQL did not start:\n{text[-2000:]}")
    pid = int((data / "postmaster.pid").read_text().split()[0])
    return Server("127.0.0.1", port, root, pid)


def _stop(server: Server) -> None:
    """Fast shutdown by PID, then wait for it to be gone (SIGKILL as a last resort)."""
    try:
        os.kill(server.pid, signal.SIGINT)
    except ProcessLookupError:
        return
    for _ in range(300):
        try:
            os.kill(server.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(server.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    root = Path(tempfile.mkdtemp(prefix="workbook-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    server = _start(root)
    try:
        yield server
    finally:
        from workbook.store import postgres

        postgres.close_pools()
        _stop(server)
        shutil.rmtree(root, ignore_errors=True)


@dataclass(frozen=True)
class ClinicDb:
    owner_url: str
    app_url: str


@pytest.fixture(scope="session")
def clinic_db(postgres_server: Server) -> ClinicDb:
    import psycopg

    from workbook.store import postgres

    with psycopg.connect(postgres_server.url(), autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {DB}")
        con.execute(f"CREATE DATABASE {DB}")
    owner = postgres_server.url(db=DB)
    postgres.migrate(owner)
    postgres.ensure_app_login(owner, APP_LOGIN)
    return ClinicDb(owner, postgres_server.url(APP_LOGIN, DB))


def owner_sql(db: ClinicDb, query: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Run SQL as the owner (beneath the app: no row-level security), for setting up and checking."""
    import psycopg

    with psycopg.connect(db.owner_url, autocommit=True) as con:
        cur = con.execute(query, params)
        return cur.fetchall() if cur.description else []


PATIENT = store.Actor(issuer="https://id.example", subject="patient-1", name="Pat Patient")


@pytest.fixture
def pg_store(clinic_db: ClinicDb, monkeypatch: pytest.MonkeyPatch) -> Iterator[ClinicDb]:
    """This test's store is the clinic database, empty, with the patient signed in."""
    owner_sql(clinic_db, f"TRUNCATE {TABLES} CASCADE")
    monkeypatch.setenv(store.DATABASE_URL_ENV, clinic_db.app_url)
    with store.acting(PATIENT):
        yield clinic_db
