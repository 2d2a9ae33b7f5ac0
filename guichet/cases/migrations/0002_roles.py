"""Give the staff roles their permissions on case files."""

from django.db import migrations

from guichet.core.roles import AGENT, MANAGER, OFFICER, grant

PERMISSIONS = {
    "view_case_file": "Can view a client's case file",
    "advance_case_step": "Can move a case step",
    "record_decision": "Can record a decision on a case",
}


def forwards(apps, schema_editor):
    grant(
        apps,
        app_label="cases",
        model="case",
        permissions=PERMISSIONS,
        roles={
            OFFICER: ["view_case_file", "advance_case_step", "record_decision"],
            AGENT: ["view_case_file"],
            MANAGER: ["view_case_file"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
