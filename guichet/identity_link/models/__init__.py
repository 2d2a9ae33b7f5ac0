"""Identity link: possible duplicates and client merges (ADR 0024)."""

from guichet.identity_link.models.client_merge import ClientMerge
from guichet.identity_link.models.duplicate_review import DuplicateReview

__all__ = ["ClientMerge", "DuplicateReview"]
