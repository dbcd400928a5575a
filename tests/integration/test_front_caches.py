"""The shipped front-cache configurations, in front of a real Herald:

- Varnish with deploy/varnish/herald.vcl: pages are cached for readers and signed-in members
  alike, a waiting message passes, a member never gets the anonymous copy of a page that reads
  differently for members, and publishing an article purges exactly the pages that show it
  (xkey).
- nginx with deploy/nginx/herald.conf: TLS, static files, and cached pages under the same rules.

The publish runs in another process (as the task worker's scheduled publishing would), so
Herald's page cache is shared through a throwaway Redis, as in any multi-process deployment.
"""

import contextlib
import json
import os
import shutil
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
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

VARNISH = ROOT / "deploy" / "varnish"
VCL = VARNISH / "herald.vcl"
VCL_SEVERAL = VARNISH / "herald-several.vcl"

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
def varnish_in_front(workdir, *, port, backend_port=None, backend_ports=()):
    """The shipped VCL on loopback ports: herald.vcl in front of one server, or
    herald-several.vcl in front of ``backend_ports``."""
    if backend_ports:
        source = VCL_SEVERAL.read_text()
        for shipped, actual in zip(("8001", "8002"), backend_ports, strict=True):
            source = source.replace(f'.port = "{shipped}";', f'.port = "{actual}";')
    else:
        source = VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";')
    vcl = workdir / "herald.vcl"
    vcl.write_text(source)
    shutil.copy(VARNISH / "herald-rules.vcl", workdir / "herald-rules.vcl")
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


@dataclass
class Herald:
    port: int
    var: Path
    environment: dict
    varnish_port: int


@pytest.fixture(scope="module")
def herald(tmp_path_factory):
    var = tmp_path_factory.mktemp("herald-front")
    with contextlib.ExitStack() as stack:
        redis_port, herald_port, varnish_port = free_port(), free_port(), free_port()
        redis = redis_server(redis_port)
        stack.callback(redis.terminate)
        environment = server_environment(
            var,
            stack,
            port=herald_port,
            articles=40,
            REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
            HERALD_VARNISH_URLS=f"http://127.0.0.1:{varnish_port}/",
        )
        start_server(environment, stack, port=herald_port, log_path=var / "server.log")
        yield Herald(herald_port, var, environment, varnish_port)


def test_varnish_caches_pages_and_publishing_purges_exactly_the_affected_ones(herald, tmp_path):
    with contextlib.ExitStack() as stack:
        environment = herald.environment
        front = stack.enter_context(
            varnish_in_front(tmp_path, port=herald.varnish_port, backend_port=herald.port)
        )
        pages = json.loads(manage(environment, "shell", "-c", PICK_PAGES).stdout.splitlines()[-1])
        watched = {name: pages[name] for name in pages if name != "pk"}
        watched["home"] = "/"

        first = {name: fetch(front + url)[0] for name, url in watched.items()}
        second = {name: fetch(front + url)[0] for name, url in watched.items()}
        assert set(first.values()) == {"MISS"} and set(second.values()) == {"HIT"}
        member = {"Cookie": "sessionid=whoever; herald_signed_in=1"}
        assert fetch(front + "/", headers=member)[0] == "HIT"  # members get the same copy
        message = {"Cookie": "sessionid=whoever; messages=waiting"}
        assert fetch(front + "/", headers=message)[0] == "MISS"  # passed: shown, once, by Herald
        assert fetch(front + "/?flash")[0] == "HIT"  # the marker of that redirect: the same page
        _members_get_their_own_comments_page(front, pages["pk"])
        _each_encoding_is_a_copy_of_its_own(front)

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


def _members_get_their_own_comments_page(front, page_id):
    """The plain comments page reads differently with a session (``Vary: Cookie``): Varnish
    keeps the anonymous copy for browsers without one, and passes every member to Herald."""
    url = f"{front}/comments/{page_id}/"
    member = {"Cookie": "sessionid=whoever; csrftoken=x"}
    assert [fetch(url)[0] for _ in range(2)] == ["MISS", "HIT"]
    assert [fetch(url, headers=member)[0] for _ in range(2)] == ["MISS", "MISS"]
    assert fetch(url, headers={"Cookie": "csrftoken=x"})[0] == "HIT"  # other cookies: no matter
    with urllib.request.urlopen(url, timeout=15) as response:
        # As Herald said it, for browsers (and its copies are stored compressed too).
        assert response.headers["Vary"] == "Cookie, Accept-Encoding"


