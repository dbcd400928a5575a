"""The moderation record's data migrations, run for real: a fresh database is migrated all the
way, taken back to before the move, given decisions in the old tables, and migrated forward
again; every old decision must then be a ``moderation.Decision`` with who, when and why.

It runs in a process of its own on a SQLite file of its own (``DATABASE_URL`` in the child), so
the session's test database is untouched; set ``HERALD_MIGRATION_TEST_DATABASE_URL`` to an empty
PostgreSQL database to run the same steps there.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
BEFORE = [
    ("comments", "0001_initial"),
    ("community", "0003_take_down"),
    ("accounts", "0003_moderator_permissions"),
]

SCRIPT = r"""
import datetime, json, sys
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [tuple(node) for node in json.loads(sys.argv[1])]
MOVED = {app for app, _ in BEFORE}
call_command("migrate", verbosity=0)  # from an empty database
executor = MigrationExecutor(connection)
leaves = executor.loader.graph.leaf_nodes()
executor.migrate(BEFORE)  # the move undone
executor = MigrationExecutor(connection)
state = executor.loader.project_state([n for n in leaves if n[0] not in MOVED] + BEFORE)
apps = state.apps
get = apps.get_model
when = datetime.datetime(2026, 5, 4, 10, 30, tzinfo=datetime.UTC)
later = when + datetime.timedelta(days=2)
User = get("accounts", "User")
moderator = User.objects.create(email="mod@example.com", password="!", is_staff=True)
member = User.objects.create(email="zola@example.com", password="!", username="zola",
                             username_key="zola")
ContentType = get("contenttypes", "ContentType")
ct = lambda app, model: ContentType.objects.get_or_create(app_label=app, model=model)[0]
comment = get("comments", "Comment").objects.create(page_id=2, author=member, body="Hm")
get("comments", "Decision").objects.create(comment=comment, moderator=moderator,
                                           action="reject", reason="Off-topic", created_at=when)
get("comments", "CommentPolicy").objects.create(banned_words="idiot", suspect_words="liar")
take_down = get("community", "TakeDown").objects.create(
    content_type=ct("community", "readerpicture"), object_id=5, reason="Copied",
    decided_by=moderator, contributor=member)
get("community", "TakeDown").objects.filter(pk=take_down.pk).update(decided_at=when)
suspension = get("accounts", "Suspension").objects.create(
    member=member, reason="Abuse", created_at=when, created_by=moderator,
    lifted_at=later, lifted_by=moderator)
story_type, page_type = ct("community", "readerstorypage"), ct("wagtailcore", "page")
workflow = get("wagtailcore", "Workflow").objects.create(name="Reader contributions")
task = get("wagtailcore", "Task").objects.create(
    name="Review", content_type=ct("wagtailcore", "task"))
workflow_state = get("wagtailcore", "WorkflowState").objects.create(
    content_type=story_type, base_content_type=page_type, object_id="7", workflow=workflow,
    status="needs_changes", requested_by=member)
revision = get("wagtailcore", "Revision").objects.create(
    content_type=story_type, base_content_type=page_type, object_id="7", content={},
    created_at=when)
get("wagtailcore", "TaskState").objects.create(
    workflow_state=workflow_state, revision=revision, task=task, status="rejected",
    finished_at=later, finished_by=moderator, comment="Unverified claims or no sources.",
    content_type=ct("wagtailcore", "taskstate"))

executor = MigrationExecutor(connection)
executor.migrate(leaves)  # the move, with data in the old tables
call_command("makemigrations", check=True, dry_run=True, verbosity=0)

from moderation.models import Decision, WordPolicy
rows = [
    {"model": d.content_type.model, "object_id": d.object_id, "action": d.action,
     "by": d.decided_by.email if d.decided_by else None,
     "member": d.member.email if d.member else None,
     "at": d.decided_at.isoformat(), "why": d.why}
    for d in Decision.objects.order_by("decided_at", "pk").select_related(
        "content_type", "decided_by", "member")
]
words = WordPolicy.objects.get()
suspension_columns = [c.name for c in connection.introspection.get_table_description(
    connection.cursor(), "accounts_suspension")]
tables = connection.introspection.table_names()
print(json.dumps({
    "decisions": rows,
    "words": [words.banned_words, words.suspect_words],
    "suspension_columns": suspension_columns,
    "old_tables": [t for t in ("comments_decision", "community_takedown") if t in tables],
}))
"""


def test_old_decisions_and_word_lists_move_to_the_one_record(tmp_path):
    url = os.environ.get("HERALD_MIGRATION_TEST_DATABASE_URL") or f"sqlite:///{tmp_path}/m.db"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "herald.settings.test",
        "DATABASE_URL": url,
        "HERALD_VAR_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(BEFORE)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    decisions = sorted(result["decisions"], key=lambda d: (d["at"], d["model"], d["action"]))
    ids = {d["model"]: d["object_id"] for d in decisions}
    at, later = "2026-05-04T10:30:00+00:00", "2026-05-06T10:30:00+00:00"
    assert decisions == [
        {
            "model": "comment",
            "object_id": ids["comment"],
            "action": "reject",
            "by": "mod@example.com",
            "member": "zola@example.com",
            "at": at,
            "why": "Off-topic",
        },
        {
            "model": "readerpicture",
            "object_id": 5,
            "action": "take_down",
            "by": "mod@example.com",
            "member": "zola@example.com",
            "at": at,
            "why": "Copied",
        },
        {
            "model": "suspension",
            "object_id": ids["suspension"],
            "action": "suspend",
            "by": "mod@example.com",
            "member": "zola@example.com",
            "at": at,
            "why": "Abuse",
        },
        {
            "model": "readerstorypage",
            "object_id": 7,
            "action": "reject",
            "by": "mod@example.com",
            "member": "zola@example.com",
            "at": later,
            "why": "Unverified claims or no sources.",
        },
        {
            "model": "suspension",
            "object_id": ids["suspension"],
            "action": "lift",
            "by": "mod@example.com",
            "member": "zola@example.com",
            "at": later,
            "why": "",
        },
    ]
    assert result["words"] == ["idiot", "liar"]
    assert "created_by_id" not in result["suspension_columns"]
    assert "lifted_by_id" not in result["suspension_columns"]
    assert result["old_tables"] == []
