"""The status read model (ADR 0019): rebuild the stored documents, or check them against the
selector.

    manage.py status_readmodel --rebuild [--stale] [--case ID …]   render and store again
    manage.py status_readmodel --check [--case ID …]     exit 1 naming every case that differs
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guichet.status.readmodel import status_documents_check
from guichet.status.services import status_documents_rebuild
from guichet.status.version import renderer_version

MAX_NAMED = 100


class Command(BaseCommand):
    help = (
        "Rebuild the stored status documents from the status selector (--rebuild), or check "
        "that each one is the selector's answer (--check: exit 1 naming the cases that differ)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--rebuild", action="store_true", help="Render and store again.")
        action.add_argument("--check", action="store_true", help="Compare with the selector.")
        parser.add_argument(
            "--case", type=int, action="append", dest="cases", help="Only this case id."
        )
        parser.add_argument(
            "--stale",
            action="store_true",
            help="With --rebuild: only cases lacking a document of this renderer version.",
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        cases = options["cases"]
        if options["rebuild"]:
            total = status_documents_rebuild(
                case_ids=cases, batch_size=options["batch_size"], stale_only=options["stale"]
            )
            self.stdout.write(
                f"{total:,} case(s) rendered in every language (renderer {renderer_version()})."
            )
            return
        mismatches = list(status_documents_check(case_ids=cases))
        if not mismatches:
            self.stdout.write("Every stored status is the selector's answer.")
            return
        ids = sorted({m.case_id for m in mismatches})
        for m in mismatches[:MAX_NAMED]:
            self.stderr.write(f"case {m.case_id} ({m.language}): {m.reason}")
        if len(mismatches) > MAX_NAMED:
            self.stderr.write(f"… and {len(mismatches) - MAX_NAMED:,} more.")
        raise CommandError(
            f"{len(ids):,} case(s) whose stored status is not the selector's answer: "
            f"run manage.py status_readmodel --rebuild. First ids: "
            + ", ".join(str(i) for i in ids[:20])
        )
