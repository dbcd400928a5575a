#!/usr/bin/env python
"""Herald's benchmark suite: wrk against Herald at 10,000 and 1,000,000 articles, and nginx.

For each dataset (a PostgreSQL database kept between runs, built once with
``bench/search_1m.py --build``: demo content, Wagtail's index and Herald's search documents),
it starts Herald with production settings under granian in two set-ups:

- one process, caches in process memory;
- two processes sharing Redis (``REDIS_URL``).

Each set-up runs two servers: one as deployed (the page cache on) and one with
``HERALD_PAGE_CACHE=false``, where every request renders with every other cache on. nginx
serves a saved copy of the same article as a static file on another loopback port: the
practical upper bound on this machine. Beside them, with the same number of processes: a
trivial ASGI app returning the same article's bytes (``bench/trivial_asgi.py``, the ceiling for
any Python front door) and a stock Wagtail project from ``wagtail start`` with one article page
holding the same story (``bench/stock_wagtail.py``). wrk loads every page of ``PAGES`` on both
Herald servers, the rows of ``CEILINGS`` (the article for a signed-in member, Brotli and gzip
hits, the trivial app, the stock page) and nginx, in rounds; each figure is the median over the
rounds, and every ratio (``RATIOS``, the performance issue's targets) compares figures of the
same run.

Usage (PostgreSQL on 127.0.0.1 with trust auth, Redis on 127.0.0.1:6379, wrk and nginx
installed: ``apt-get install wrk nginx-light``):

    make bench                                   # both datasets, 3 rounds of 5 s
    .venv/bin/python bench/suite.py --datasets 10k --rounds 3 --duration 5

Writes ``bench/results/<time>.json``, ``bench/results/latest.json``, a Markdown table
(``bench/results/latest.md``) and charts (``docs/bench/*.png``). Not part of the test suite.
"""

import argparse
import contextlib
import datetime
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import stock_wagtail

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results"
CHARTS = ROOT / "docs" / "bench"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/3"
DATASETS = {"10k": 10_000, "1m": 1_000_000}
HOST = "localhost"

# (key, label): the URL of each is found in the dataset (see urls_for).
PAGES = [
    ("home", "home"),
    ("section", "section"),
    ("article", "article"),
    ("tag", "tag page"),
    ("comments", "comments fragment"),
    ("component", "component fragment (weather)"),
    ("search", "search"),
    ("api", "API list"),
    ("api_detail", "API detail"),
]
# Rows of the same run measured against their ceilings (see ratios): the member's article from
# the page cache, compressed hits, the trivial ASGI app and the stock Wagtail page.
CEILINGS = [
    ("article/member", "article, signed-in member (page cache)"),
    ("article/cached-br", "article, Brotli hit"),
    ("article/cached-gzip", "article, gzip hit"),
    ("trivial/asgi", "trivial ASGI app, the article's bytes"),
    ("stock/rendered", "stock Wagtail article page, rendered"),
]


DJANGO_THREADS = 6  # Herald's default with a pool of 8 (HERALD_CONCURRENT_REQUESTS), for both


def run(*command, env=None, **kwargs):
    return subprocess.run(command, check=True, cwd=ROOT, env=env, **kwargs)  # noqa: S603


# -- datasets ------------------------------------------------------------------------------


def dataset_url(label):
    return f"{POSTGRES}/herald_bench_{label}"


def dataset_ensure(label, articles, var_dir):
    """Create, fill and index the dataset's database unless an earlier run did."""
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [f"herald_bench_{label}"]
        ).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "herald_bench_{label}"')
    began = time.perf_counter()
    run(
        PYTHON,
        "bench/search_1m.py",
        "--build",
        "--no-bench",
        "--verify",
        "0",
        "--articles",
        str(articles),
        "--database-url",
        dataset_url(label),
        "--var-dir",
        str(var_dir),
    )
    with psycopg.connect(dataset_url(label), autocommit=True) as database:
        database.execute("ANALYZE")  # bulk-loaded tables: plans need statistics from the start
    print(f"[{label}] dataset ready ({time.perf_counter() - began:.0f} s)", flush=True)


