"""Print the visitor-visa comparison table of docs/intake-visitor-visa.md, counted from the
form's data: questions and documents of the simplified form for common cases, against a form
that asks everything."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from guichet.intake import visitor_visa as vv
from guichet.intake.forms import ApplicantFields


class Command(BaseCommand):
    help = __doc__
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        identity = len(ApplicantFields.base_fields)
        self.stdout.write(
            "| Case | Questions (simplified) | Questions (asks everything) "
            "| Documents (simplified) | Documents (asks everything) |"
        )
        self.stdout.write("|---|---:|---:|---:|---:|")
        for label, answers in vv.COMMON_CASES.items():
            counts = vv.form_counts(answers, identity_questions=identity)
            self.stdout.write(
                f"| {label} | {counts.questions} | {counts.full_questions} | "
                f"{counts.documents} | {counts.full_documents} |"
            )
