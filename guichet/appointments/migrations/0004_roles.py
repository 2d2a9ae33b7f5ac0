"""Give officers the appointments page where they record attendance and the outcome."""

from django.db import migrations

from guichet.core.roles import OFFICER, grant

PERMISSIONS = {"record_attendance": "Can record attendance at an appointment"}


def forwards(apps, schema_editor):
    grant(
        apps,
        app_label="appointments",
        model="appointment",
        permissions=PERMISSIONS,
        roles={OFFICER: list(PERMISSIONS)},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0003_appointment_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
