"""Domain errors that carry their message in English and French and name the field at fault."""

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import override


class GuichetError(Exception):
    """Base of every error a person may see. `message` is a lazy gettext string."""

    code = "invalid"

    def __init__(self, message: Promise | str, *, field: str | None = None, **params: Any) -> None:
        self.message = message
        self.field = field
        self.params = params
        super().__init__(self.text("en"))

    def text(self, language: str) -> str:
        # Format inside the override too: a parameter may itself be a lazy translation.
        with override(language):
            text = str(self.message)
            return text % self.params if self.params else text

    def bilingual(self) -> dict[str, str]:
        return {"en": self.text("en"), "fr": self.text("fr")}

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "field": self.field, "message": self.bilingual()}

    def __str__(self) -> str:
        prefix = f"{self.field}: " if self.field else ""
        return f"{prefix}{self.text('en')} / {self.text('fr')}"


class InvalidInput(GuichetError):
    code = "invalid"


class NotFound(GuichetError):
    code = "not_found"


class IllegalTransition(GuichetError):
    code = "illegal_transition"


class Conflict(GuichetError):
    code = "conflict"
