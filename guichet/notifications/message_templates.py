"""The texts sent to clients, as data: one entry per (purpose, channel), in gettext.

Each text is written in English as a gettext message (context "message <purpose> <channel>
subject|body"); its French is in guichet/notifications/locale/fr/LC_MESSAGES/django.po, written
by hand, so `make translations` (and CI) fails on a message without its French. To add a
purpose, add its two channels to MESSAGES below, run `make translations` and write the French
msgstr (the tests check that every purpose renders in both languages with the same
placeholders, and a system check refuses to start when a French text is missing from the
compiled catalogue). For GC Notify, create the matching templates there and set their ids
(GC_NOTIFY_TEMPLATE_<PURPOSE>_<CHANNEL>_<LANGUAGE>).

Placeholders are written `{name}`. A template renders only when it is given exactly the
placeholders it uses: a missing or an unknown one is an error, never an empty gap or a silently
dropped value. Text messages carry the application number and the service name and nothing else
about the person.
"""

from dataclasses import dataclass
from string import Formatter

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guichet.core.errors import InvalidInput

LANGUAGES = ("en", "fr")
CHANNELS = ("sms", "email")


@dataclass(frozen=True)
class MessageText:
    """The English text of a message (lazy: it is translated when a language is chosen)."""

    body: Promise
    subject: Promise | str = ""  # e-mail only


@dataclass(frozen=True)
class MessageTemplate:
    """A message in one language: its texts, translated from the catalogue on each read."""

    text: MessageText
    language: str

    def _in_language(self, value: Promise | str) -> str:
        if not value:
            return ""
        with translation.override(self.language):
            return str(value)

    @property
    def body(self) -> str:
        return self._in_language(self.text.body)

    @property
    def subject(self) -> str:
        return self._in_language(self.text.subject)

    @property
    def placeholders(self) -> frozenset[str]:
        names = set()
        for text in (self.subject, self.body):
            names |= {field for _, field, _, _ in Formatter().parse(text) if field is not None}
        return frozenset(names)


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str


