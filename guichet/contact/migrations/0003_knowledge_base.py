"""Seed the help centre with its first articles, in English and French (data/knowledge_base.toml)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from guichet.contact.services.knowledge_base import kb_load

    kb_load(
        category_model=apps.get_model("contact", "KbCategory"),
        article_model=apps.get_model("contact", "KbArticle"),
    )


class Migration(migrations.Migration):
    dependencies = [("contact", "0002_roles")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
