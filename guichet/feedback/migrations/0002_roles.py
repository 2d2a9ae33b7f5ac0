"""Give managers the satisfaction analysis."""

from django.db import migrations

from guichet.core.roles import MANAGER, grant

PERMISSIONS = {"view_satisfaction": "Can view the satisfaction analysis"}


def forwards(apps, schema_editor):
    grant(
        apps,
        app_label="feedback",
        model="survey",
        permissions=PERMISSIONS,
        roles={MANAGER: ["view_satisfaction"]},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
