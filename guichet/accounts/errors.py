"""Errors of the accounts module."""

import math

from django.utils.translation import gettext_lazy as _

from guichet.core.errors import GuichetError, NotFound


class Throttled(GuichetError):
    """Too many failed attempts: try again after `retry_after` seconds (HTTP 429)."""

    code = "throttled"

    def __init__(self, retry_after: int) -> None:
        self.retry_after = max(1, int(retry_after))
        super().__init__(
            _(
                "Too many attempts did not match our records. For your security, please try "
                "again in %(minutes)s min."
            ),
            minutes=max(1, math.ceil(self.retry_after / 60)),
        )


def no_match() -> NotFound:
    """The one answer for an unknown number and for details that do not match it."""
    return NotFound(
        _(
            "We could not find an application with these details. Check the number, the family "
            "name and the date of birth as they appear on your application."
        )
    )
