"""A purge survives a Redis hiccup (#18): Herald's own throwaway Redis is paused with SIGSTOP
while an article is published, and the new article is served within seconds of Redis coming
back, never the old one as a page-cache HIT.

Before, the purge's version bump timed out (or was skipped while the cache was marked down),
the purge task counted it as done, and the process went on serving the old article as a fresh
HIT for up to HERALD_PAGE_CACHE_TTL (10 minutes) once Redis answered again.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.servers import ROOT, free_port, redis_server, server_environment, start_server

pytestmark = pytest.mark.integration

PAUSE_SECONDS = 4
AFTER_PUBLISH_SECONDS = 2
FRESH_WITHIN_SECONDS = 10
NEW_TITLE = "Published while Redis was paused"

# Finds the article and waits, Django started, until Redis is paused; then publishes.
PUBLISH_ON_CUE = """
import sys
from newsroom.models import ArticlePage
page = ArticlePage.objects.live().filter(url_path__startswith="/localhost/").order_by("pk").first()
print("ready", page.url_path[len("/localhost"):], flush=True)
sys.stdin.readline()
page.title = {title!r}
page.save_revision().publish()
print("published", flush=True)
"""


def read(url):
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.headers.get("X-Herald-Cache"), response.read().decode()


def test_the_new_article_is_served_within_seconds_of_redis_coming_back(tmp_path):
    with contextlib.ExitStack() as stack:
        redis_port, port = free_port(), free_port()
        redis = redis_server(redis_port)
        stack.callback(redis.kill)
        environment = server_environment(
            tmp_path, stack, port=port, articles=5, REDIS_URL=f"redis://127.0.0.1:{redis_port}/0"
        )
        base = start_server(environment, stack, port=port, log_path=tmp_path / "server.log")
        publisher = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", PUBLISH_ON_CUE.format(title=NEW_TITLE)],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        stack.callback(publisher.kill)
        line = ""
        for line in publisher.stdout:  # after the shell's own lines
            if line.startswith("ready "):
                break
        assert line.startswith("ready "), line
        url = base + line.split()[1]
        for _ in range(20):
            state, body = read(url)
            if state == "HIT":
                break
            time.sleep(0.2)
        assert state == "HIT" and NEW_TITLE not in body

        stack.callback(os.kill, redis.pid, signal.SIGCONT)  # first: never leave it stopped
        os.kill(redis.pid, signal.SIGSTOP)
        stopped = time.monotonic()
        publisher.stdin.write("go\n")
        publisher.stdin.flush()
        output = publisher.communicate(timeout=60)[0]
        assert publisher.returncode == 0 and "published" in output, output[-3000:]
        published = time.monotonic()
        answers = []  # (seconds since Redis came back, X-Herald-Cache, new article?)
        # The publish itself waits out Redis's timeouts (the live event's is 2 s), so keep it
        # paused a little after it too: the server's worker then tries the purge while Redis
        # cannot take it, as readers carry on reading.
        resume_at = max(stopped + PAUSE_SECONDS, published + AFTER_PUBLISH_SECONDS)
        while time.monotonic() < resume_at:
            state, body = read(url)
            answers.append((time.monotonic() - resume_at, state, NEW_TITLE in body))
            time.sleep(0.2)
        os.kill(redis.pid, signal.SIGCONT)
        back = time.monotonic()

        first_new = None
        while time.monotonic() < back + FRESH_WITHIN_SECONDS:
            state, body = read(url)
            now = time.monotonic() - back
            answers.append((now, state, NEW_TITLE in body))
            if NEW_TITLE in body and first_new is None:
                first_new = now
            if first_new is not None and now > first_new + 3:
                break  # long enough to see an old copy come back, if one did
            time.sleep(0.2)

        log = (tmp_path / "server.log").read_text()
        report = (
            f"published {published - stopped:.1f} s into a pause of {back - stopped:.1f} s; "
            f"answers (s after Redis came back, cache, new?): {answers}\n{log[-3000:]}"
        )
        print(report.split("\n", 1)[0])  # shown by pytest -rP: how fast it was
        assert first_new is not None and first_new < FRESH_WITHIN_SECONDS, report
        old_hits = [
            (t, state) for t, state, new in answers if t >= 0 and not new and state == "HIT"
        ]
        assert not old_hits, report
