"""Give the mailroom role the right to register paper applications."""

from django.db import migrations

from guichet.core.roles import MAILROOM, grant


def forwards(apps, schema_editor):
    grant(
        apps,
        app_label="intake",
        model="paperreceipt",
        permissions={"register_paper_receipt": "Can register a paper application"},
        roles={MAILROOM: ["register_paper_receipt"]},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