# Texts sent to clients: receipts (guichet.intake); client accounts (guichet.accounts): confirming
# an address, passwords, linked applications and updates on them, which carry a link and nothing
# about the person; the contact centre (guichet.contact): the status asked for on the phone line,
# an agent's follow-up, and the answer to a web enquiry (behind sign-in: the message is a link).
# Text messages carry the application number and the service name and nothing else.
MESSAGES: dict[tuple[str, str], MessageText] = {
    ("account_email_verification", "email"): MessageText(
        subject=pgettext_lazy(
            "message account_email_verification email subject",
            "Confirm your e-mail address for your Guichet account",
        ),
        body=pgettext_lazy(
            "message account_email_verification email body",
            "Hello,\n"
            "\n"
            "To finish opening your Guichet account, confirm your e-mail address by "
            "opening this link:\n"
            "\n"
            "{url}\n"
            "\n"
            "The link works for 3 days. If you did not ask to open an account, ignore "
            "this message: the account cannot be used without this confirmation.\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("account_email_verification", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message account_email_verification sms body",
            "IRCC: Confirm the e-mail address of your Guichet account: {url}",
        ),
    ),
    ("account_exists", "email"): MessageText(
        subject=pgettext_lazy(
            "message account_exists email subject",
            "Someone tried to open a Guichet account with your e-mail address",
        ),
        body=pgettext_lazy(
            "message account_exists email body",
            "Hello,\n"
            "\n"
            "Someone tried to open a new Guichet account with this e-mail address, but "
            "it already has an account.\n"
            "\n"
            "If it was you, sign in: {sign_in_url}\n"
            "\n"
            "If you forgot your password, you can choose a new one: {reset_url}\n"
            "\n"
            "If it was not you, you do not need to do anything: your account has not "
            "changed.\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("account_exists", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message account_exists sms body",
            "IRCC: Someone tried to open a Guichet account with your address, which "
            "already has one. Sign in: {sign_in_url} Forgot your password? {reset_url}",
        ),
    ),
    ("account_password_reset", "email"): MessageText(
        subject=pgettext_lazy(
            "message account_password_reset email subject",
            "Choose a new password for your Guichet account",
        ),
        body=pgettext_lazy(
            "message account_password_reset email body",
            "Hello,\n"
            "\n"
            "We received a request to choose a new password for your Guichet account. To "
            "choose it, open this link within one hour:\n"
            "\n"
            "{url}\n"
            "\n"
            "If you did not ask for this, ignore this message: your password stays the "
            "same.\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("account_password_reset", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message account_password_reset sms body",
            "IRCC: To choose a new password for your Guichet account, open within an hour: {url}",
        ),
    ),
    ("agent_follow_up", "email"): MessageText(
        subject=pgettext_lazy(
            "message agent_follow_up email subject", "About your application {application_number}"
        ),
        body=pgettext_lazy(
            "message agent_follow_up email body",
            "Hello,\n"
            "\n"
            "Following your contact with our client support centre, here is a message "
            "about your application {application_number} ({service_name}):\n"
            "\n"
            "{message}\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("agent_follow_up", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message agent_follow_up sms body",
            "IRCC, about your application {application_number} ({service_name}): {message}",
        ),
    ),
    # Appointments (guichet.appointments): booked or moved (the e-mail carries the calendar
    # file), cancelled, and the reminders 48 hours and 2 hours before. `how` is a sentence
    # written by the appointments module in the client's language (the address, or the video
    # link with the phone fall-back). Nothing about the person: the appointment and a link.
    ("appointment_booked", "email"): MessageText(
        subject=pgettext_lazy("message appointment_booked email subject", "Your appointment"),
        body=pgettext_lazy(
            "message appointment_booked email body",
            "Hello,\n"
            "\n"
            "Your appointment is confirmed.\n"
            "\n"
            "{appointment_type}\n"
            "{when}\n"
            "{place}\n"
            "\n"
            "{how}\n"
            "\n"
            "The calendar file attached adds the appointment to your calendar. To change or "
            "cancel it, sign in to your Guichet account:\n"
            "\n"
            "{account_url}\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("appointment_booked", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message appointment_booked sms body",
            "IRCC: Your appointment is confirmed. {appointment_type}, {when}, {place}. {how} "
            "Details: {account_url}",
        ),
    ),
    ("appointment_cancelled", "email"): MessageText(
        subject=pgettext_lazy(
            "message appointment_cancelled email subject", "Your appointment is cancelled"
        ),
        body=pgettext_lazy(
            "message appointment_cancelled email body",
            "Hello,\n"
            "\n"
            "Your appointment is cancelled:\n"
            "\n"
            "{appointment_type}\n"
            "{when}\n"
            "{place}\n"
            "\n"
            "The calendar file attached removes it from your calendar. To book another time, "
            "sign in to your Guichet account:\n"
            "\n"
            "{account_url}\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("appointment_cancelled", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message appointment_cancelled sms body",
            "IRCC: Your appointment is cancelled. {appointment_type}, {when}, {place}. "
            "Details: {account_url}",
        ),
    ),
    ("appointment_reminder", "email"): MessageText(
        subject=pgettext_lazy(
            "message appointment_reminder email subject", "Reminder: your appointment"
        ),
        body=pgettext_lazy(
            "message appointment_reminder email body",
            "Hello,\n"
            "\n"
            "This is a reminder of your appointment.\n"
            "\n"
            "{appointment_type}\n"
            "{when}\n"
            "{place}\n"
            "\n"
            "{how}\n"
            "\n"
            "If you cannot come, sign in to your Guichet account:\n"
            "\n"
            "{account_url}\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("appointment_reminder", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message appointment_reminder sms body",
            "IRCC: Reminder of your appointment. {appointment_type}, {when}, {place}. {how} "
            "Details: {account_url}",
        ),
    ),
    ("case_linked_elsewhere", "email"): MessageText(
        subject=pgettext_lazy(
            "message case_linked_elsewhere email subject",
            "An application in your Guichet account was added to another account",
        ),
        body=pgettext_lazy(
            "message case_linked_elsewhere email body",
            "Hello,\n"
            "\n"
            "An application that you follow in your Guichet account has just been added "
            "to another Guichet account. The person who added it gave the details of the "
            "application: its number or the applicant's client identifier, with names "
            "and date of birth.\n"
            "\n"
            "If you know about this, for example because a family member or a "
            "representative follows the application too, you do not need to do anything.\n"
            "\n"
            "If you do not know who did this, contact us. You can see the application "
            "here:\n"
            "\n"
            "{status_url}\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("case_linked_elsewhere", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message case_linked_elsewhere sms body",
            "IRCC: An application in your Guichet account was added to another account. "
            "If you do not know who did this, contact us. {status_url}",
        ),
    ),
    ("case_update", "email"): MessageText(
        subject=pgettext_lazy(
            "message case_update email subject", "There is news about your application"
        ),
        body=pgettext_lazy(
            "message case_update email body",
            "Hello,\n"
            "\n"
            "Your application has been updated. To see what changed and whether you need "
            "to do anything, sign in to your Guichet account:\n"
            "\n"
            "{status_url}\n"
            "\n"
            "You receive this message because you asked for updates on this application. "
            "To stop them, change your choices on the application's page.\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("case_update", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message case_update sms body",
            "IRCC: There is news about your application. See what changed: {status_url} "
            "Reply STOP to stop these texts.",
        ),
    ),
    # The same news, when one of the changes came with a letter (letters module).
    ("case_update_letter", "email"): MessageText(
        subject=pgettext_lazy(
            "message case_update_letter email subject",
            "There is news about your application, and a letter for you",
        ),
        body=pgettext_lazy(
            "message case_update_letter email body",
            "Hello,\n"
            "\n"
            "Your application has been updated, and we have sent you a letter about it. To "
            "read the letter, see what changed and whether you need to do anything, sign in "
            "to your Guichet account:\n"
            "\n"
            "{status_url}\n"
            "\n"
            "You receive this message because you asked for updates on this application. "
            "To stop them, change your choices on the application's page.\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("case_update_letter", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message case_update_letter sms body",
            "IRCC: There is news about your application, and a letter for you in your "
            "account: {status_url} Reply STOP to stop these texts.",
        ),
    ),
    # To the old and the new e-mail address and phone number after a change made online:
    # nothing of the new details, so that a message to an old address gives nothing away.
    ("contact_details_changed", "email"): MessageText(
        subject=pgettext_lazy(
            "message contact_details_changed email subject",
            "Your address or contact details were changed",
        ),
        body=pgettext_lazy(
            "message contact_details_changed email body",
            "Hello,\n"
            "\n"
            "The mailing address or contact details on your immigration file were changed "
            "online, from a Guichet account. From now on, we will use the new ones for your "
            "applications in progress.\n"
            "\n"
            "We send this message to the old and the new contact details, so that you know "
            "of the change wherever you read it.\n"
            "\n"
            "If you did not make this change, contact us right away: {help_url}\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("contact_details_changed", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message contact_details_changed sms body",
            "IRCC: The address or contact details on your immigration file were changed "
            "online. If you did not do this, contact us right away: {help_url}",
        ),
    ),
    ("enquiry_answer", "email"): MessageText(
        subject=pgettext_lazy(
            "message enquiry_answer email subject",
            "We answered your question about application {application_number}",
        ),
        body=pgettext_lazy(
            "message enquiry_answer email body",
            "Hello,\n"
            "\n"
            "We have answered the question you sent us about your application "
            "{application_number}. To read the answer, sign in to your Guichet account:\n"
            "\n"
            "{enquiry_url}\n"
            "\n"
            "If you have another question, you can send it from the same page.\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("enquiry_answer", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message enquiry_answer sms body",
            "IRCC: We answered your question about application {application_number}. "
            "Sign in to read the answer: {enquiry_url}",
        ),
    ),
    ("receipt_confirmation", "email"): MessageText(
        subject=pgettext_lazy(
            "message receipt_confirmation email subject",
            "We received your application {application_number}",
        ),
        body=pgettext_lazy(
            "message receipt_confirmation email body",
            "Hello,\n"
            "\n"
            "We received your application for: {service_name}.\n"
            "\n"
            "Your application number is {application_number}. Keep it: you will need it "
            "to check the status of your application online or by phone, and whenever "
            "you contact us.\n"
            "\n"
            "What happens next: we will check that your application is complete, then "
            "start processing it. If we need more information or documents from you, we "
            "will tell you.\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("receipt_confirmation", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message receipt_confirmation sms body",
            "IRCC: We received your application {application_number} ({service_name}). "
            "We will contact you if we need anything else. Reply STOP to stop these "
            "texts.",
        ),
    ),
    ("status_by_phone", "email"): MessageText(
        subject=pgettext_lazy(
            "message status_by_phone email subject",
            "The status of your application {application_number}",
        ),
        body=pgettext_lazy(
            "message status_by_phone email body",
            "Hello,\n"
            "\n"
            "As you asked on our automated phone line, here is the status of your "
            "application {application_number} ({service_name}).\n"
            "\n"
            "{status}\n"
            "\n"
            "The last change to your application was made on {date}.\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("status_by_phone", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message status_by_phone sms body",
            "IRCC: Status of your application {application_number} ({service_name}), "
            "last changed on {date}: {status}",
        ),
    ),
    # The satisfaction survey (guichet.feedback): a link, once after a decision, and one
    # reminder; nothing about the person or the case.
    ("feedback_invitation", "email"): MessageText(
        subject=pgettext_lazy(
            "message feedback_invitation email subject",
            "Tell us about your experience with IRCC",
        ),
        body=pgettext_lazy(
            "message feedback_invitation email body",
            "Hello,\n"
            "\n"
            "We have made a decision on your application. We would like to know how the "
            "service went for you: it takes about 5 minutes, and your answers help us "
            "improve it. Answering is voluntary and does not affect your application.\n"
            "\n"
            "{url}\n"
            "\n"
            "The link works for 30 days. On that page you can also tell us not to ask you "
            "again.\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("feedback_invitation", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message feedback_invitation sms body",
            "IRCC: How was our service? A 5-minute survey, voluntary: {url}",
        ),
    ),
    ("feedback_reminder", "email"): MessageText(
        subject=pgettext_lazy(
            "message feedback_reminder email subject",
            "Reminder: tell us about your experience with IRCC",
        ),
        body=pgettext_lazy(
            "message feedback_reminder email body",
            "Hello,\n"
            "\n"
            "A few days ago we asked you how our service went for you. If you have a few "
            "minutes, your answers help us improve it. This is the only reminder.\n"
            "\n"
            "{url}\n"
            "\n"
            "Please do not reply to this message: this address is not monitored.\n"
            "\n"
            "Immigration, Refugees and Citizenship Canada",
        ),
    ),
    ("feedback_reminder", "sms"): MessageText(
        subject="",
        body=pgettext_lazy(
            "message feedback_reminder sms body",
            "IRCC: Reminder, our 5-minute survey on your experience, voluntary: {url}",
        ),
    ),
}

