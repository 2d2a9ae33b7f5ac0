"""PostgreSQL: no two active appointments (and no two slots) of one officer or one room overlap
in time, refused by exclusion constraints over tstzrange with btree_gist. SQLite has no
exclusion constraints: there the partial unique index on the slot (0001) and the serialised
slot publication hold the same rule (ADR 0026)."""

from django.db import migrations

CONSTRAINTS = [
    (
        "appointments_appointment",
        "appointment_officer_no_overlap",
        "officer_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&",
        "WHERE (active)",
    ),
    (
        "appointments_appointment",
        "appointment_room_no_overlap",
        "resource_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&",
        "WHERE (active AND resource_id IS NOT NULL)",
    ),
    (
        "appointments_slot",
        "slot_officer_no_overlap",
        "officer_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&",
        "",
    ),
    (
        "appointments_slot",
        "slot_room_no_overlap",
        "resource_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&",
        "WHERE (resource_id IS NOT NULL)",
    ),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    for table, name, expression, where in CONSTRAINTS:
        schema_editor.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT {name} EXCLUDE USING gist ({expression}) {where}"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, _expression, _where in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("appointments", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
