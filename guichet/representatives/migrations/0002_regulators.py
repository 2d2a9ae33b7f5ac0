"""The regulators, as data (guichet/representatives/regulators.py)."""

from django.db import migrations

from guichet.representatives.regulators import regulators_load


def forwards(apps, schema_editor):
    regulators_load(apps.get_model("representatives", "Regulator"))


class Migration(migrations.Migration):
    dependencies = [("representatives", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
