"""Varnish in front of Herald, with the shipped VCL: anonymous pages are cached, signed-in
readers pass, and publishing an article purges exactly the pages that show it (xkey).

The publish runs in another process (as the task worker's scheduled publishing would), so
Herald's page cache is shared through a throwaway Redis, as in any multi-process deployment.
"""

import contextlib
import json
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.servers import (
    ROOT,
    free_port,
    manage,
    redis_server,
    server_environment,
    start_server,
)

pytestmark = pytest.mark.integration

VCL = ROOT / "deploy" / "varnish" / "herald.vcl"

PICK_PAGES = """
import json
from newsroom.models import ArticlePage
live = ArticlePage.objects.live().filter(url_path__startswith="/localhost/")
article = live.order_by("pk").first()
tags = list(article.tags.values_list("pk", flat=True))
authors = list(article.authors.values_list("pk", flat=True))
section = article.get_parent()
other = (
    live.exclude(path__startswith=section.path)
    .exclude(tagged_items__tag__in=tags)
    .exclude(authors__in=authors)
    .order_by("pk")
    .first()
)
url = lambda page: page.url_path[len("/localhost"):]
print(json.dumps({
    "pk": article.pk,
    "article": url(article),
    "section": url(section),
    "other_article": url(other),
    "other_section": url(other.get_parent()),
}))
"""

PUBLISH = (
    "from newsroom.models import ArticlePage;"
    "page = ArticlePage.objects.get(pk={pk});"
    "page.title = 'Varnish purge test headline';"
    "page.save_revision().publish()"
)


def _varnishd():
    binary = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not Path(binary).exists():
        if os.environ.get("CI"):
            pytest.fail("varnishd is missing: CI must install Debian's varnish packages.")
        pytest.skip("varnish is not installed (apt-get install varnish varnish-modules)")
    return binary


@contextlib.contextmanager
def varnish_in_front(workdir, *, port, backend_port):
    vcl = workdir / "herald.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    process = subprocess.Popen(
        [
            _varnishd(),
            "-F",
            "-j",
            "none",
            "-n",
            str(workdir / "instance"),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-s",
            "malloc,64m",
        ],
        stdout=(workdir / "varnish.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((workdir / "varnish.log").read_text()) from None
                time.sleep(0.3)
        yield f"http://localhost:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=15) as response:
        return response.headers.get("X-Cache"), response.read()


def test_varnish_caches_pages_and_publishing_purges_exactly_the_affected_ones(tmp_path):
    with contextlib.ExitStack() as stack:
        redis_port, herald_port, varnish_port = free_port(), free_port(), free_port()
        redis = redis_server(redis_port)
        stack.callback(redis.terminate)
        environment = server_environment(
            tmp_path,
            stack,
            port=herald_port,
            articles=40,
            REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
            HERALD_VARNISH_URLS=f"http://127.0.0.1:{varnish_port}/",
        )
        start_server(environment, stack, port=herald_port, log_path=tmp_path / "server.log")
        front = stack.enter_context(
            varnish_in_front(tmp_path, port=varnish_port, backend_port=herald_port)
        )
        pages = json.loads(manage(environment, "shell", "-c", PICK_PAGES).stdout.splitlines()[-1])
        watched = {name: pages[name] for name in pages if name != "pk"}
        watched["home"] = "/"

        first = {name: fetch(front + url)[0] for name, url in watched.items()}
        second = {name: fetch(front + url)[0] for name, url in watched.items()}
        assert set(first.values()) == {"MISS"} and set(second.values()) == {"HIT"}
        signed_in = fetch(front + "/", headers={"Cookie": "sessionid=whoever"})[0]
        assert signed_in == "MISS"  # passed to Herald, never answered from the cache

        manage(environment, "shell", "-c", PUBLISH.format(pk=pages["pk"]))

        after = {name: fetch(front + url) for name, url in watched.items()}
        states = {name: state for name, (state, _) in after.items()}
        assert states == {
            "article": "MISS",
            "section": "MISS",
            "home": "MISS",
            "other_article": "HIT",
            "other_section": "HIT",
        }
        assert b"Varnish purge test headline" in after["article"][1]
        assert b"Varnish purge test headline" in after["section"][1]
