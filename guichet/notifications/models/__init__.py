from guichet.notifications.models.attempt import AttemptOutcome, NotificationAttempt
from guichet.notifications.models.notification import (
    WORKER_DONE,
    Channel,
    Notification,
    NotificationStatus,
    reference_new,
)
from guichet.notifications.models.rate import RateBucket
from guichet.notifications.models.suppression import SmsSuppression, SuppressionSource

__all__ = [
    "WORKER_DONE",
    "AttemptOutcome",
    "Channel",
    "Notification",
    "NotificationAttempt",
    "NotificationStatus",
    "RateBucket",
    "SmsSuppression",
    "SuppressionSource",
    "reference_new",
]
