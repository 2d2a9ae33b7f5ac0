from django.db import models
from django.utils.translation import gettext_lazy as _


class StepState(models.TextChoices):
    """The state of one step of a case, as the client sees it."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ACTION_REQUIRED = "action_required", _("Action required")
    COMPLETED = "completed", _("Completed")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
