from django.db import migrations

PROVIDERS = ["file", "gc_notify", "twilio", "smtp"]


def create_buckets(apps, schema_editor):
    RateBucket = apps.get_model("notifications", "RateBucket")
    for name in PROVIDERS:
        RateBucket.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(create_buckets, migrations.RunPython.noop)]
