"""What a letter says: its facts from the case, the client and the event, and its sentences.

Whole sentences, translated by hand; the letter is written in one language (the client's). It
holds nothing the client did not give us or does not already know about their own case.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from guichet.cases.models import Case, CaseEvent, Decision
from guichet.catalogue.selectors import catalogue_get
from guichet.letters.models import Letter, LetterKind


@dataclass(frozen=True)
class LetterText:
    language: str
    title: str  # the subject line, also the PDF's title
    department: str
    date: str
    recipient: list[str]  # name and address lines
    references: list[tuple[str, str]]  # label, value
    paragraphs: list[str]
    note: str  # the officer's words, quoted as written (a request for documents)
    after: list[str]  # what to do, after the officer's words
    footer: str


def _date(value) -> str:
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value).date()
    return date_format(value, "DATE_FORMAT")


def letter_text(*, letter: Letter, case: Case, event: CaseEvent, language: str) -> LetterText:
    """The letter's words in `language`, from what the case recorded at the letter's event."""
    client = case.client
    with override(language):
        service = catalogue_get().services[case.service_id].name(language)
        number = case.application_number
        note = ""
        after: list[str] = []
        if letter.kind == LetterKind.ACKNOWLEDGEMENT:
            title = _("Acknowledgement of receipt")
            paragraphs = [
                _("We received your application for: %(service)s, on %(date)s.")
                % {"service": service, "date": _date(case.received_at)},
                _(
                    "Your application number is %(number)s. Keep it: you will need it to check "
                    "the status of your application online or by phone, and whenever you "
                    "contact us."
                )
                % {"number": number},
                _(
                    "What happens next: we will check that your application is complete, then "
                    "process it. If we need more information or documents from you, we will "
                    "write to you."
                ),
            ]
        elif letter.kind == LetterKind.DOCUMENTS_REQUEST:
            title = _("Request for documents")
            step_type = catalogue_get().step_types.get(event.step_type_id or 0)
            step = step_type.name(language) if step_type else ""
            paragraphs = [
                _(
                    "To continue processing your application for: %(service)s, we need more "
                    "from you at the step “%(step)s”. This is what the officer asked for:"
                )
                % {"service": service, "step": step},
            ]
            note = event.client_note
            after = [
                _(
                    "Send the documents from your account: sign in, open this application and use "
                    "“Documents we asked for”. You can also send them by mail, with a copy of this "
                    "letter. Your application waits until we receive them."
                )
            ]
        elif letter.kind == LetterKind.APPOINTMENT:
            title = _("About your appointment")
            # The appointments module wrote the event's note in the client's language.
            paragraphs = [
                _("About your application for: %(service)s.") % {"service": service},
                event.client_note,
                _(
                    "Your account shows every appointment of this application: the place or how "
                    "to join, and how to move or cancel it."
                ),
            ]
        else:
            title = _("Decision on your application")
            outcome = event.decision or case.decision
            when = _date(event.at)
            if outcome == Decision.APPROVED:
                sentence = _("On %(date)s, we approved your application for: %(service)s.")
            elif outcome == Decision.REFUSED:
                sentence = _("On %(date)s, we refused your application for: %(service)s.")
            else:
                sentence = _(
                    "On %(date)s, your application for: %(service)s was withdrawn, and we "
                    "closed it."
                )
            paragraphs = [sentence % {"date": when, "service": service}]
            if outcome == Decision.REFUSED:
                paragraphs.append(
                    _(
                        "If you want to know the reasons for this decision, or think it is "
                        "wrong, contact us and give your application number."
                    )
                )
            paragraphs.append(
                _(
                    "Your account shows every step of your application and what, if anything, "
                    "remains."
                )
            )
        address = [
            client.address_line,
            " ".join(part for part in (client.city, client.province, client.postal_code) if part),
        ]
        return LetterText(
            language=language,
            title=title,
            department=_("Immigration, Refugees and Citizenship Canada"),
            date=_date(letter.issued_at),
            recipient=[f"{client.given_names} {client.family_name}", *[a for a in address if a]],
            references=[
                (_("Application number"), number),
                (_("Unique client identifier (UCI)"), client.uci),
            ],
            paragraphs=paragraphs,
            note=note,
            after=after,
            footer=_(
                "This letter is also in your account at %(site)s, with every step of your "
                "application. It was issued by Guichet and has no signature."
            )
            % {"site": settings.GUICHET_PUBLIC_URL.rstrip("/")},
        )
