"""The case page: the client, the steps as the client sees them, and the staff timeline."""

import phonenumbers
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from guichet.backoffice.access import (
    ADVANCE_CASE_STEP,
    RECORD_DECISION,
    VIEW_CASE_FILE,
    staff_permission_required,
)
from guichet.backoffice.purposes import purpose_label
from guichet.backoffice.selectors import case_file_get, case_timeline_get
from guichet.backoffice.steps import step_rows
from guichet.backoffice.views.language import page_language
from guichet.cases.models import CaseStatus, Decision
from guichet.core.audit import audit_record
from guichet.core.identifiers import uci_format
from guichet.documents.selectors import document_requests_for_case
from guichet.letters.selectors import letters_for_case
from guichet.notifications.selectors import notifications_for_case
from guichet.status.selectors import case_status_get


def phone_display(phone: str) -> str:
    """+16135550100 as +1 613-555-0100; anything unreadable as it is."""
    if not phone:
        return ""
    try:
        number = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return phone
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@staff_permission_required(VIEW_CASE_FILE)
def case_file(request: HttpRequest, case_id: int) -> HttpResponse:
    """Show one case. Every showing is audited, since it displays a client's file."""
    case = case_file_get(case_id=case_id)
    if case is None:
        raise Http404
    language = page_language()
    status = case_status_get(case_id=case.pk, language=language)
    timeline = case_timeline_get(case_id=case.pk, language=language)
    audit_record(actor=request.user, action="view", target_type="case", target_id=case.pk)
    rows = step_rows(status)
    can_advance = request.user.has_perm(ADVANCE_CASE_STEP)
    return render(
        request,
        "backoffice/case.html",
        {
            "case": case,
            "client": case.client,
            "uci": uci_format(case.client.uci),
            "phone": phone_display(case.client.phone),
            "status": status,
            "decided": case.status == CaseStatus.DECIDED,
            "steps": rows,
            "document_steps": [row.step for row in rows if row.documents] if can_advance else [],
            "timeline": timeline,
            "document_requests": document_requests_for_case(case_id=case.pk, language=language),
            "letters": letters_for_case(case_id=case.pk),
            "messages_sent": [
                (message, purpose_label(message.purpose))
                for message in notifications_for_case(case.pk)
            ],
            "can_advance": can_advance,
            "can_decide": request.user.has_perm(RECORD_DECISION),
            "outcomes": Decision.choices,
        },
    )
