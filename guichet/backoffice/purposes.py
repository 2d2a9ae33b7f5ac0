"""What a message to a client was for, in words staff read (the case page's message list).

Notification purposes are codes (`case_update`, `receipt_confirmation`…) chosen by the module
that queues the message; staff read a label instead. A purpose missing here (a module added one)
shows a generic label rather than its code.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PURPOSE_LABELS: dict[str, Promise] = {
    "receipt_confirmation": _("Receipt confirmation"),
    "case_update": _("Update on the case"),
    "case_update_letter": _("Update on the case, with a letter"),
    "status_by_phone": _("Status sent after a phone call"),
    "agent_follow_up": _("Call-centre follow-up"),
    "enquiry_answer": _("Answer to a web question"),
    "account_email_verification": _("Account e-mail verification"),
    "account_exists": _("Account already exists"),
    "account_password_reset": _("Password reset"),
    "case_linked_elsewhere": _("Case linked to another account"),
    "contact_details_changed": _("Contact details changed (confirmation)"),
    "appointment_booked": _("Appointment confirmed"),
    "appointment_cancelled": _("Appointment cancelled"),
    "appointment_reminder": _("Appointment reminder"),
}


def purpose_label(purpose: str) -> str:
    """The label of a notification purpose in the active language."""
    label = PURPOSE_LABELS.get(purpose)
    return str(label) if label is not None else str(_("Other message"))
