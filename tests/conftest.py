"""Shared by the browser and integration tests: Playwright drives Debian's Chromium, and one
Herald server with demo content (``herald_server``) answers both for the whole session."""

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.oidc_provider.harness import run_oidc_provider
from tests.servers import free_port, server_environment, start_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium package.")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


OIDC_PROVIDER_ID = "testidp"
OIDC_CLIENT = ("herald-browser-tests", "browser-tests-secret")


@dataclass
class HeraldServer:
    url: str  # the news site, e.g. http://localhost:PORT
    var: Path  # the server's var/ folder: its database, media and mail
    oidc_issuer: str | None  # the loopback OpenID Connect provider, when Node.js is there
    environment: dict | None = None  # what it runs with: `tests.servers.manage(…)` against it


def oidc_providers_setting(issuer):
    """``HERALD_OIDC_PROVIDERS`` naming the loopback provider as "Test IdP"."""
    return json.dumps(
        [
            {
                "id": OIDC_PROVIDER_ID,
                "name": "Test IdP",
                "server_url": issuer,
                "client_id": OIDC_CLIENT[0],
                "secret": OIDC_CLIENT[1],
            }
        ]
    )


def _start_oidc_provider(stack, port):
    """Start the test OpenID Connect provider, or return None where Node.js is missing."""
    callback = f"http://localhost:{port}/accounts/oidc/{OIDC_PROVIDER_ID}/login/callback/"
    try:
        return stack.enter_context(run_oidc_provider(*OIDC_CLIENT, [callback]))
    except pytest.skip.Exception:
        return None  # only the OIDC test skips; the harness fails instead under CI


@pytest.fixture(scope="session")
def herald_server(tmp_path_factory):
    """Start Herald (and the loopback OIDC provider) with demo content."""
    with contextlib.ExitStack() as stack:
        yield _run_herald(tmp_path_factory.mktemp("herald-var"), stack)


def _run_herald(var, stack):
    port = free_port()
    issuer = _start_oidc_provider(stack, port)
    # Comments from the test members appear at once (the pipeline's holds have unit tests).
    extra = {"HERALD_COMMENT_NEW_MEMBER_HOLDS": "0", "HERALD_COMMENT_INTERVAL": "0"}
    # Small pages of /multimedia/, so that the demo's few galleries and pictures page.
    extra["HERALD_MULTIMEDIA_PAGE_SIZE"] = "4"
    if issuer:
        extra["HERALD_OIDC_PROVIDERS"] = oidc_providers_setting(issuer)
    environment = server_environment(var, stack, port=port, **extra)
    url = start_server(environment, stack, port=port, log_path=var / "server.log")
    return HeraldServer(url=url, var=var, oidc_issuer=issuer, environment=environment)
