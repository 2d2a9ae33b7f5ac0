"""The help centre's search text becomes word stems (contact.search), and the data file's new
articles are loaded (biometrics): "biométrie" now finds the article on biometrics."""

from django.db import migrations


def forwards(apps, schema_editor):
    from guichet.contact.services.knowledge_base import kb_load, kb_search_reindex

    kb_load(
        category_model=apps.get_model("contact", "KbCategory"),
        article_model=apps.get_model("contact", "KbArticle"),
    )
    kb_search_reindex(article_model=apps.get_model("contact", "KbArticle"))


class Migration(migrations.Migration):
    dependencies = [("contact", "0003_knowledge_base")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
