"""Take-downs, and editors' approvals and refusals of contributions, move to the one record.

Each ``community.TakeDown`` becomes a ``take_down`` decision (who, when, why, the contributor
kept). Approvals and refusals were recorded only as Wagtail workflow task states; they are copied
too (``approve`` / ``reject``, the editor's comment as the reason), so the queue's "latest
decisions" lists the same decisions after the move as before it. Then the old table goes.
"""

from django.db import migrations

CONTRIBUTIONS = (("community", "readerstorypage"), ("community", "readerpicture"))


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def take_downs_copy(apps, schema_editor):
    TakeDown = apps.get_model("community", "TakeDown")
    Decision = apps.get_model("moderation", "Decision")
    Decision.objects.bulk_create(
        [
            Decision(
                content_type_id=old.content_type_id,
                object_id=old.object_id,
                member_id=old.contributor_id,
                decided_by_id=old.decided_by_id,
                decided_at=old.decided_at,
                action="take_down",
                reason=old.reason or "No reason recorded.",
            )
            for old in TakeDown.objects.order_by("decided_at", "pk")
        ],
        batch_size=500,
    )


def reviews_copy(apps, schema_editor):
    """Approved and refused review tasks of reader stories and pictures, as decisions."""
    TaskState = apps.get_model("wagtailcore", "TaskState")
    Decision = apps.get_model("moderation", "Decision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # A workflow state names its object by its specific type: ReaderStoryPage, not Page.
    types = ContentType.objects.filter(
        app_label="community", model__in=[model for _, model in CONTRIBUTIONS]
    )
    states = TaskState.objects.filter(
        status__in=["approved", "rejected"],
        workflow_state__content_type__in=types,
        finished_at__isnull=False,
    ).select_related("workflow_state")
    decisions = []
    for state in states.order_by("finished_at", "pk"):
        workflow_state = state.workflow_state
        rejected = state.status == "rejected"
        decisions.append(
            Decision(
                content_type_id=workflow_state.content_type_id,
                object_id=int(workflow_state.object_id),
                member_id=workflow_state.requested_by_id,
                decided_by_id=state.finished_by_id,
                decided_at=state.finished_at,
                action="reject" if rejected else "approve",
                reason=(state.comment or ("No reason recorded." if rejected else ""))[:600],
            )
        )
    Decision.objects.bulk_create(decisions, batch_size=500)


def take_downs_copy_back(apps, schema_editor):
    TakeDown = apps.get_model("community", "TakeDown")
    Decision = apps.get_model("moderation", "Decision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.filter(
        app_label="community", model__in=[model for _, model in CONTRIBUTIONS]
    )
    decisions = Decision.objects.filter(content_type__in=types)
    TakeDown.objects.bulk_create(
        [
            TakeDown(
                content_type_id=d.content_type_id,
                object_id=d.object_id,
                reason=d.reason,
                decided_by_id=d.decided_by_id,
                contributor_id=d.member_id,
            )
            for d in decisions.filter(action="take_down")
        ]
    )
    decisions.delete()  # approvals and refusals stay in Wagtail's task states


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0003_take_down"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("moderation", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(take_downs_copy, take_downs_copy_back),
        migrations.RunPython(reviews_copy, migrations.RunPython.noop),
        migrations.DeleteModel(name="TakeDown"),
    ]
