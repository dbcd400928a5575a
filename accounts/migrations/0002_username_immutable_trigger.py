"""A database trigger that refuses to change a username once set.

Model code refuses too, but the trigger also covers QuerySet.update(), raw SQL and any other
path that does not go through ``User.save()``.
"""

from django.db import migrations

SQLITE_CREATE = """
CREATE TRIGGER accounts_user_username_immutable
BEFORE UPDATE OF username, username_key ON accounts_user
FOR EACH ROW
WHEN OLD.username IS NOT NULL
  AND (NEW.username IS NOT OLD.username OR NEW.username_key IS NOT OLD.username_key)
BEGIN
  SELECT RAISE(ABORT, 'A username cannot be changed once it is set.');
END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS accounts_user_username_immutable;"

POSTGRES_CREATE = """
CREATE OR REPLACE FUNCTION accounts_user_username_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD.username IS NOT NULL AND (NEW.username IS DISTINCT FROM OLD.username
      OR NEW.username_key IS DISTINCT FROM OLD.username_key) THEN
    RAISE EXCEPTION 'A username cannot be changed once it is set.'
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER accounts_user_username_immutable
BEFORE UPDATE ON accounts_user
FOR EACH ROW EXECUTE FUNCTION accounts_user_username_immutable();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS accounts_user_username_immutable ON accounts_user;
DROP FUNCTION IF EXISTS accounts_user_username_immutable();
"""


def _run(sql_by_vendor):
    def run(apps, schema_editor):
        sql = sql_by_vendor.get(schema_editor.connection.vendor)
        if sql is None:
            raise NotImplementedError(
                f"Herald has no username trigger for {schema_editor.connection.vendor}."
            )
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.connection.cursor().executescript(sql)
        else:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
