"""Give managers the service standards dashboard, its refresh, and inventory targets."""

from django.db import migrations

from guichet.core.roles import MANAGER, grant

SNAPSHOT_PERMISSIONS = {
    "view_standards_dashboard": "Can view the service standards dashboard",
    "refresh_standards": "Can refresh the service standards figures",
}
TARGET_PERMISSIONS = {"add_inventorytarget": "Can add inventory target"}


def forwards(apps, schema_editor):
    grant(
        apps,
        app_label="standards",
        model="standardssnapshot",
        permissions=SNAPSHOT_PERMISSIONS,
        roles={MANAGER: list(SNAPSHOT_PERMISSIONS)},
    )
    grant(
        apps,
        app_label="standards",
        model="inventorytarget",
        permissions=TARGET_PERMISSIONS,
        roles={MANAGER: list(TARGET_PERMISSIONS)},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("standards", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