def _each_encoding_is_a_copy_of_its_own(front):
    """Herald's Brotli and gzip copies pass through Varnish, one cached copy per encoding."""
    import gzip

    import brotli

    url = f"{front}/"
    plain = urllib.request.urlopen(url, timeout=15).read()
    for asked, sent, decode in (
        ("gzip, deflate, br, zstd", "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
        ("br;q=0, gzip", "gzip", gzip.decompress),
    ):
        request = urllib.request.Request(url, headers={"Accept-Encoding": asked})
        with urllib.request.urlopen(request, timeout=15) as response:
            assert response.headers["Content-Encoding"] == sent
            assert response.headers["Vary"] == "Accept-Encoding"
            assert decode(response.read()) == plain
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br"})
    with urllib.request.urlopen(request, timeout=15) as response:
        assert response.headers["X-Cache"] == "HIT"


def test_varnish_in_front_of_two_servers_loses_no_read_when_one_is_killed(herald, tmp_path):
    """herald-several.vcl: with one of two app servers killed, uncached reads still answer
    (sent on to the other at once), and the probe soon leaves the dead one out."""
    second_port = free_port()
    (tmp_path / "second").mkdir()
    with contextlib.ExitStack() as stack, contextlib.ExitStack() as second:
        start_server(
            herald.environment, second, port=second_port, log_path=tmp_path / "second" / "log"
        )
        front = stack.enter_context(
            varnish_in_front(tmp_path, port=free_port(), backend_ports=(herald.port, second_port))
        )
        for number in range(4):  # both servers answer, in turn
            assert fetch(front + f"/search/?q=warm{number}")[0] == "MISS"

        second.close()  # the second server is gone; Varnish still counts it healthy
        answers = []
        for number in range(20):
            try:
                answers.append(fetch(front + f"/search/?q=killed{number}")[0])
            except urllib.error.HTTPError as error:
                answers.append(error.code)
        assert answers == ["MISS"] * 20

        time.sleep(3)  # its probe has failed twice: it is out of the rotation
        for number in range(10):
            assert fetch(front + f"/search/?q=after{number}")[0] == "MISS"


NGINX_CONF = ROOT / "deploy" / "nginx" / "herald.conf"


def _nginx():
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: CI must install Debian's nginx-light package.")
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    return binary


def _nginx_config(folder, *, herald, http_port, https_port):
    """The shipped server blocks on loopback ports, with a self-signed certificate."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=localhost", "-keyout", str(folder / "key.pem")]
        + ["-out", str(folder / "cert.pem")],
        check=True,
        capture_output=True,
    )
    site = NGINX_CONF.read_text()
    for old, new in {
        "/var/cache/nginx/herald": str(folder / "cache"),
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{herald.port};",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl;",
        "listen [::]:80;": "",
        "listen [::]:443 ssl http2;": "",
        "/etc/letsencrypt/live/news.example.org/fullchain.pem": str(folder / "cert.pem"),
        "/etc/letsencrypt/live/news.example.org/privkey.pem": str(folder / "key.pem"),
        "/srv/herald/var": str(herald.var),
    }.items():
        assert old in site, old
        site = site.replace(old, new)
    (folder / "herald.conf").write_text(site)
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    main = f"""
user root;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {folder}/herald.conf;
}}
"""
    (folder / "nginx.conf").write_text(main)
    return folder / "nginx.conf"


def test_nginx_example_serves_static_files_and_caches_anonymous_pages(herald, tmp_path):
    http_port, https_port = free_port(), free_port()
    config = _nginx_config(tmp_path, herald=herald, http_port=http_port, https_port=https_port)
    nginx = subprocess.Popen(
        [_nginx(), "-c", str(config), "-p", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "stderr.log").open("w"),
    )
    insecure = ssl.create_default_context()
    insecure.check_hostname = False
    insecure.verify_mode = ssl.CERT_NONE
    base = f"https://127.0.0.1:{https_port}"

    def get(path, **headers):
        request = urllib.request.Request(base + path, headers={"Host": "localhost", **headers})
        with urllib.request.urlopen(request, timeout=15, context=insecure) as response:
            return response.headers, response.read()

    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                get("/healthz")
                break
            except OSError:
                if nginx.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((tmp_path / "error.log").read_text()) from None
                time.sleep(0.2)
        assert get("/")[0]["X-Cache"] == "MISS"
        assert get("/")[0]["X-Cache"] == "HIT"
        assert get("/", Cookie="sessionid=someone")[0]["X-Cache"] == "HIT"  # members too
        assert get("/", Cookie="sessionid=someone; messages=x")[0]["X-Cache"] == "BYPASS"
        comments = f"/comments/{_first_article_id(herald)}/"
        assert [get(comments)[0]["X-Cache"] for _ in range(2)] == ["MISS", "HIT"]
        member = get(comments, Cookie="sessionid=someone")[0]  # Vary: Cookie: not their copy
        assert member["X-Cache"] == "MISS" and "private" in member["Cache-Control"]
        # Herald's own compressed copies, passed through and kept per encoding, never
        # compressed again by nginx.
        import gzip

        import brotli

        plain = get("/")[1]
        for asked, sent, decode in (
            ("gzip, deflate, br", "br", brotli.decompress),
            ("gzip", "gzip", gzip.decompress),
        ):
            states = []
            for _ in range(2):
                headers, body = get("/", **{"Accept-Encoding": asked})
                assert headers["Content-Encoding"] == sent and decode(body) == plain
                states.append(headers["X-Cache"])
            assert states == ["MISS", "HIT"]
        headers, body = get("/static/css/herald.css")
        assert headers["Cache-Control"] == "public, max-age=3600" and body
        hashed = next((herald.var / "static" / "css").glob("herald.*.css")).name
        headers, _ = get(f"/static/css/{hashed}")
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        redirect = urllib.request.Request(
            f"http://127.0.0.1:{http_port}/news/", headers={"Host": "localhost"}
        )
        with pytest.raises(urllib.error.HTTPError) as moved:
            urllib.request.build_opener(NoRedirect).open(redirect, timeout=10)
        assert moved.value.code == 301
        assert moved.value.headers["Location"] == "https://localhost/news/"
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)


def _first_article_id(herald):
    pages = manage(herald.environment, "shell", "-c", PICK_PAGES).stdout.splitlines()[-1]
    return json.loads(pages)["pk"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
