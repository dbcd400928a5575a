"""Rendered pages under sustained load on PostgreSQL, with readers hanging up mid-request.

A benchmark round ends with its 32 clients hanging up in the middle of requests. That used to
leave database connections checked out of the pool for good, until every request failed with
``PoolTimeout`` and the process never recovered. This soak runs the same shape, bounded in time,
with the pool and without it, and requires no error and every connection given back: to the
pool, or, without one, kept by the thread that used it (one each, however many requests).
"""

import contextlib
import os
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.servers import free_port, server_environment, start_server

pytestmark = [pytest.mark.integration, pytest.mark.postgresql]

CLIENTS = 32
SECONDS = 15
HANG_UP_EVERY = 3  # every third request of each client is abandoned before its answer
THREADS = 8  # HERALD_DJANGO_THREADS: without a pool, each keeps its own connection
PATHS = ["/", "/news/", "/business/", "/tags/africa/", "/search/?q=water"]


def _load(port, *, seconds=SECONDS, clients=CLIENTS):
    deadline = time.monotonic() + seconds
    results = {"answered": 0, "abandoned": 0, "errors": []}
    lock = threading.Lock()

    def client(number):
        sent = 0
        while time.monotonic() < deadline:
            sent += 1
            path = PATHS[(number + sent) % len(PATHS)]
            request = f"GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
                    sock.sendall(request.encode())
                    if sent % HANG_UP_EVERY == 0:
                        time.sleep(0.01 * (sent % 5))  # gone while the page renders
                        with lock:
                            results["abandoned"] += 1
                        continue
                    answer = b""
                    while chunk := sock.recv(65536):
                        answer += chunk
                status = answer[9:12].decode() or "no answer"
                with lock:
                    if status == "200":
                        results["answered"] += 1
                    else:
                        results["errors"].append(f"{path}: {status}")
            except OSError as exc:
                with lock:
                    results["errors"].append(f"{path}: {exc!r}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _health(port):
    url = f"http://127.0.0.1:{port}/healthz"
    request = urllib.request.Request(url, headers={"Host": f"localhost:{port}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        import json

        return json.loads(response.read())


def _server_connections(database_url):
    import psycopg

    base, _, name = database_url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        row = admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (name,)
        ).fetchone()
    return row[0]


@pytest.fixture(scope="module")
def soak_environment(tmp_path_factory):
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("the soak needs PostgreSQL (DATABASE_URL)")
    var = tmp_path_factory.mktemp("soak")
    port = free_port()
    with contextlib.ExitStack() as stack:
        environment = server_environment(
            var,
            stack,
            port=port,
            articles=40,
            HERALD_PAGE_CACHE="false",  # every request renders
            HERALD_EMBEDDED_WORKER="false",  # nothing but requests takes connections
        )
        yield environment, port, var, stack


@pytest.mark.parametrize("pool_size", ["8", "0"], ids=["with the pool", "without a pool"])
def test_rendered_pages_at_32_connections_end_with_no_error_and_every_connection_back(
    soak_environment, pool_size
):
    environment, port, var, _ = soak_environment
    with contextlib.ExitStack() as stack:
        start_server(
            {
                **environment,
                "HERALD_DB_POOL_SIZE": pool_size,
                "HERALD_DJANGO_THREADS": str(THREADS),
            },
            stack,
            port=port,
            log_path=var / f"server-pool-{pool_size}.log",
        )
        results = _load(port)
        log = Path(var / f"server-pool-{pool_size}.log").read_text()
        assert results["errors"] == [], log[-3000:]
        assert results["answered"] > 20 and results["abandoned"] > 10
        assert "PoolTimeout" not in log and "couldn't get a connection" not in log
        time.sleep(1)  # renders for readers who hung up finish
        health = _health(port)
        assert health["status"] == "ok"
        if pool_size != "0":
            assert health["database_pool"]["in_use"] == 0, health
        else:
            assert "database_pool" not in health
            assert 0 < _server_connections(environment["DATABASE_URL"]) <= THREADS
            _load(port, seconds=5)  # more readers, more hang-ups: no connection more
            time.sleep(1)
            assert 0 < _server_connections(environment["DATABASE_URL"]) <= THREADS
