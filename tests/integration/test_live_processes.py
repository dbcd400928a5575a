"""Live events across processes: two Herald servers sharing Redis both deliver every event, and a
Redis outage neither crashes nor silences the stream. Uses a throwaway Redis on its own port
(the shared one is never stopped)."""

import contextlib
import queue
import subprocess
import threading
import time
import urllib.request

import pytest

from tests.servers import (
    free_port,
    manage,
    redis_answers,
    redis_server,
    server_environment,
    start_server,
)

pytestmark = pytest.mark.integration

PUBLISH = (
    "from newsroom.models import ArticlePage;"
    "page = ArticlePage.objects.live().order_by('pk').first();"
    "page.title = {title!r};"
    "page.save_revision().publish()"
)


class StreamReader:
    """Reads an SSE stream in a thread; collects data lines."""

    def __init__(self, url):
        self.lines = queue.Queue()
        self.response = urllib.request.urlopen(url, timeout=30)  # noqa: S310
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        with contextlib.suppress(Exception):
            for raw in self.response:
                self.lines.put(raw.decode().rstrip("\n"))

    def wait_for(self, text, timeout=15):
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            seen.append(line)
            if text in line:
                return seen
        raise AssertionError(f"{text!r} not received; got {seen[-10:]}")


@pytest.fixture(scope="module")
def network(tmp_path_factory):
    """Two Herald processes on one database, sharing a throwaway Redis for live events."""
    redis_port = free_port()
    redis_process = redis_server(redis_port)
    with contextlib.ExitStack() as stack:
        stack.callback(lambda: redis_process.poll() is None and redis_process.terminate())
        var = tmp_path_factory.mktemp("live-var")
        port_a, port_b = free_port(), free_port()
        environment = server_environment(
            var,
            stack,
            port=port_a,
            articles=20,
            # The broker's Redis only: the cache stays in each process, so stopping this Redis
            # tests the live stream alone.
            REDIS_URL=None,
            HERALD_LIVE_REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
            HERALD_LIVE_HEARTBEAT="1",
            HERALD_EMBEDDED_WORKER="false",
        )
        urls = [
            start_server(environment, stack, port=port, log_path=var / f"server-{port}.log")
            for port in (port_a, port_b)
        ]
        yield {"urls": urls, "env": environment, "redis_port": redis_port, "stack": stack}


def test_both_processes_deliver_an_event_published_in_a_third(network):
    readers = [StreamReader(url + "/live/stream") for url in network["urls"]]
    for reader in readers:
        reader.wait_for("retry:")
    manage(network["env"], "shell", "-c", PUBLISH.format(title="Storm warning for the Cape"))
    for reader in readers:
        reader.wait_for("Storm warning for the Cape")


def test_redis_outage_keeps_streams_alive_and_recovery_resumes_delivery(network):
    reader = StreamReader(network["urls"][0] + "/live/stream")
    reader.wait_for("retry:")
    port = network["redis_port"]
    # Stop the throwaway Redis (never the shared one).
    subprocess.run(["redis-cli", "-p", str(port), "shutdown", "nosave"], check=False)
    time.sleep(0.5)
    assert not redis_answers(port)
    reader.wait_for(": heartbeat", timeout=5)  # still alive
    outage = manage(network["env"], "shell", "-c", PUBLISH.format(title="Published in outage"))
    assert "not published to Redis" in outage.stderr  # logged, and the page was still published
    reader.wait_for(": heartbeat", timeout=5)

    restarted = redis_server(port)
    network["stack"].callback(lambda: restarted.poll() is None and restarted.terminate())
    time.sleep(12)  # the listener retries with backoff (at most 10 s apart)
    manage(network["env"], "shell", "-c", PUBLISH.format(title="Back after the outage"))
    reader.wait_for("Back after the outage", timeout=15)
