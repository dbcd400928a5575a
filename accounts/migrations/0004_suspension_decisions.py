"""Who suspended a member and who lifted it move to the one record of decisions.

``accounts.Suspension`` stays as the state every check reads (suspended until when, the reason
the member is shown, lifted or not). Each suspension becomes a ``suspend`` decision on it, and
each lift a ``lift`` decision, with who and when; then ``created_by`` and ``lifted_by`` go.
"""

from django.db import migrations


def _content_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="accounts", model="suspension")[0]


def suspensions_copy(apps, schema_editor):
    Suspension = apps.get_model("accounts", "Suspension")
    Decision = apps.get_model("moderation", "Decision")
    if not Suspension.objects.exists():
        return
    suspension_type = _content_type(apps)
    decisions = []
    for suspension in Suspension.objects.order_by("created_at", "pk"):
        common = {
            "content_type_id": suspension_type.pk,
            "object_id": suspension.pk,
            "member_id": suspension.member_id,
        }
        decisions.append(
            Decision(
                **common,
                action="suspend",
                decided_by_id=suspension.created_by_id,
                decided_at=suspension.created_at,
                reason=(suspension.reason or "No reason recorded.")[:600],
            )
        )
        if suspension.lifted_at is not None:
            decisions.append(
                Decision(
                    **common,
                    action="lift",
                    decided_by_id=suspension.lifted_by_id,
                    decided_at=suspension.lifted_at,
                )
            )
    Decision.objects.bulk_create(decisions, batch_size=500)


def suspensions_copy_back(apps, schema_editor):
    Suspension = apps.get_model("accounts", "Suspension")
    Decision = apps.get_model("moderation", "Decision")
    decisions = Decision.objects.filter(content_type=_content_type(apps))
    for decision in decisions.filter(action__in=["suspend", "lift"]).order_by("decided_at"):
        field = "created_by_id" if decision.action == "suspend" else "lifted_by_id"
        Suspension.objects.filter(pk=decision.object_id).update(**{field: decision.decided_by_id})
    decisions.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_moderator_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("moderation", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(suspensions_copy, suspensions_copy_back),
        migrations.RemoveField(model_name="suspension", name="created_by"),
        migrations.RemoveField(model_name="suspension", name="lifted_by"),
    ]
