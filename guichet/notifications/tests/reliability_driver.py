"""Run in a separate process by the reliability test and the benchmark, against DATABASE_URL.

    python -m guichet.notifications.tests.reliability_driver seed N CASES
    python -m guichet.notifications.tests.reliability_driver report

`seed` queues N notifications through notification_queue (half by SMS, half by e-mail, each
to its own recipient, spread over CASES new cases) and prints their references as JSON;
`report` prints every notification's status, the attempts, and the case timelines as JSON.
A separate process, because the test's own database may be an in-memory SQLite that a worker
process cannot see.
"""

import json
import os
import sys
from collections import Counter
from typing import Any


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.config.django.test")
    import django

    django.setup()


def seed(count: int, cases: int) -> dict[str, Any]:
    from django.db import transaction

    from guichet.notifications.services import notification_queue
    from guichet.testing.factories import case_make, client_make

    with transaction.atomic():
        made = [
            case_make(
                service_code="citizenship-grant",
                client=client_make(email="", phone=f"+1514555{i:04d}"),
            )
            for i in range(cases)
        ]
    references = []
    for start in range(0, count, 250):
        with transaction.atomic():
            for i in range(start, min(count, start + 250)):
                case = made[i % len(made)] if made else None
                sms = i % 2 == 0
                notification = notification_queue(
                    purpose="receipt_confirmation",
                    channel="sms" if sms else "email",
                    recipient=f"+1613555{i:04d}" if sms else f"client{i}@example.ca",
                    language="fr" if i % 3 else "en",
                    context={"application_number": f"P{i:09d}", "service_name": "Citoyenneté"},
                    idempotency_key=f"reliability:{i}",
                    case_id=case.pk if case else None,
                    client_id=case.client_id if case else None,
                )
                assert notification is not None
                references.append(notification.reference)
    return {"references": references, "cases": [case.pk for case in made]}


def report() -> dict[str, Any]:
    from guichet.notifications.models import Notification, NotificationAttempt
    from guichet.notifications.selectors import notifications_for_case

    statuses = Counter(Notification.objects.values_list("status", flat=True))
    outcomes = Counter(NotificationAttempt.objects.values_list("outcome", flat=True))
    case_ids = sorted(
        set(Notification.objects.exclude(case=None).values_list("case_id", flat=True))
    )
    timelines = {
        str(case_id): sorted({item.status for item in notifications_for_case(case_id)})
        for case_id in case_ids
    }
    references = dict(Notification.objects.values_list("reference", "status"))
    return {
        "statuses": dict(statuses),
        "outcomes": dict(outcomes),
        "timelines": timelines,
        "references": references,
    }


def main(argv: list[str]) -> None:
    _setup()
    if argv[1] == "seed":
        result = seed(int(argv[2]), int(argv[3]) if len(argv) > 3 else 0)
    elif argv[1] == "report":
        result = report()
    else:
        raise SystemExit(f"unknown command {argv[1]!r}")
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv)
