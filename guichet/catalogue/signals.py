from typing import Any


def load_after_migrate(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """The catalogue file is the truth: every migrate brings the database in line with it."""
    from guichet.catalogue.services import catalogue_load

    catalogue_load(using=using)
