"""Give managers the council report."""

from django.db import migrations

from guichet.core.roles import MANAGER, grant

PERMISSIONS = {"manage_council_report": "Can draft, edit and export the council report"}


def forwards(apps, schema_editor):
    grant(
        apps,
        app_label="reports",
        model="reportedition",
        permissions=PERMISSIONS,
        roles={MANAGER: ["manage_council_report"]},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
