"""Coded lists of the contact centre: channels, reasons and outcomes, with their EN/FR labels.

Codes are stable (stored, exported in CSV, used in metrics); labels are translated.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Telephone (agent)")
    IVR = "ivr", _("Telephone self-service")
    WEB_ENQUIRY = "web_enquiry", _("Web enquiry")
    CHAT = "chat", _("Chat")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message")
    IN_PERSON = "in_person", _("In person")


# Channels where a person (an agent) answers: the contacts self-service could spare.
ASSISTED_CHANNELS = (
    ContactChannel.PHONE,
    ContactChannel.WEB_ENQUIRY,
    ContactChannel.CHAT,
    ContactChannel.EMAIL,
    ContactChannel.IN_PERSON,
)
# What an agent may record by hand on the desktop.
AGENT_CHANNELS = (
    ContactChannel.PHONE,
    ContactChannel.CHAT,
    ContactChannel.EMAIL,
    ContactChannel.IN_PERSON,
)


class Direction(models.TextChoices):
    INBOUND = "in", _("From the client")
    OUTBOUND = "out", _("To the client")


class ContactReason(models.TextChoices):
    STATUS = "status", _("Status of an application")
    DOCUMENTS = "documents", _("Documents or information we asked for")
    PROCESSING_TIME = "processing_time", _("Processing times")
    CHANGE_DETAILS = "change_details", _("Change of address or contact details")
    APPOINTMENT = "appointment", _("Biometrics, medical exam or interview")
    ONLINE_ACCOUNT = "online_account", _("Online account or technical problem")
    ELIGIBILITY = "eligibility", _("Eligibility and how to apply")
    DECISION = "decision", _("Decision and next steps")
    COMPLAINT = "complaint", _("Complaint or compliment")
    OTHER = "other", _("Other")


# Questions the client could have answered alone, on the web or the phone line.
SELF_SERVICE_REASONS = (ContactReason.STATUS, ContactReason.PROCESSING_TIME)


class ContactOutcome(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Answered, nothing more needed")
    FOLLOW_UP = "follow_up", _("Follow-up needed")
    REFERRED = "referred", _("Referred to an officer")
    SELF_SERVED = "self_served", _("Answered by self-service")
    TRANSFERRED = "transferred", _("Transferred to an agent")
    ABANDONED = "abandoned", _("Ended before an answer")
    SENT = "sent", _("Message sent")


# What an agent may record as the outcome of a contact they handled.
AGENT_OUTCOMES = (ContactOutcome.RESOLVED, ContactOutcome.FOLLOW_UP, ContactOutcome.REFERRED)
