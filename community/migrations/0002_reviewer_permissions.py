"""Let Wagtail's Moderators and Editors groups review reader pictures (stories are pages: the
groups' page permissions already cover them)."""

from django.db import migrations

CODENAMES = ["view_readerpicture", "change_readerpicture", "publish_readerpicture"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("community")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Wagtail adds the "publish" permission of draft-state models after migrating; make it now.
    picture_type = ContentType.objects.get(app_label="community", model="readerpicture")
    Permission.objects.get_or_create(
        content_type=picture_type,
        codename="publish_readerpicture",
        defaults={"name": "Can publish reader picture"},
    )
    permissions = Permission.objects.filter(
        content_type__app_label="community", codename__in=CODENAMES
    )
    for name in ("Moderators", "Editors"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