TEMPLATES: dict[tuple[str, str, str], MessageTemplate] = {
    (purpose, channel, language): MessageTemplate(text=text, language=language)
    for (purpose, channel), text in MESSAGES.items()
    for language in LANGUAGES
}


def untranslated_messages(language: str) -> list[tuple[str, str]]:
    """The (purpose, channel) whose subject or body reads the same in `language` as in English,
    i.e. that the compiled catalogue does not translate."""
    missing = []
    for key, text in MESSAGES.items():
        english = MessageTemplate(text=text, language="en")
        other = MessageTemplate(text=text, language=language)
        if other.body == english.body or (other.subject != "" and other.subject == english.subject):
            missing.append(key)
    return missing


def purposes() -> list[str]:
    return sorted({purpose for purpose, _channel, _language in TEMPLATES})


def template_get(*, purpose: str, channel: str, language: str) -> MessageTemplate:
    """The template, or an error naming what is unknown: the purpose, channel or language."""
    if purpose not in purposes():
        raise InvalidInput(
            _("Unknown notification purpose “%(purpose)s”."), field="purpose", purpose=purpose
        )
    if channel not in CHANNELS:
        raise InvalidInput(
            _("Unknown channel “%(channel)s”: use sms or email."), field="channel", channel=channel
        )
    if language not in LANGUAGES:
        raise InvalidInput(
            _("Unknown language “%(language)s”: use en or fr."), field="language", language=language
        )
    template = TEMPLATES.get((purpose, channel, language))
    if template is None:
        raise InvalidInput(
            _("There is no %(channel)s message for “%(purpose)s” in “%(language)s”."),
            field="channel",
            channel=channel,
            purpose=purpose,
            language=language,
        )
    return template


def template_render(
    *, purpose: str, channel: str, language: str, context: dict[str, str]
) -> RenderedMessage:
    """Fill in the template; refuse a missing, empty, unknown or non-text placeholder."""
    template = template_get(purpose=purpose, channel=channel, language=language)
    expected = template.placeholders
    given = set(context)
    unknown = sorted(given - expected)
    if unknown:
        raise InvalidInput(
            _("Unknown placeholder “%(name)s” for “%(purpose)s”."),
            field=f"context.{unknown[0]}",
            name=unknown[0],
            purpose=purpose,
        )
    for name in sorted(expected):
        value = context.get(name)
        if not isinstance(value, str) or not value.strip():
            raise InvalidInput(
                _("The placeholder “%(name)s” is missing for “%(purpose)s”."),
                field=f"context.{name}",
                name=name,
                purpose=purpose,
            )
    # One line each, so a value cannot forge a line of the message.
    values = {name: " ".join(context[name].split()) for name in expected}
    return RenderedMessage(
        subject=template.subject.format(**values), body=template.body.format(**values)
    )