def server_env(label, var_dir, *, redis: bool, page_cache: bool):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "herald.settings.production",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": f"{HOST},sport.{HOST},127.0.0.1",
        "HERALD_SSL_REDIRECT": "false",
        "DATABASE_URL": dataset_url(label),
        "HERALD_VAR_DIR": str(var_dir),
        "HERALD_CACHE_PREFIX": "bench-" + secrets.token_hex(4),
        "HERALD_PAGE_CACHE": "true" if page_cache else "false",
        # wrk is one client: the API's per-client limit would answer 429 after 120 requests.
        "HERALD_API_RATE": "100000000/m",
        "HERALD_DB_POOL_SIZE": "8",  # the figures in docs/performance.md were measured so
        "HERALD_DJANGO_THREADS": str(DJANGO_THREADS),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    if redis:
        env["REDIS_URL"] = REDIS
    return env


def urls_for(env):
    """One URL per page of PAGES, read from the dataset (the newest article of the news site)."""
    script = """
import json
from wagtail.models import Site
from newsroom.models import ArticlePage, SectionPage
from places.models import Place
site = Site.objects.get(hostname="localhost")
home = site.root_page
article = ArticlePage.objects.live().descendant_of(home).order_by("-first_published_at").first()
section = SectionPage.objects.live().child_of(home).order_by("path").first()
tag = article.tags.order_by("slug").first()
place = Place.objects.order_by("-population").first()

def member_cookie():
    # A signed-in member's session cookie, for the member's row.
    from importlib import import_module
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from accounts.services import profile_create
    member = get_user_model().objects.filter(email="bench-member@example.com").first()
    if member is None:
        member = get_user_model().objects.create_user("bench-member@example.com", None)
        profile_create(member=member, username="bench_member", display_name="Bench Member")
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session["_auth_user_id"] = str(member.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = member.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"

print(json.dumps({
    "home": "/",
    "section": section.url_path[len(home.url_path) - 1:],
    "article": article.url_path[len(home.url_path) - 1:],
    "tag": f"/tags/{tag.slug}/",
    "comments": f"/comments/thread/{article.pk}/",
    "component": f"/components/weather/?location={place.slug}",
    "search": "/search/?q=water",
    "api": "/api/v1/articles",
    "api_detail": f"/api/v1/articles/{article.pk}",
    "story": {
        "title": article.title,
        "standfirst": article.standfirst,
        "body": "".join(str(block) for block in article.body if block.block_type != "image"),
        "image": article.lead_image.file.path if article.lead_image else "",
    },
    "member_cookie": member_cookie(),
}))
"""
    out = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


# -- servers -------------------------------------------------------------------------------


def herald_server(env, *, port, workers, log):
    return asgi_server("herald.asgi:application", env, port=port, workers=workers, log=log)


