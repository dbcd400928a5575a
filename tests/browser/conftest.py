"""Browser tests: Debian's Chromium, driven by Playwright, against a real Herald server.

The server runs as a reader would meet it: the ASGI server (granian) with the demo settings,
a database of its own (a file-based SQLite database, or a throwaway PostgreSQL database when
DATABASE_URL points at PostgreSQL) filled by the demo command, on a free loopback port.
"""

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.oidc_provider.harness import run_oidc_provider
from tests.servers import free_port, server_environment, start_server

ROOT = Path(__file__).resolve().parents[2]

# Sync Playwright runs an event loop in the test thread; the tests never touch the ORM from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


OIDC_PROVIDER_ID = "testidp"
OIDC_CLIENT = ("herald-browser-tests", "browser-tests-secret")


@dataclass
class HeraldServer:
    url: str  # the news site, e.g. http://localhost:PORT
    var: Path  # the server's var/ folder: its database, media and mail
    oidc_issuer: str | None  # the loopback OpenID Connect provider, when Node.js is there


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
    if issuer:
        extra["HERALD_OIDC_PROVIDERS"] = json.dumps(
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
    environment = server_environment(var, stack, port=port, **extra)
    url = start_server(environment, stack, port=port, log_path=var / "server.log")
    return HeraldServer(url=url, var=var, oidc_issuer=issuer)


@pytest.fixture
def news_url(herald_server):
    return herald_server.url


@pytest.fixture
def sport_url(herald_server):
    return herald_server.url.replace("//localhost", "//sport.localhost")


def admin_sign_in(page, herald_server):
    """Sign in to the Wagtail admin as the demo's administrator."""
    lines = (herald_server.var / "demo-admin.txt").read_text().splitlines()
    pairs = (line.split(":", 1) for line in lines)
    credentials = {key.strip(): value.strip() for key, value in pairs}
    page.goto(herald_server.url + "/admin/login/")
    page.locator("#id_username").fill(credentials["e-mail"])
    page.locator("#id_password").fill(credentials["password"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
