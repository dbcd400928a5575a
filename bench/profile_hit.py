#!/usr/bin/env python
"""Python's own cost of a page-cache hit: Herald's ASGI application against the trivial app.

Calls both in-process, as the server would (one scope, ``receive`` and ``send`` per request),
with no server and no socket, so what is left is the work each does per request in Python.
The page is rendered once and stored, then answered ``--requests`` times as a hit; the same
bytes are answered as often by ``bench/trivial_asgi.py``. Prints microseconds per request for
both and, with ``--profile``, the top of a cProfile of the hits.

Runs on the one-machine demo (`make run` builds it; the same ``HERALD_VAR_DIR``):

    HERALD_VAR_DIR=var .venv/bin/python bench/profile_hit.py [--path /] [--requests 20000]
"""

import argparse
import asyncio
import cProfile
import importlib.util
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BROWSER_HEADERS = [
    (b"user-agent", b"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0"),
    (b"accept", b"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
    (b"accept-language", b"en-GB,en;q=0.9"),
    (b"x-forwarded-proto", b"https"),
]


def scope_for(path, host):
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", host.encode()), *BROWSER_HEADERS],
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 80),
    }


async def call(application, path, host):
    """One request; returns the messages sent."""
    messages, received = [], False

    async def receive():
        nonlocal received
        if not received:
            received = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # the client stays

    async def send(message):
        messages.append(message)

    await application(scope_for(path, host), receive, send)
    return messages


async def per_request_us(application, path, host, requests):
    began = time.perf_counter()
    for _ in range(requests):
        await call(application, path, host)
    return (time.perf_counter() - began) / requests * 1e6


def trivial_application(body: bytes):
    with tempfile.NamedTemporaryFile(suffix=".html") as file:
        file.write(body)
        file.flush()
        os.environ["BENCH_BODY_FILE"] = file.name
        trivial = ROOT / "bench" / "trivial_asgi.py"
        spec = importlib.util.spec_from_file_location("trivial_asgi", trivial)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)  # reads the body once, at import
    return module.application


async def main(args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "herald.settings.demo")
    os.environ.setdefault("HERALD_EMBEDDED_WORKER", "false")
    from herald.asgi import application

    host = args.host
    for _ in range(3):  # rendered and stored, then a hit
        messages = await call(application, args.path, host)
    start = messages[0]
    state = dict(start["headers"]).get(b"x-herald-cache", b"").decode()
    if start["status"] != 200 or state != "HIT":
        raise SystemExit(f"{args.path} on {host}: {start['status']} {state or 'not cached'}")
    body = b"".join(m.get("body", b"") for m in messages[1:])
    trivial = trivial_application(body)
    herald_us = await per_request_us(application, args.path, host, args.requests)
    trivial_us = await per_request_us(trivial, args.path, host, args.requests)
    print(f"{args.path}: {len(body):,} bytes, {len(start['headers'])} headers")
    print(f"Herald hit   {herald_us:6.1f} us a request")
    print(f"trivial app  {trivial_us:6.1f} us a request")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        await per_request_us(application, args.path, host, args.requests)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="/")
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--profile", action="store_true")
    asyncio.run(main(parser.parse_args()))
