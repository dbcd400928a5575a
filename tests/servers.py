"""Run Herald as real server processes for tests that need them (browser, multi-process).

Each server gets a database of its own (a file-based SQLite database in its folder, or a
throwaway PostgreSQL database when DATABASE_URL points at PostgreSQL) filled by the demo command,
and runs under granian on a free loopback port.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_admin(url):
    import psycopg

    base = url.rpartition("/")[0]
    return base, psycopg.connect(f"{base}/postgres", autocommit=True)


def database_environment(var, stack):
    """Return DATABASE_URL for a fresh database that the ExitStack drops afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{var / 'herald.sqlite3'}"
    name = f"herald_test_{uuid.uuid4().hex[:8]}"
    base, conn = _postgres_admin(url)
    with conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with _postgres_admin(url)[1] as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    stack.callback(drop)
    return f"{base}/{name}"


def server_environment(var, stack, *, port, articles=80, database_url=None, **extra):
    """Migrate and fill a database for a server on ``port``; return the environment to run it.

    ``database_url`` names a database to use as it is (a throwaway server's); by default each
    server gets a fresh database of its own."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "herald.settings.demo",
        "HERALD_VAR_DIR": str(var),
        "HERALD_DEMO_PORT": str(port),
        "HERALD_CACHE_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    for name, value in extra.items():
        if value is None:  # None removes a variable the test run has, e.g. REDIS_URL
            environment.pop(name, None)
    environment["DATABASE_URL"] = database_url or database_environment(var, stack)
    for args in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["demo_content", "--articles", str(articles), "--seed", "11"],
    ):
        manage(environment, *args)
    return environment


def manage(environment, *args, timeout=600):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_server(environment, stack, *, port, log_path):
    """Start granian on ``port`` with ``environment``; return the base URL once healthy."""
    log = open(log_path, "a")  # noqa: SIM115 (closed when the server stops)
    granian = shutil.which("granian", path=str(Path(sys.executable).parent))
    server = subprocess.Popen(
        [
            granian,
            "--interface",
            "asginl",
            "--workers-kill-timeout",
            "3",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "herald.asgi:application",
        ],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def stop():
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    stack.callback(stop)
    base_url = f"http://localhost:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return base_url
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(Path(log_path).read_text()) from None
            time.sleep(0.3)


def redis_server(port):
    """Start a throwaway redis-server on ``port`` (never the shared one); return the process."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing: CI must install Debian's redis-server package.")
        pytest.skip("redis-server is not installed")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(50):
        if redis_answers(port):
            return process
        time.sleep(0.1)
    raise RuntimeError("throwaway redis-server did not start")


def redis_answers(port):
    import redis

    try:
        return redis.Redis(port=port, socket_timeout=0.5).ping()
    except redis.RedisError:
        return False


POSTGRES_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))


class ThrowawayPostgres:
    """A PostgreSQL server of the test's own, on its own port and folder, that it may stop.

    PostgreSQL refuses to run as root, so when the tests run as root it runs as the
    ``postgres`` user that Debian's package creates."""

    def __init__(self, port):
        import tempfile

        if not POSTGRES_BIN:
            if os.environ.get("CI"):
                pytest.fail("PostgreSQL is missing: CI must install Debian's postgresql package.")
            pytest.skip("PostgreSQL server binaries are not installed")
        self.port = port
        self.bin = POSTGRES_BIN[-1]
        self.folder = Path(tempfile.mkdtemp(prefix="herald-throwaway-pg-"))
        self.data = self.folder / "data"
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "--auth=trust", "--username=postgres", "-D", str(self.data))
        self.url = f"postgres://postgres@127.0.0.1:{port}/herald"

    def _run(self, tool, *args):
        command = [str(self.bin / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    def start(self):
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "server.log"),
            "-o",
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off",
            "-w",
            "start",
        )

    def create_database(self):
        import psycopg

        with psycopg.connect(
            f"postgres://postgres@127.0.0.1:{self.port}/postgres", autocommit=True
        ) as admin:
            admin.execute("CREATE DATABASE herald")

    def stop(self):
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def remove(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
