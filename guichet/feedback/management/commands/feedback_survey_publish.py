"""`manage.py feedback_survey_publish`: publish the shipped survey file as a new version if it
changed (answers keep the version they were given on)."""

from typing import Any

from django.core.management.base import BaseCommand

from guichet.feedback.services import survey_current


class Command(BaseCommand):
    help = "Publish guichet/feedback/data/client_satisfaction.toml if it changed."

    def handle(self, *args: Any, **options: Any) -> None:
        survey = survey_current()
        self.stdout.write(f"Current survey: {survey.code} version {survey.version}.")
