"""Browser tests: Debian's Chromium, driven by Playwright, against a real Herald server.

The server (``herald_server``, in tests/conftest.py) runs as a reader would meet it: the ASGI
server (granian) with the demo settings, a database of its own (a file-based SQLite database,
or a throwaway PostgreSQL database when DATABASE_URL points at PostgreSQL) filled by the demo
command, on a free loopback port.
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Sync Playwright runs an event loop in the test thread; the tests never touch the ORM from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


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
