from django.db import migrations, models


def keys_add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from sitesearch.documents import documents_keys_refresh

    documents_keys_refresh()
    schema_editor.execute("ANALYZE sitesearch_searchdocument")


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="published_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(keys_add, migrations.RunPython.noop),
    ]
