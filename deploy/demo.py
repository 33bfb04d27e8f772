"""Clinic mode on one machine: PostgreSQL, a mock OIDC provider, app servers and nginx.

    python -m deploy.demo            (what `make clinic` runs; Ctrl+C stops everything)

Everything listens on 127.0.0.1 and lives in one temporary folder that is removed at the
end; every process is stopped by its own PID. The browser opens http://localhost:<port>
(the one public origin, equal to the OIDC redirect origin). The tests of the serving half
(tests/clinic/test_signin.py, test_roles.py, test_two_servers.py) and the load
benchmark (benchmarks/clinic_load.py) start the same pieces through `Stack`.

PostgreSQL: `initdb` refuses root, so as root it runs as the `postgres` user
(runuser), in a folder that user owns, listening on 127.0.0.1 and a socket there.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DB_NAME = "workbook"
APP_LOGIN = "workbook_web"  # what the app servers connect as (member of workbook_app, no BYPASSRLS)
START_SECONDS = 60


def postgres_backend_ready() -> bool:
    """The PostgreSQL store backend is in the tree (workbook/store/postgres.py, helper C1's)."""
    import importlib.util

    return importlib.util.find_spec("workbook.store.postgres") is not None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_http(url: str, proc: subprocess.Popen[bytes], log: Path, expect: bytes | None = None) -> None:
    """Poll a URL until it answers (bounded); a process that died or timed out says why."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if expect is None or r.read() == expect:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{url} did not come up: {tail}")
        time.sleep(0.2)


def _stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


# --- PostgreSQL ----------------------------------------------------------------


def _as_postgres(cmd: Sequence[str]) -> list[str]:
    """initdb and pg_ctl refuse root: run them as the postgres user when we are root."""
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else list(cmd)


def _pg_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for version in ("17", "16", "15"):
        path = Path(f"/usr/lib/postgresql/{version}/bin/{name}")
        if path.exists():
            return str(path)
    raise RuntimeError(f"{name} not found: apt-get install postgresql")


@contextlib.contextmanager
def postgres(folder: Path) -> Iterator[str]:
    """A throwaway PostgreSQL cluster, migrated; yields the app's URL (127.0.0.1, trust, this cluster only).

    The owner (superuser) URL is the same with user `postgres`, for checks the app may not make.
    """
    data = folder / "pgdata"
    sock = folder / "pgsock"
    for d in (data, sock):
        d.mkdir(parents=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        for d in (data, sock):
            shutil.chown(d, "postgres")
    port = free_port()
    log = folder / "postgres.log"
    subprocess.run(
        _as_postgres([_pg_bin("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"]),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {sock} -c max_connections=200 -c fsync=on"
    proc = subprocess.Popen(
        _as_postgres([_pg_bin("postgres"), "-D", str(data), *opts.split()]),
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    try:
        deadline = time.monotonic() + START_SECONDS
        while subprocess.run(
            [_pg_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL
        ).returncode:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("PostgreSQL did not start: " + log.read_text(errors="replace")[-2000:])
            time.sleep(0.2)
        subprocess.run(
            ["psql", url, "-q", "-c", f"CREATE DATABASE {DB_NAME}"], check=True, stdout=subprocess.DEVNULL
        )
        owner_url = f"postgresql://postgres@127.0.0.1:{port}/{DB_NAME}"
        # The tables belong to postgres; the app connects as a role under row-level security.
        from workbook.store import postgres as backend

        backend.migrate(owner_url)
        backend.ensure_app_login(owner_url, APP_LOGIN)
        yield f"postgresql://{APP_LOGIN}@127.0.0.1:{port}/{DB_NAME}"
    finally:
        _stop(proc, signal.SIGINT)  # "fast" shutdown: clients are cut, data is flushed


# --- the mock OIDC provider -------------------------------------------------------


@contextlib.contextmanager
def oidc_mock(folder: Path) -> Iterator[str]:
    """oidc-provider-mock on 127.0.0.1; yields its issuer URL. Any client id is accepted."""
    port = free_port()
    log = folder / "oidc.log"
    proc = subprocess.Popen(
        [str(BIN / "oidc-provider-mock"), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    issuer = f"http://127.0.0.1:{port}"
    try:
        _wait_http(f"{issuer}/.well-known/openid-configuration", proc, log)
        yield issuer
    finally:
        _stop(proc)


# --- app servers ------------------------------------------------------------------


def secrets_toml(public_origin: str, issuer: str, cookie_secret: str, client_secret: str) -> str:
    """The [auth] section every app server reads: one redirect origin, one cookie secret."""
    return (
        "[auth]\n"
        f'redirect_uri = "{public_origin}/oauth2callback"\n'
        f'cookie_secret = "{cookie_secret}"\n'
        'client_id = "treatment-workbook"\n'
        f'client_secret = "{client_secret}"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
    )


@contextlib.contextmanager
def app_server(
    folder: Path, port: int, secrets_file: Path, cookie_secret: str, env: dict[str, str], root: Path = ROOT
) -> Iterator[subprocess.Popen[bytes]]:
    """One Streamlit process (serve.py: app.py behind localguard.py) on 127.0.0.1:port."""
    log = folder / f"app-{port}.log"
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", "serve.py",
            "--server.headless", "true", "--server.port", str(port),
            "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
            "--secrets.files", str(secrets_file),
        ],
        cwd=root,
        # Streamlit refuses the cookie secret on the command line (ps would show it).
        env={**os.environ, **env, "STREAMLIT_SERVER_COOKIE_SECRET": cookie_secret},
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )  # fmt: skip
    try:
        _wait_http(f"http://127.0.0.1:{port}/_stcore/health", proc, log, expect=b"ok")
        yield proc
    finally:
        _stop(proc)


# --- nginx ------------------------------------------------------------------------


def nginx_conf(folder: Path, port: int, upstream_ports: Sequence[int]) -> str:
    """A whole nginx.conf around the two shared snippets of deploy/nginx/ (as in production)."""
    servers = "\n".join(f"        server 127.0.0.1:{p};" for p in upstream_ports)
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    return f"""{user}worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {folder}/nginx-tmp/body;
    proxy_temp_path {folder}/nginx-tmp/proxy;
    fastcgi_temp_path {folder}/nginx-tmp/fastcgi;
    uwsgi_temp_path {folder}/nginx-tmp/uwsgi;
    scgi_temp_path {folder}/nginx-tmp/scgi;
    include {HERE}/nginx/workbook-http.conf;
    upstream workbook_app {{
        hash $workbook_route consistent;
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        include {HERE}/nginx/workbook-location.conf;
        # Demo and tests only (not in the production site): which app server a browser's
        # route cookie reaches, so a test can drive both servers on purpose.
        location = /_demo/upstream {{
            proxy_pass http://workbook_app/_stcore/health;
            proxy_set_header Host $http_host;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


@contextlib.contextmanager
def nginx(folder: Path, port: int, upstream_ports: Sequence[int]) -> Iterator[str]:
    """nginx in the foreground on 127.0.0.1:port; yields the public origin (http://localhost:port)."""
    tmp = folder / "nginx-tmp"
    tmp.mkdir()
    tmp.chmod(0o777)  # the workers run as nobody when we are root
    conf = folder / "nginx.conf"
    conf.write_text(nginx_conf(folder, port, upstream_ports))
    log = folder / "nginx-error.log"
    proc = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(folder)], stdout=subprocess.DEVNULL, stderr=log.open("ab")
    )
    try:
        _wait_http(f"http://127.0.0.1:{port}/_stcore/health", proc, log, expect=b"ok")
        yield f"http://localhost:{port}"
    finally:
        _stop(proc, signal.SIGQUIT)  # graceful: workers finish, then exit


# --- all of it --------------------------------------------------------------------


@dataclass
class Stack:
    """What is running: the public origin, the provider, the database URL, the app ports."""

    origin: str
    issuer: str
    database_url: str | None
    app_ports: list[int]
    folder: Path
    app_procs: list[subprocess.Popen[bytes]] = field(default_factory=list)


@contextlib.contextmanager
def stack(
    servers: int = 2,
    database_url: str | None = None,
    root: Path = ROOT,
    extra_env: dict[str, str] | None = None,
    port: int | None = None,
    database: bool | None = None,
) -> Iterator[Stack]:
    """PostgreSQL (unless a URL is given), the mock provider, `servers` app servers, nginx.

    database=False (default: when the PostgreSQL backend is missing) serves from one SQLite
    file that every app server shares instead: sign-in and the proxy work the same.
    """
    if database is None:
        database = postgres_backend_ready()
    with contextlib.ExitStack() as stack_, tempfile.TemporaryDirectory(prefix="twb-clinic-") as tmp:
        folder = Path(tmp)
        folder.chmod(0o755)
        if database and database_url is None:
            database_url = stack_.enter_context(postgres(folder / "pg"))
        issuer = stack_.enter_context(oidc_mock(folder))
        port = port or free_port()
        origin = f"http://localhost:{port}"
        cookie_secret = secrets.token_urlsafe(32)
        secrets_file = folder / "secrets.toml"
        secrets_file.write_text(secrets_toml(origin, issuer, cookie_secret, secrets.token_urlsafe(16)))
        secrets_file.chmod(0o600)
        env = {"WORKBOOK_DATA_DIR": str(folder / "data")}
        if database and database_url:
            env["WORKBOOK_DATABASE_URL"] = database_url
        env.update(extra_env or {})
        ports = [free_port() for _ in range(servers)]
        procs = [
            stack_.enter_context(app_server(folder, p, secrets_file, cookie_secret, env, root)) for p in ports
        ]
        stack_.enter_context(nginx(folder, port, ports))
        yield Stack(origin, issuer, database_url, ports, folder, procs)


def _found(name: str) -> bool:
    try:
        return bool(_pg_bin(name)) if name == "initdb" else Path(NGINX).exists()
    except RuntimeError:
        return False


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def route_to(stack: Stack, port: int, tries: int = 64) -> str:
    """A twb_route cookie value that nginx sends to the app server on `port`."""
    for n in range(tries):
        value = f"route-{n}"
        request = urllib.request.Request(
            stack.origin + "/_demo/upstream", headers={"Cookie": f"twb_route={value}"}
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            if answer.headers.get("X-Upstream", "").endswith(f":{port}"):
                return value
    raise RuntimeError(f"no route cookie reaches port {port}")


def main() -> None:
    missing = [name for name in ("nginx", "initdb") if not (shutil.which(name) or _found(name))]
    if missing:
        sys.exit(f"{', '.join(missing)} not found: apt-get install nginx postgresql")
    servers = int(os.environ.get("CLINIC_SERVERS", "2"))
    port = int(os.environ.get("CLINIC_PORT", "8600"))
    with stack(servers=servers, port=port) as s:
        print(f"Clinic demo: open {s.origin} in a browser (Ctrl+C stops everything).")
        print(f"  sign-in provider (mock, type any name): {s.issuer}")
        print(f"  app servers on 127.0.0.1:{', '.join(map(str, s.app_ports))} behind nginx")
        print(f"  PostgreSQL: {s.database_url}")
        signal.signal(signal.SIGTERM, _interrupt)  # kill PID stops everything too
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
    print("stopped")


if __name__ == "__main__":
    main()
