"""Managers verify representatives; officers and agents record paper consents."""

from django.db import migrations

from guichet.core.roles import AGENT, MANAGER, OFFICER, grant


def forwards(apps, schema_editor):
    grant(
        apps,
        app_label="representatives",
        model="representative",
        permissions={"verify_representative": "Can verify a representative's membership"},
        roles={MANAGER: ["verify_representative"]},
    )
    grant(
        apps,
        app_label="representatives",
        model="consent",
        permissions={"record_consent": "Can record a paper use-of-representative form"},
        roles={OFFICER: ["record_consent"], AGENT: ["record_consent"]},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("representatives", "0002_regulators"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
