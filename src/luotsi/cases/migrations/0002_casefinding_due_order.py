"""The index the due lists read findings by: due date, event date, id.

With it PostgreSQL reads the organisation-wide due list's first page in order instead of
joining and sorting every finding (206 ms → 2 ms for 40,000 findings, docs/performance.md).
A database made before this migration may already have the index under the same name (an
earlier dashboards migration made it): ``IF NOT EXISTS`` keeps this safe.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="casefinding",
                    index=models.Index(fields=["due", "date", "id"], name="casefinding_due_order"),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    sql="CREATE INDEX IF NOT EXISTS casefinding_due_order "
                    "ON cases_casefinding (due, date, id)",
                    reverse_sql="DROP INDEX IF EXISTS casefinding_due_order",
                ),
            ],
        ),
    ]
