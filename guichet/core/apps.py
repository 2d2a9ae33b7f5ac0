from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "guichet.core"
    label = "core"
    verbose_name = _("Shared kernel")

    def ready(self) -> None:
        from guichet.core.roles import roles_after_migrate

        # After every migrate, and after a flush (tests on a live server end with one), so the
        # staff roles are never missing while the tables exist.
        post_migrate.connect(roles_after_migrate, sender=self)
