"""Give Wagtail's Moderators and Editors groups what they need to look after members."""

from django.db import migrations

GRANTS = {
    "Moderators": [
        ("accounts", "user", "view_user"),
        ("accounts", "suspension", "view_suspension"),
        ("accounts", "suspension", "add_suspension"),
        ("accounts", "suspension", "change_suspension"),
    ],
    "Editors": [("accounts", "suspension", "view_suspension")],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; this one needs accounts' now.
    app_config = apps.get_app_config("accounts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, grants in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, model, codename in grants:
            permission = Permission.objects.get(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_username_immutable_trigger"),
        ("wagtailcore", "0001_squashed_0016_change_page_url_path_to_text_field"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
