"""A dead process loses no side effect: worker and web processes killed with SIGKILL at named
points (``HERALD_FAULT_POINTS``, health/faults.py), then a worker started again.

- A mail task killed after it started and before the send: the next worker sends it, once.
- Killed after the send and its sent-record, before the task was marked done: the next worker
  runs it again and sends nothing more. (Between the server accepting a mail and the record
  being written, delivery stays at-least-once: docs/operating.md.)
- A web process killed after its commit and before any purge left: the worker purges.
"""

import contextlib
import http.server
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.servers import ROOT, free_port, server_environment

pytestmark = pytest.mark.integration

LEASE_SECONDS = "2"


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    var = tmp_path_factory.mktemp("kills")
    with contextlib.ExitStack() as stack:
        environment = server_environment(
            var,
            stack,
            port=free_port(),
            articles=10,
            HERALD_TASK_LEASE_SECONDS=LEASE_SECONDS,
            HERALD_TASK_HEARTBEAT_SECONDS="1",
            HERALD_WORKER_INTERVAL="1",
            HERALD_EMBEDDED_WORKER="false",
        )
        yield environment


@pytest.fixture(autouse=True)
def queue_empty(environment):
    """Only the test's own task waits (the demo build leaves its mails and index tasks)."""
    _python(
        environment,
        "from django_tasks_db.models import DBTaskResult;DBTaskResult.objects.all().delete()",
    )


def _python(environment, code, **extra):
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**environment, **extra},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _worker(environment, **extra):
    return subprocess.Popen(
        [sys.executable, "manage.py", "herald_worker"],
        cwd=ROOT,
        env={**environment, **extra},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _until(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def _mails_with(environment, subject):
    folder = Path(environment["HERALD_VAR_DIR"]) / "mail"
    if not folder.exists():
        return 0
    return sum(path.read_text().count(f"Subject: {subject}") for path in folder.glob("*.log"))


def _task_status(environment, task_path):
    result = _python(
        environment,
        "from django_tasks_db.models import DBTaskResult;"
        f"print(*DBTaskResult.objects.filter(task_path={task_path!r})"
        ".order_by('enqueued_at').values_list('status', flat=True))",
    )
    return result.stdout.split()


QUEUE_MAIL = (
    "from notifications.services import mail_queue;"
    "mail_queue(to='reader@example.com', subject={subject!r}, body='Sent once.')"
)


@pytest.mark.parametrize(
    "point",
    ["mail-before-send", "mail-after-record"],
    ids=["killed before the send", "killed after the send was recorded"],
)
def test_a_mail_task_whose_worker_is_killed_sends_exactly_one_mail(environment, point):
    subject = f"Kill test {point}"
    _python(environment, QUEUE_MAIL.format(subject=subject))
    doomed = _worker(environment, HERALD_FAULT_POINTS=point)
    try:
        doomed.wait(timeout=60)
    finally:
        doomed.kill()
    assert doomed.returncode == -9  # SIGKILL at the fault point, mid-task
    assert _task_status(environment, "notifications.tasks.mail_send")[-1] == "RUNNING"
    assert _mails_with(environment, subject) == (0 if point == "mail-before-send" else 1)

    worker = _worker(environment)
    try:
        done = _until(
            lambda: _task_status(environment, "notifications.tasks.mail_send")[-1] == "SUCCESSFUL"
        )
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
    assert done, output[-3000:]
    assert _mails_with(environment, subject) == 1


class _Varnish(http.server.BaseHTTPRequestHandler):
    purges: list = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.purges.append(self.headers.get("xkey-purge", ""))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_web_process_killed_after_its_commit_leaves_the_purge_to_the_worker(environment):
    varnish = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Varnish)
    threading.Thread(target=varnish.serve_forever, daemon=True).start()
    varnish_url = f"http://127.0.0.1:{varnish.server_address[1]}/"
    _Varnish.purges = []
    publish = (
        "from newsroom.models import ArticlePage;"
        "page = ArticlePage.objects.live().order_by('pk').first();"
        "page.title = 'Published, then the process died';"
        "page.save_revision().publish();"
        "print(page.pk)"
    )
    died = _python(
        environment,
        publish,
        HERALD_VARNISH_URLS=varnish_url,
        HERALD_FAULT_POINTS="purge-after-commit",
    )
    assert died.returncode == -9, died.stdout + died.stderr
    assert _Varnish.purges == []  # nothing left the dead process
    committed = _python(
        environment,
        "from newsroom.models import ArticlePage;"
        "print(ArticlePage.objects.filter(title='Published, then the process died').count())",
    )
    assert committed.stdout.split()[-1] == "1"  # the change itself was committed

    worker = _worker(environment, HERALD_VARNISH_URLS=varnish_url)
    try:
        reached = _until(lambda: any("page-" in keys for keys in _Varnish.purges))
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
        varnish.shutdown()
    assert reached, output[-3000:]
