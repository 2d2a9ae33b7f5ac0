from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def regulators_after_migrate(sender: Any = None, **kwargs: Any) -> None:
    """The regulators are reference data: put them back after every migrate and flush (as
    core.roles does for roles), idempotently."""
    from guichet.representatives.models import Regulator
    from guichet.representatives.regulators import regulators_load

    regulators_load(Regulator)


class RepresentativesConfig(AppConfig):
    name = "guichet.representatives"
    label = "representatives"
    verbose_name = _("Representatives")

    def ready(self) -> None:
        post_migrate.connect(
            regulators_after_migrate, sender=self, dispatch_uid="representatives.regulators"
        )
