from typing import Any

from django.core.management.base import BaseCommand

from guichet.catalogue.services import catalogue_load


class Command(BaseCommand):
    help = "Load the service catalogue (services, steps, step sentences) from its data file."

    def handle(self, *args: Any, **options: Any) -> None:
        result = catalogue_load()
        self.stdout.write(f"{result.services} services, {result.step_types} step types loaded.")
