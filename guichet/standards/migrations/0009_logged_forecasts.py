"""PostgreSQL: forecasts go back to a logged table, so that replicas and backups have them.

0006 made the table UNLOGGED to save disk writes on a run that replaces it whole. But an
UNLOGGED table is not streamed to replicas and is emptied after a crash: a status look-up
served by a replica, or by a primary just restored, would show no estimate for every case
until the next run. The writes a run saves are not worth a channel that answers differently.
SQLite has no such thing.
"""

from django.db import migrations


def logged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE standards_caseforecast SET LOGGED")


def unlogged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE standards_caseforecast SET UNLOGGED")


class Migration(migrations.Migration):
    dependencies = [("standards", "0008_clock_hours")]
    operations = [migrations.RunPython(logged, unlogged)]
