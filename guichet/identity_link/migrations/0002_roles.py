"""Give the staff roles their permissions on possible duplicates and client merges."""

from django.db import migrations

from guichet.core.roles import MANAGER, OFFICER, grant


def forwards(apps, schema_editor):
    grant(
        apps,
        app_label="identity_link",
        model="duplicatereview",
        permissions={"review_duplicate": "Can decide whether two clients are one person"},
        roles={OFFICER: ["review_duplicate"], MANAGER: ["review_duplicate"]},
    )
    grant(
        apps,
        app_label="identity_link",
        model="clientmerge",
        permissions={"merge_client": "Can merge two client records and split them again"},
        roles={OFFICER: ["merge_client"], MANAGER: ["merge_client"]},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("identity_link", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
