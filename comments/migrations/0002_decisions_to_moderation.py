"""Comment decisions and the word lists move to the moderation app.

Each ``comments.Decision`` becomes a ``moderation.Decision`` on its comment (who, when, what and
why kept; the member is the comment's author), and the comment policy's banned and suspect words
become the shared ``moderation.WordPolicy``. Then the old table and fields go.
"""

from django.db import migrations


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def decisions_copy(apps, schema_editor):
    """Copy every comment decision into the one record; a reject or suspend that was saved
    without a reason keeps saying so, since the record requires one."""
    Old = apps.get_model("comments", "Decision")
    New = apps.get_model("moderation", "Decision")
    if not Old.objects.exists():
        return
    comment_type = _content_type(apps, "comments", "comment")
    New.objects.bulk_create(
        [
            New(
                content_type_id=comment_type.pk,
                object_id=old.comment_id,
                member_id=old.comment.author_id,
                decided_by_id=old.moderator_id,
                decided_at=old.created_at,
                action=old.action,
                reason=old.reason
                or ("No reason recorded." if old.action in ("reject", "suspend") else ""),
            )
            for old in Old.objects.select_related("comment").order_by("created_at", "pk")
        ],
        batch_size=500,
    )


def decisions_copy_back(apps, schema_editor):
    Old = apps.get_model("comments", "Decision")
    New = apps.get_model("moderation", "Decision")
    Comment = apps.get_model("comments", "Comment")
    comment_type = _content_type(apps, "comments", "comment")
    decisions = New.objects.filter(content_type_id=comment_type.pk)
    existing = set(Comment.objects.values_list("pk", flat=True))
    Old.objects.bulk_create(
        [
            Old(
                comment_id=new.object_id,
                moderator_id=new.decided_by_id,
                created_at=new.decided_at,
                action=new.action,
                reason=new.reason[:300],
            )
            for new in decisions
            if new.object_id in existing and new.action in ("approve", "reject", "feature", "unfeature", "suspend")
        ],
        batch_size=500,
    )
    decisions.delete()


def words_copy(apps, schema_editor):
    CommentPolicy = apps.get_model("comments", "CommentPolicy")
    WordPolicy = apps.get_model("moderation", "WordPolicy")
    policy = CommentPolicy.objects.first()
    if policy is None or not (policy.banned_words or policy.suspect_words):
        return
    words = WordPolicy.objects.first() or WordPolicy()
    words.banned_words = policy.banned_words
    words.suspect_words = policy.suspect_words
    words.save()


def words_copy_back(apps, schema_editor):
    CommentPolicy = apps.get_model("comments", "CommentPolicy")
    WordPolicy = apps.get_model("moderation", "WordPolicy")
    words = WordPolicy.objects.first()
    if words is None:
        return
    policy = CommentPolicy.objects.first() or CommentPolicy()
    policy.banned_words = words.banned_words
    policy.suspect_words = words.suspect_words
    policy.save()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("moderation", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(decisions_copy, decisions_copy_back),
        migrations.RunPython(words_copy, words_copy_back),
        migrations.DeleteModel(name="Decision"),
        migrations.RemoveField(model_name="commentpolicy", name="banned_words"),
        migrations.RemoveField(model_name="commentpolicy", name="suspect_words"),
    ]
