"""Retention: how long personal data is kept before the scheduled purge removes it.

`manage.py retention_purge` runs every purge now; `retention_purge --schedule` starts the
daily task (django-tasks, run by `manage.py db_worker`). Each purge keeps what the audit and
the client's history need (the row, its dates, status and codes) and removes the personal
content: message texts and addresses of delivery links, free-text summaries, questions and
answers, digits keyed on the phone, photos never submitted. Periods are in the README's table.
"""

from guichet.config.env import env_int
from guichet.config.settings.accounts import (
    ACCOUNTS_EMAIL_VERIFICATION_SECONDS,
    ACCOUNTS_PASSWORD_RESET_SECONDS,
)

# Text (subject, body, rendering context) of a message, once the worker is done with it:
# kept this long after its delivery (or failure) for complaints and support, then blanked.
RETENTION_NOTIFICATION_BODY_DAYS = env_int("RETENTION_NOTIFICATION_BODY_DAYS", 30)
# Messages that carry a sign-in link are blanked as soon as the link has expired.
RETENTION_LINK_PURPOSES = {
    "account_email_verification": ACCOUNTS_EMAIL_VERIFICATION_SECONDS,
    "account_password_reset": ACCOUNTS_PASSWORD_RESET_SECONDS,
}
# The address or number a message went to, once the worker is done with it: then cut to the
# masked form staff see (`…0123`, `m…@example.ca`).
RETENTION_NOTIFICATION_RECIPIENT_DAYS = env_int("RETENTION_NOTIFICATION_RECIPIENT_DAYS", 30)
# Free-text summary of a contact (the codes, date and case stay for the client's history).
RETENTION_INTERACTION_SUMMARY_DAYS = env_int("RETENTION_INTERACTION_SUMMARY_DAYS", 730)
# Question and answer of a web enquiry, counted from its answer (open ones are never purged).
RETENTION_ENQUIRY_TEXT_DAYS = env_int("RETENTION_ENQUIRY_TEXT_DAYS", 730)
# Digits keyed on the phone line, if a call was dropped between the two identity questions.
RETENTION_IVR_KEYED_MINUTES = env_int("RETENTION_IVR_KEYED_MINUTES", 60)
# Digests of the signed phone-line requests already answered (the replay guard,
# contact.services.ivr_webhooks): a replay is refused as long as its digest is kept, so keep
# them longer than a call lasts (Twilio: at most 4 hours). Deleted by the purge only.
RETENTION_IVR_REPLAY_GUARD_HOURS = env_int("RETENTION_IVR_REPLAY_GUARD_HOURS", 24)
# Phone self-service calls are deleted after this long (their interaction is kept).
RETENTION_IVR_SESSION_DAYS = env_int("RETENTION_IVR_SESSION_DAYS", 90)
# A PR-card photo uploaded but never submitted with an application.
RETENTION_PHOTO_UNSUBMITTED_HOURS = env_int("RETENTION_PHOTO_UNSUBMITTED_HOURS", 24)
# Files a client sent in answer to a request for documents, counted from the decision on the
# case (time for a review or an appeal); the row stays, without the client's file name.
RETENTION_DOCUMENT_FILE_DAYS = env_int("RETENTION_DOCUMENT_FILE_DAYS", 730)

# Rows changed per transaction, so a first purge of a large table never holds long locks.
RETENTION_BATCH_SIZE = env_int("RETENTION_BATCH_SIZE", 500)
# How often the scheduled purge runs.
RETENTION_PURGE_EVERY_HOURS = env_int("RETENTION_PURGE_EVERY_HOURS", 24)
# The purges the task runs, in order; each returns {what: count}. Listed here (not imported by
# guichet.core) so the shared kernel stays independent of the modules whose data it purges.
RETENTION_PURGES = [
    "guichet.notifications.services.retention.notifications_purge",
    "guichet.contact.services.retention.contact_purge",
    "guichet.intake.retention.photos_purge",
    "guichet.documents.services.document_files_purge",
    "guichet.core.services.sessions_purge",
]
