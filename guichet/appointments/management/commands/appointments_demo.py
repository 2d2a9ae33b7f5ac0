"""`manage.py appointments_demo`: officers' availability and invitations for `make demo`.

Publishes two weeks of working-day slots for the demo officer (username `officer`, from
`manage.py demo_accounts`): interviews in person at the Ottawa office and by video from home,
and video interviews in the Service Canada Centre of Thunder Bay; then invites the clients of
a few cases in progress to book an interview. Goes through the services (`slot_publish`,
`invitation_open`), so every rule holds; safe to run again (taken times are skipped).
"""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from guichet.appointments.services import invitation_open, points_load, slot_publish
from guichet.cases.models import Case, CaseStatus
from guichet.core import clock
from guichet.core.errors import GuichetError

PLAN = [
    # point, mode, room, appointment type, local hours
    ("ircc-ottawa", "in_person", "interview-1", "interview", (9, 10, 11)),
    ("ircc-ottawa", "video_home", "", "interview", (13, 14)),
    ("scc-thunder-bay", "video_partner", "kiosk-1", "interview", (15,)),
]


class Command(BaseCommand):
    help = "Publish the demo officer's slots for two weeks and invite a few cases to book."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--invite", type=int, default=10, help="cases to invite")

    def handle(self, *args: Any, **options: Any) -> None:
        officer = User.objects.filter(username="officer").first()
        if officer is None:
            raise CommandError("No demo officer: run manage.py demo_accounts first.")
        points_load()
        published = 0
        today = clock.now().date()
        for offset in range(2, 16):
            day = today + dt.timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            for point, mode, room, kind, hours in PLAN:
                zone = ZoneInfo("America/Toronto")  # Ottawa and Thunder Bay alike
                for hour in hours:
                    starts = dt.datetime.combine(day, dt.time(hour), tzinfo=zone)
                    try:
                        slot_publish(
                            officer=officer,
                            point_code=point,
                            appointment_type=kind,
                            mode=mode,
                            starts_at=starts,
                            minutes=45,
                            resource_code=room,
                        )
                    except GuichetError:
                        continue  # taken already, or a holiday
                    published += 1
        invited = 0
        cases = Case.objects.filter(status=CaseStatus.IN_PROGRESS).order_by("id")
        for case_id in cases.values_list("id", flat=True)[: options["invite"]]:
            try:
                invitation_open(
                    case_id=case_id,
                    appointment_type="interview",
                    modes=["in_person", "video_home", "video_partner"],
                    actor=officer,
                )
            except GuichetError:
                continue
            invited += 1
        self.stdout.write(f"{published} slots published, {invited} cases invited to book.")
