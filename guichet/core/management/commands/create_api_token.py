"""Issue a staff API token from the command line; the token is the last line printed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from guichet.core.services import api_token_create


class Command(BaseCommand):
    help = (
        "Create an API token for a staff member (for a scanning station, say). The token is "
        "printed once, as the last line; only its digest is kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The staff member the token acts for.")
        parser.add_argument(
            "--name", default="", help="What the token is for, e.g. 'Scanning station 3'."
        )

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No staff member with the username {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"The account {username!r} is deactivated.")
        token, raw = api_token_create(user=user, name=name or f"Command line ({username})")
        groups = ", ".join(user.groups.order_by("name").values_list("name", flat=True)) or "none"
        self.stdout.write(
            f"API token {token.prefix}… created for {username} (roles: {groups}). "
            "Keep it now: it cannot be shown again."
        )
        self.stdout.write(raw)
