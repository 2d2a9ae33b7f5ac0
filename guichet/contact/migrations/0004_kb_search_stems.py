"""Recompute the help centre's search text as word stems (contact.search): "biométrie" now
finds the articles about "données biométriques"."""

from django.db import migrations


def forwards(apps, schema_editor):
    from guichet.contact.services.knowledge_base import kb_search_reindex

    kb_search_reindex(article_model=apps.get_model("contact", "KbArticle"))


class Migration(migrations.Migration):
    dependencies = [("contact", "0003_knowledge_base")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
