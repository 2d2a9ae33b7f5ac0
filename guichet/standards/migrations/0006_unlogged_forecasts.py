"""PostgreSQL: keep forecasts in an UNLOGGED table.

Forecasts are derived data, replaced whole by every run (a million rows at full size). Without
write-ahead logging, a run costs a fraction of the disk writes; the price is that a crash
empties the table until the next run (hourly) fills it again: clients see no estimate
meanwhile, never a wrong one. SQLite has no such thing.
"""

from django.db import migrations


def unlogged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE standards_caseforecast SET UNLOGGED")


def logged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE standards_caseforecast SET LOGGED")


class Migration(migrations.Migration):
    dependencies = [("standards", "0005_forecasts_without_constraints")]
    operations = [migrations.RunPython(unlogged, logged)]
