"""Give managers the satisfaction analysis."""

from django.db import migrations

from guichet.core.roles import MANAGER, grant

PERMISSIONS = {"view_satisfaction": "Can view the satisfaction analysis"}
CHANGES = {"record_program_change": "Can record a program change"}


def forwards(apps, schema_editor):
    grant(
        apps,
        app_label="feedback",
        model="survey",
        permissions=PERMISSIONS,
        roles={MANAGER: ["view_satisfaction"]},
    )
    grant(
        apps,
        app_label="feedback",
        model="programchange",
        permissions=CHANGES,
        roles={MANAGER: ["record_program_change"]},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_programchange"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
