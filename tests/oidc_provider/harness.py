"""Run a real OpenID Connect provider on loopback for browser tests.

The provider is the certified npm package ``oidc-provider`` (pinned in ``package.json`` beside
this file) with its built-in development interactions, started by ``server.js``:

* one confidential client (``authorization_code`` / ``code``, registered as
  ``client_secret_basic``; ``client_secret_post`` is accepted too), scopes ``openid email profile``;
* any login name and password sign in; the account's ``sub`` is the login name, its email
  ``<login>@example.test`` (verified), its name derived from the login (``jane.doe`` -> Jane Doe,
  ``alice`` -> Alice Tester);
* PKCE (S256) is accepted and optional for this client.

Pages a browser test clicks through (``page`` is a Playwright page)::

    page.fill("input[name=login]", "alice")          # "Sign-in" page
    page.fill("input[name=password]", "anything")
    page.click("button[type=submit]")                # button text "Sign-in"
    page.click("button[type=submit]")                # "Authorize" page, button text "Continue"

Usage::

    with run_oidc_provider("herald", "secret", [callback_url]) as issuer:
        ...  # discovery at f"{issuer}/.well-known/openid-configuration"

or, as a fixture, ``oidc_issuer = oidc_provider_fixture("herald", "secret", redirect_uris)``
in a conftest, where ``redirect_uris`` may be a callable taking the pytest ``request``.

Without ``node``/``npm`` the tests are skipped, except when ``CI`` is set: then they fail.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
READY_PREFIX = "OIDC provider ready at "
START_TIMEOUT = 60.0
NPM_TIMEOUT = 600.0


class OIDCProviderError(RuntimeError):
    """The test OIDC provider could not be installed or started."""


def _unavailable(message: str):
    """Fail under CI (where Node.js must be installed); skip the test elsewhere."""
    if os.environ.get("CI"):
        raise OIDCProviderError(
            f"{message}: CI must install Node.js and npm (apt-get install nodejs npm)"
        )
    import pytest

    pytest.skip(f"{message} (apt-get install nodejs npm)")


def _tools() -> tuple[str, str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        missing = " and ".join(name for name, path in (("node", node), ("npm", npm)) if not path)
        _unavailable(f"{missing} not found on PATH; the test OIDC provider needs them")
    return node, npm


def _installed() -> bool:
    return (HERE / "node_modules" / "oidc-provider" / "package.json").is_file()


def ensure_installed(npm: str | None = None) -> None:
    """Install the provider's npm packages into node_modules/ unless already there."""
    if _installed():
        return
    npm = npm or _tools()[1]
    # A lock, so parallel test workers do not run npm in the same folder at once.
    with open(HERE / ".npm-install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _installed():
            return
        has_lock = (HERE / "package-lock.json").is_file()
        command = [npm, "ci" if has_lock else "install", "--no-audit", "--no-fund"]
        try:
            result = subprocess.run(
                command,
                cwd=HERE,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=NPM_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise OIDCProviderError(f"`{' '.join(command[1:])}` timed out in {HERE}") from exc
        if result.returncode != 0 or not _installed():
            raise OIDCProviderError(
                f"`npm {' '.join(command[1:])}` failed in {HERE} (exit {result.returncode}):\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _discovery_ok(issuer: str) -> bool:
    try:
        url = f"{issuer}/.well-known/openid-configuration"
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback http)
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@contextmanager
def run_oidc_provider(
    client_id: str,
    client_secret: str,
    redirect_uris: Sequence[str],
    *,
    timeout: float = START_TIMEOUT,
) -> Iterator[str]:
    """Start the provider on a free 127.0.0.1 port; yield its issuer URL; stop it on exit.

    The issuer has no trailing slash, e.g. ``http://127.0.0.1:43817``.
    """
    if isinstance(redirect_uris, str):
        redirect_uris = [redirect_uris]
    node, npm = _tools()
    ensure_installed(npm)

    last_error = ""
    for _attempt in range(3):  # a free port may be taken between picking and listening
        port = _free_port()
        issuer = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "OIDC_PORT": str(port),
            "OIDC_ISSUER": issuer,
            "OIDC_CLIENT_ID": client_id,
            "OIDC_CLIENT_SECRET": client_secret,
            "OIDC_REDIRECT_URIS": ",".join(redirect_uris),
        }
        env.pop("NODE_OPTIONS", None)
        process = subprocess.Popen(
            [node, "server.js"],
            cwd=HERE,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        output: list[str] = []
        ready = threading.Event()

        def pump(stream=process.stdout, output=output, ready=ready):
            # Keep draining the pipe for the provider's whole life so it never blocks on a write.
            for line in stream:
                output.append(line)
                if line.startswith(READY_PREFIX):
                    ready.set()

        threading.Thread(target=pump, daemon=True, name=f"oidc-provider-{port}").start()
        deadline = time.monotonic() + timeout
        started = False
        while time.monotonic() < deadline:
            if ready.wait(0.2) or _discovery_ok(issuer):
                started = True
                break
            if process.poll() is not None:
                break
        if started:
            try:
                yield issuer
            finally:
                _stop(process)
            return
        _stop(process)
        last_error = "".join(output)[-4000:]
        if "EADDRINUSE" not in last_error:
            break
    raise OIDCProviderError(
        f"the test OIDC provider did not become ready within {timeout:.0f} s; its output:\n"
        f"{last_error}"
    )


def oidc_provider_fixture(
    client_id: str,
    client_secret: str,
    redirect_uris: Sequence[str] | Callable[..., Sequence[str]],
    *,
    scope: str = "session",
):
    """Build a pytest fixture that yields the issuer URL of a running provider.

    ``redirect_uris`` may be a callable taking the pytest ``request`` (to read e.g. the port
    of a live server fixture through ``request.getfixturevalue``).
    """
    import pytest

    @pytest.fixture(scope=scope)
    def _oidc_issuer(request):
        uris = redirect_uris(request) if callable(redirect_uris) else redirect_uris
        with run_oidc_provider(client_id, client_secret, uris) as issuer:
            yield issuer

    return _oidc_issuer
