"""On PostgreSQL, refuse UPDATE and DELETE of log rows in the database itself.

The models already refuse in the application; the trigger also stops raw SQL, a shell, or a
bug elsewhere. TRUNCATE (test database flushes, a deliberate purge by the database owner)
is not a row operation and is not affected. On other databases this migration does nothing.
"""

from django.db import migrations

TABLES = ["access_accesslogentry", "access_changelogentry", "access_disclosurelogentry"]

FUNCTION = """
CREATE OR REPLACE FUNCTION luotsi_refuse_log_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'luotsi: % rows are append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION luotsi_refuse_log_change();",
            params=None,
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};", params=None
        )
    schema_editor.execute("DROP FUNCTION IF EXISTS luotsi_refuse_log_change();")


class Migration(migrations.Migration):
    dependencies = [("access", "0002_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
