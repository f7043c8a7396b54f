"""On PostgreSQL, refuse UPDATE and DELETE of a finalised document in the database itself.

The model already refuses in the application; the trigger also stops raw SQL, a shell, or a
bug elsewhere. Drafts stay editable. On other databases this migration does nothing.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION luotsi_refuse_final_document_change() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'final' THEN
        RAISE EXCEPTION 'luotsi: a finalised document cannot be changed (% refused)', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    schema_editor.execute(
        "CREATE TRIGGER casedocs_document_final BEFORE UPDATE OR DELETE "
        "ON casedocs_document FOR EACH ROW "
        "EXECUTE FUNCTION luotsi_refuse_final_document_change();",
        params=None,
    )


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS casedocs_document_final ON casedocs_document;", params=None
    )
    schema_editor.execute("DROP FUNCTION IF EXISTS luotsi_refuse_final_document_change();")


class Migration(migrations.Migration):
    dependencies = [("casedocs", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger, elidable=False)]
