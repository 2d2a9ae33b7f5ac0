"""Forget throttled attempts older than every window (see guichet/accounts/throttle.py)."""

from typing import Any

from django.core.management.base import BaseCommand

from guichet.accounts.services.throttle import throttle_prune


class Command(BaseCommand):
    help = "Delete counted attempts older than the longest throttle window."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{throttle_prune()} old attempt(s) deleted.")
