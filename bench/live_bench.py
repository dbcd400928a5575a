#!/usr/bin/env python
"""Benchmark the live stream: N concurrent SSE clients on one Herald process.

Starts Herald (demo settings, its own SQLite database under a temporary folder) under granian
with one worker, opens N clients to /live/stream, publishes events through a token-guarded
endpoint, and reports publish-to-delivery latency (p50/p99 over all clients and events), memory
per connection and the server's CPU time. Run with the in-process broker (default) or Redis:

    .venv/bin/python bench/live_bench.py --clients 10000 [--redis redis://127.0.0.1:6379/0]

Not part of the test suite; every connection is to 127.0.0.1.
"""

import argparse
import asyncio
import contextlib
import json
import os
import resource
import secrets
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.servers import free_port, server_environment, start_server  # noqa: E402


def _worker_pid(port):
    """The granian worker serving ``port`` (the process with the most memory among its kind)."""
    best = None
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            rss = _rss_kb(int(pid))
        except OSError:
            continue
        if "granian" in cmdline and f"--port {port}" in cmdline and (best is None or rss > best[1]):
            best = (int(pid), rss)
    return best[0]


def _rss_kb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def client(port, ready, received, stop, failures):
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=2**20)
    except OSError as exc:
        failures.append(repr(exc))
        return
    request = f"GET /live/stream HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"
    writer.write(request.encode())
    await writer.drain()
    try:
        while not stop.is_set():
            line = await reader.readline()
            if not line:
                break
            if line.startswith(b"retry: "):  # subscribed: the server sends this first
                ready()
            elif line.startswith(b"data: "):
                event = json.loads(line[6:])
                received.append((event["headline"], time.perf_counter()))
    finally:
        writer.close()


async def run(args, url, port, token):
    stop = asyncio.Event()
    connected = 0
    started = time.perf_counter()

    def ready():
        nonlocal connected
        connected += 1

    received, failures = [], []
    worker = _worker_pid(port)
    rss_before = _rss_kb(worker)
    tasks = []
    for start in range(0, args.clients, 500):  # open in batches so the backlog keeps up
        for _ in range(min(500, args.clients - start)):
            tasks.append(asyncio.create_task(client(port, ready, received, stop, failures)))
        await asyncio.sleep(0.2)
    deadline = time.perf_counter() + args.connect_timeout
    while connected + len(failures) < args.clients and time.perf_counter() < deadline:
        await asyncio.sleep(0.5)
        print(f"connected {connected}, failed {len(failures)}", file=sys.stderr, flush=True)
    connect_seconds = time.perf_counter() - started
    await asyncio.sleep(2)
    rss_after = _rss_kb(worker)
    cpu_before = _cpu_seconds(worker)
    sent = {}
    for number in range(args.events):
        headline = f"bench-{number}"
        request = urllib.request.Request(  # noqa: S310 (our own loopback server)
            url + "/live/bench-publish",
            data=f"headline={headline}".encode(),
            headers={"X-Bench-Token": token},
        )
        sent[headline] = time.perf_counter()
        await asyncio.to_thread(urllib.request.urlopen, request, timeout=30)  # noqa: S310
        await asyncio.sleep(args.interval)
    await asyncio.sleep(3)
    cpu = _cpu_seconds(worker) - cpu_before
    stop.set()
    for task in tasks:
        task.cancel()
    latencies = sorted(at - sent[headline] for headline, at in received if headline in sent)
    expected = connected * args.events
    return {
        "clients": args.clients,
        "connected": connected,
        "failed_to_connect": len(failures),
        "events": args.events,
        "broker": "redis" if args.redis else "in-process",
        "delivered": len(latencies),
        "expected": expected,
        "latency_p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "latency_p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1)
        if latencies
        else None,
        "latency_max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        "seconds_to_connect_all": round(connect_seconds, 1),
        "rss_per_connection_kb": round((rss_after - rss_before) / args.clients, 1),
        "server_rss_mb": round(rss_after / 1024, 1),
        "server_cpu_seconds_during_events": round(cpu, 2),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--events", type=int, default=5)
    parser.add_argument("--interval", type=float, default=2.0)
    parser.add_argument("--redis", default="", help="Redis URL for the Redis broker")
    parser.add_argument("--connect-timeout", type=float, default=240)
    parser.add_argument(
        "--buffer", type=int, default=65536, help="granian's HTTP/1 buffer per connection"
    )
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # the server inherits it
    token = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        port = free_port()
        env = server_environment(
            Path(folder),
            stack,
            port=port,
            articles=20,
            HERALD_LIVE_BENCH_TOKEN=token,
            HERALD_LIVE_HEARTBEAT="30",
            HERALD_LIVE_REDIS_URL=args.redis or None,
            REDIS_URL=None,
            GRANIAN_BACKLOG="4096",
            GRANIAN_BACKPRESSURE=str(args.clients + 100),
            GRANIAN_HTTP1_BUFFER_SIZE=str(args.buffer),
        )
        url = start_server(env, stack, port=port, log_path=Path(folder) / "server.log")
        result = asyncio.run(run(args, url, port, token))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