@contextlib.contextmanager
def asgi_server(
    app, env, *, port, workers, log, cwd=ROOT, health="/healthz", interface="asginl", extra=()
):
    """``app`` under granian, as Herald is deployed; yields its root URL once it answers."""
    granian = shutil.which("granian", path=str(Path(PYTHON).parent))
    command = [
        granian,
        "--interface",
        interface,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--workers-kill-timeout",
        "3",
        *extra,
        app,
    ]
    with open(log, "a") as log_file:
        server = subprocess.Popen(  # noqa: S603
            command, cwd=cwd, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
        try:
            wait_healthy(f"http://127.0.0.1:{port}{health}", server)
            yield f"http://127.0.0.1:{port}"
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


@contextlib.contextmanager
def nginx_server(root, *, port, work):
    conf = work / "nginx.conf"
    conf.write_text(
        f"""worker_processes 2;
{"user root;" if os.geteuid() == 0 else ""}
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {work}/body; proxy_temp_path {work}/proxy;
  fastcgi_temp_path {work}/fastcgi; uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
  default_type text/html;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  server {{ listen 127.0.0.1:{port}; root {root}; location / {{ try_files $uri =404; }} }}
}}
"""
    )
    server = subprocess.Popen(["/usr/sbin/nginx", "-c", str(conf), "-g", "daemon off;"])  # noqa: S603
    try:
        wait_healthy(f"http://127.0.0.1:{port}/article.html", server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


def wait_healthy(url, process, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the server exited ({process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url}: not healthy after {timeout} s")


def fetch(url, headers=None):
    headers = {"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback)
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
        return response.status, response.read()


# -- wrk -----------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk(url, *, connections, duration, threads=2, headers=None):
    """req/s, p50 and p99 (ms), errors from one wrk run."""
    extra = [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
    out = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "/usr/bin/wrk",
            *extra,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "--latency",
            "-H",
            f"Host: {HOST}",
            "-H",
            "X-Forwarded-Proto: https",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    percentiles = {
        int(p): float(value) * UNITS[unit]
        for p, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rate,
        "p50_ms": percentiles.get(50),
        "p99_ms": percentiles.get(99),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "",
    }


def median_of(runs):
    keys = ("rps", "p50_ms", "p99_ms")
    merged = {key: statistics.median(run[key] for run in runs) for key in keys}
    merged["runs"] = runs
    return merged


# -- one dataset ---------------------------------------------------------------------------


def bench_dataset(label, args, work):
    var_dir = Path(tempfile.gettempdir()) / f"herald-bench-{label}"
    if not args.skip_build:
        dataset_ensure(label, DATASETS[label], var_dir)
    setups = [("1 process", 1, False), ("2 processes + Redis", 2, True)]
    results = {"articles": DATASETS[label], "setups": {}}
    env = server_env(label, var_dir, redis=False, page_cache=True)
    run(PYTHON, "manage.py", "migrate", "--no-input", "-v0", env=env)
    run(PYTHON, "manage.py", "collectstatic", "--no-input", "-v0", env=env)
    urls = urls_for(env)
    stock_root = Path(tempfile.gettempdir()) / "herald-bench-stock"
    stock_path = stock_wagtail.stock_wagtail_ensure(urls["story"], stock_root)
    results["urls"] = {key: value for key, value in urls.items() if key != "member_cookie"}
    print(f"[{label}] pages: {json.dumps(urls)}", flush=True)
    for setup, workers, redis in setups:
        cached_env = server_env(label, var_dir, redis=redis, page_cache=True)
        rendered_env = server_env(label, var_dir, redis=redis, page_cache=False)
        log = work / f"{label}-{workers}.log"
        with (
            herald_server(cached_env, port=args.port, workers=workers, log=log) as cached,
            herald_server(rendered_env, port=args.port + 1, workers=workers, log=log) as rendered,
        ):
            static_root = work / f"static-{label}"
            static_root.mkdir(exist_ok=True)
            status, body = fetch(cached + urls["article"])
            (static_root / "article.html").write_bytes(body)
            trivial_env = {**os.environ, "BENCH_BODY_FILE": str(static_root / "article.html")}
            with (
                nginx_server(static_root, port=args.port + 2, work=work) as nginx,
                asgi_server(
                    "trivial_asgi:application",
                    trivial_env,
                    port=args.port + 3,
                    workers=workers,
                    log=log,
                    cwd=ROOT / "bench",
                    health="/",
                ) as trivial,
                # Served as `wagtail start` makes it to be, through its WSGI entry point: a
                # synchronous project served through Django's ASGI handler pays that handler's
                # thread hops, about 5 ms a request here (herald/asgi_django.py). As many
                # threads as Herald's Django has: granian's default holds more connections
                # (each thread keeps one) than PostgreSQL's 100 allow.
                asgi_server(
                    "stockwagtail.wsgi:application",
                    stock_wagtail.environment(stock_root),
                    port=args.port + 4,
                    workers=workers,
                    log=log,
                    cwd=stock_root,
                    health=stock_path,
                    interface="wsgi",
                    extra=("--blocking-threads", str(DJANGO_THREADS)),
                ) as stock,
            ):
                member = {"Cookie": urls["member_cookie"]}
                brotli, gzip = {"Accept-Encoding": "br"}, {"Accept-Encoding": "gzip"}
                targets = [("nginx", "static", nginx + "/article.html", None)]
                for key, _label in PAGES:
                    targets.append((key, "cached", cached + urls[key], None))
                    targets.append((key, "rendered", rendered + urls[key], None))
                targets += [
                    ("article", "member", cached + urls["article"], member),
                    ("article", "cached-br", cached + urls["article"], brotli),
                    ("article", "cached-gzip", cached + urls["article"], gzip),
                    ("trivial", "asgi", trivial + "/", None),
                    ("stock", "rendered", stock + stock_path, None),
                ]
                for _key, _way, url, headers in targets:  # warm: renditions, caches, connections
                    status, _ = fetch(url, headers)
                    if status != 200:
                        raise SystemExit(f"{url}: {status}")
                    wrk(url, connections=args.connections, duration=1, headers=headers)
                runs = {(key, way): [] for key, way, _url, _headers in targets}
                for number in range(1, args.rounds + 1):
                    for key, way, url, headers in targets:
                        result = wrk(
                            url,
                            connections=args.connections,
                            duration=args.duration,
                            headers=headers,
                        )
                        runs[(key, way)].append(result)
                        if result["non_2xx"] or result["socket_errors"]:
                            print(f"[{label}] {url}: {result}", flush=True)
                        if way in ("rendered", "member"):  # let queued renders finish
                            time.sleep(min(result["p99_ms"] or 0, 5000) / 1000)
                        print(
                            f"[{label}] {setup} round {number} {key:9} {way:8} "
                            f"{result['rps']:9.1f} req/s p50 {result['p50_ms']:8.2f} ms "
                            f"p99 {result['p99_ms']:8.2f} ms",
                            flush=True,
                        )
        results["setups"][setup] = {
            f"{key}/{way}": median_of(found) for (key, way), found in runs.items()
        }
    return results


# -- reports -------------------------------------------------------------------------------


def markdown(report):
    lines = []
    for dataset in report["datasets"].values():
        for setup, figures in dataset["setups"].items():
            nginx = figures["nginx/static"]["rps"]
            static = figures["nginx/static"]
            lines += [
                f"\n**{dataset['articles']:,} articles, {setup}** "
                f"(nginx static: {nginx:,.0f} req/s, p50 {static['p50_ms']:.2f} ms, "
                f"p99 {static['p99_ms']:.2f} ms)\n",
                "| page | cached req/s | % of nginx | p50 | p99 | rendered req/s | p50 | p99 |",
                "|---|---|---|---|---|---|---|---|",
            ]
            for key, page_label in PAGES:
                c, r = figures[f"{key}/cached"], figures[f"{key}/rendered"]
                lines.append(
                    f"| {page_label} | {c['rps']:,.0f} | {100 * c['rps'] / nginx:.0f} % | "
                    f"{c['p50_ms']:.2f} ms | {c['p99_ms']:.2f} ms | {r['rps']:,.1f} | "
                    f"{r['p50_ms']:,.0f} ms | {r['p99_ms']:,.0f} ms |"
                )
    for dataset in report["datasets"].values():
        for setup, figures in dataset["setups"].items():
            lines += ceilings_markdown(dataset["articles"], setup, figures)
    if {"10k", "1m"} <= set(report["datasets"]):
        lines += [
            "\n**1M / 10k latency ratio** (p50, rendered; target ≤ 1.25)\n",
            "| page | " + " | ".join(report["datasets"]["10k"]["setups"]) + " |",
            "|---|" + "---|" * len(report["datasets"]["10k"]["setups"]),
        ]
        for key, page_label in PAGES:
            cells = []
            for setup in report["datasets"]["10k"]["setups"]:
                small = report["datasets"]["10k"]["setups"][setup][f"{key}/rendered"]["p50_ms"]
                large = report["datasets"]["1m"]["setups"][setup][f"{key}/rendered"]["p50_ms"]
                cells.append(f"{large / small:.2f}")
            lines.append(f"| {page_label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


# (label, numerator, denominator, target): the targets, as ratios of the same run.
RATIOS = [
    (
        "signed-in member's article / anonymous article (hits)",
        "article/member",
        "article/cached",
        0.90,
    ),
    ("anonymous article hit / trivial ASGI app", "article/cached", "trivial/asgi", 0.85),
    ("rendered article / stock Wagtail page", "article/rendered", "stock/rendered", 5.0),
    ("rendered home / stock Wagtail page", "home/rendered", "stock/rendered", 3.0),
    ("API list hit / nginx static", "api/cached", "nginx/static", 0.30),
    ("API detail hit / nginx static", "api_detail/cached", "nginx/static", 0.30),
    ("Brotli hit / uncompressed hit", "article/cached-br", "article/cached", None),
    ("gzip hit / uncompressed hit", "article/cached-gzip", "article/cached", None),
]


def ceilings_markdown(articles, setup, figures):
    if not all(key in figures for key, _label in CEILINGS):
        return []  # a report from before these rows
    lines = [
        f"\n**{articles:,} articles, {setup}: against the ceilings**\n",
        "| row | req/s | p50 | p99 |",
        "|---|---|---|---|",
    ]
    for key, row_label in CEILINGS:
        f = figures[key]
        lines.append(
            f"| {row_label} | {f['rps']:,.1f} | {f['p50_ms']:,.2f} ms | {f['p99_ms']:,.2f} ms |"
        )
    lines += ["", "| ratio | this run | target |", "|---|---|---|"]
    for label, numerator, denominator, target in RATIOS:
        ratio = figures[numerator]["rps"] / max(figures[denominator]["rps"], 0.001)
        wanted = f"≥ {target:g}" if target else "reported"
        met = "" if target is None else (" ✓" if ratio >= target else " ✗")
        lines.append(f"| {label} | {ratio:.2f}{met} | {wanted} |")
    return lines


def charts(report):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    CHARTS.mkdir(parents=True, exist_ok=True)
    for label, dataset in report["datasets"].items():
        for setup, figures in dataset["setups"].items():
            names = ["nginx static"] + [page_label for _key, page_label in PAGES]
            cached = [figures["nginx/static"]["rps"]] + [
                figures[f"{key}/cached"]["rps"] for key, _ in PAGES
            ]
            rendered = [0] + [figures[f"{key}/rendered"]["rps"] for key, _ in PAGES]
            fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5))
            positions = range(len(names))
            left.barh([p + 0.2 for p in positions], cached, height=0.4, label="page cache")
            left.barh([p - 0.2 for p in positions], rendered, height=0.4, label="rendered")
            left.set_yticks(list(positions), names)
            left.set_xscale("log")
            left.set_xlabel("requests per second (log)")
            left.legend()
            p50 = [figures["nginx/static"]["p50_ms"]] + [
                figures[f"{key}/cached"]["p50_ms"] for key, _ in PAGES
            ]
            p99 = [figures["nginx/static"]["p99_ms"]] + [
                figures[f"{key}/cached"]["p99_ms"] for key, _ in PAGES
            ]
            right.barh([p + 0.2 for p in positions], p50, height=0.4, label="p50")
            right.barh([p - 0.2 for p in positions], p99, height=0.4, label="p99")
            right.set_yticks(list(positions), [""] * len(names))
            right.set_xscale("log")
            right.set_xlabel("latency with the page cache, ms (log)")
            right.legend()
            fig.suptitle(f"Herald, {dataset['articles']:,} articles, {setup}, wrk -c32")
            fig.tight_layout()
            slug = re.sub(r"[^a-z0-9]+", "-", f"{label} {setup}".lower()).strip("-")
            fig.savefig(CHARTS / f"{slug}.png", dpi=90)
            plt.close(fig)
    if {"10k", "1m"} <= set(report["datasets"]):
        fig, ax = plt.subplots(figsize=(9, 5))
        setup = list(report["datasets"]["10k"]["setups"])[-1]
        names = [page_label for _key, page_label in PAGES]
        small = [
            report["datasets"]["10k"]["setups"][setup][f"{k}/rendered"]["p50_ms"] for k, _ in PAGES
        ]
        large = [
            report["datasets"]["1m"]["setups"][setup][f"{k}/rendered"]["p50_ms"] for k, _ in PAGES
        ]
        positions = range(len(names))
        ax.barh([p + 0.2 for p in positions], small, height=0.4, label="10,000 articles")
        ax.barh([p - 0.2 for p in positions], large, height=0.4, label="1,000,000 articles")
        ax.set_yticks(list(positions), names)
        ax.set_xlabel("p50 latency, rendered (page cache off), ms")
        ax.set_title(f"10k vs 1M articles, {setup}")
        ax.legend()
        fig.tight_layout()
        fig.savefig(CHARTS / "10k-vs-1m.png", dpi=90)
        plt.close(fig)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="10k,1m", help="comma-separated: 10k, 1m")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--port", type=int, default=8210, help="first of three loopback ports")
    parser.add_argument("--skip-build", action="store_true", help="use the databases as they are")
    parser.add_argument(
        "--replot", action="store_true", help="redraw the charts from bench/results/latest.json"
    )
    args = parser.parse_args()
    if args.replot:
        charts(json.loads((RESULTS / "latest.json").read_text()))
        return
    for tool in ("wrk", "/usr/sbin/nginx"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing: apt-get install wrk nginx-light")
    labels = [label for label in args.datasets.split(",") if label]
    report = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "load_at_start": os.getloadavg()},
        "wrk": {"connections": args.connections, "duration_s": args.duration},
        "rounds": args.rounds,
        "datasets": {},
    }
    with tempfile.TemporaryDirectory(prefix="herald-bench-") as work:
        for label in labels:
            report["datasets"][label] = bench_dataset(label, args, Path(work))
    report["finished"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = report["started"].replace(":", "").replace("+0000", "Z")
    text = json.dumps(report, indent=2)
    (RESULTS / f"{stamp}.json").write_text(text)
    (RESULTS / "latest.json").write_text(text)
    table = markdown(report)
    (RESULTS / "latest.md").write_text(table)
    print(table)
    charts(report)
    print(f"results: {RESULTS / 'latest.json'}, {RESULTS / 'latest.md'}, charts in {CHARTS}")


if __name__ == "__main__":
    main()
