#!/usr/bin/env python
"""Profile rendered pages with pyinstrument: where a request's time goes when nothing is cached.

Runs in-process against a benchmark dataset (``bench/suite.py`` builds them), with the page
cache off and every other cache on, through Django's test client: the view, middleware,
templates and queries, without the ASGI server. Each page is requested once to warm up, then
``--repeat`` times under the profiler. Writes an HTML flame view per page
(``bench/results/profile-<page>.html``) and prints the top of each call tree and the time per
request with the queries it made.

    .venv/bin/python bench/profile_pages.py [--dataset 10k] [--repeat 30] [--pages article,home]
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="10k")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--pages", default="home,section,article,tag,search,api")
    args = parser.parse_args()

    from suite import server_env, urls_for

    var_dir = Path(tempfile.gettempdir()) / f"herald-bench-{args.dataset}"
    env = server_env(args.dataset, var_dir, redis=False, page_cache=False)
    urls = urls_for(env)
    os.environ.update({k: v for k, v in env.items() if k.startswith(("HERALD_", "DJANGO_"))})
    for name in ("DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS"):
        os.environ[name] = env[name]
    os.environ.pop("REDIS_URL", None)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest the pages name
    from django.db import connections, reset_queries
    from django.test import Client
    from pyinstrument import Profiler

    client = Client(HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https")
    RESULTS.mkdir(parents=True, exist_ok=True)
    for key in args.pages.split(","):
        url = urls[key]
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code}")
        connection = connections["default"]
        connection.force_debug_cursor = True
        connection.queries_log.clear()
        client.get(url)
        queries = list(connection.queries_log)
        connection.force_debug_cursor = False
        profiler = Profiler(interval=0.0005)
        began = time.perf_counter()
        profiler.start()
        for _ in range(args.repeat):
            client.get(url)
        profiler.stop()
        per_request = (time.perf_counter() - began) / args.repeat * 1000
        reset_queries()
        out = RESULTS / f"profile-{key}.html"  # several MB: kept out of git
        out.write_text(profiler.output_html())
        tree = profiler.output_text(unicode=True, color=False, show_all=False)
        summary = f"{key} {url}: {per_request:.1f} ms a request, {len(queries)} queries\n"
        (RESULTS / f"profile-{key}.txt").write_text(summary + tree)
        print(f"\n=== {summary}{tree[:6000]}")
        print(f"flame view: {out}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
