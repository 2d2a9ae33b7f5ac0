"""Finding a case: by application number, by UCI, or by family name and date of birth.

The search form is posted, never sent in the address, so no name or date of birth ends up in a
URL, a browser history or a server log. Each search is audited, naming only its kind.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from guichet.backoffice.access import VIEW_CASE_FILE, staff_permission_required
from guichet.backoffice.errors import field_label
from guichet.backoffice.views.language import page_language
from guichet.cases.models import Case
from guichet.cases.selectors import case_search
from guichet.clients import validators
from guichet.core.audit import audit_record
from guichet.core.errors import GuichetError, InvalidInput

TEMPLATE = "backoffice/search.html"


@dataclass(frozen=True)
class SearchKind:
    fields: tuple[str, ...]
    audit_detail: str  # what the audit trail says: the kind of search, never what was typed


KINDS = {
    "application_number": SearchKind(("application_number",), "search by application number"),
    "uci": SearchKind(("uci",), "search by UCI"),
    "name": SearchKind(("family_name", "date_of_birth"), "search by family name and date of birth"),
}


@dataclass(frozen=True)
class ResultRow:
    case_id: int
    application_number: str
    client_name: str
    date_of_birth: dt.date
    service: str
    received_at: dt.datetime
    status: str
    status_label: str


def _result_row(case: Case, language: str) -> ResultRow:
    return ResultRow(
        case_id=case.pk,
        application_number=case.application_number,
        client_name=str(case.client),
        date_of_birth=case.client.date_of_birth,
        service=case.service.name(language),
        received_at=case.received_at,
        status=case.decision or case.status,
        status_label=str(case.get_decision_display() or case.get_status_display()),
    )


@dataclass(frozen=True)
class FieldError:
    field: str
    label: str
    message: str


def _required(value: str, field: str) -> str:
    if not value:
        messages = {
            "application_number": _("Enter the application number."),
            "uci": _("Enter the UCI."),
        }
        raise InvalidInput(messages[field], field=field)
    return value


def _run(kind: str, values: dict[str, str]) -> tuple[QuerySet[Case] | None, list[GuichetError]]:
    """The matching cases, or every error found in what was typed (all fields are checked)."""
    if kind == "application_number":
        try:
            number = _required(values["application_number"], "application_number")
            return case_search(application_number=number), []
        except GuichetError as error:
            return None, [error]
    if kind == "uci":
        try:
            return case_search(uci=_required(values["uci"], "uci")), []
        except GuichetError as error:
            return None, [error]
    errors: list[GuichetError] = []
    family_name = ""
    date_of_birth: dt.date | None = None
    try:
        family_name = validators.required_text(
            values["family_name"], field="family_name", max_length=100
        )
    except GuichetError as error:
        errors.append(error)
    try:
        date_of_birth = validators.date_of_birth_check(values["date_of_birth"])
    except GuichetError as error:
        errors.append(error)
    if errors:
        return None, errors
    return case_search(family_name=family_name, date_of_birth=date_of_birth), []


@staff_permission_required(VIEW_CASE_FILE)
def search(request: HttpRequest) -> HttpResponse:
    """GET shows the three search forms; POST runs one of them and lists what it found."""
    if request.method != "POST":
        return render(request, TEMPLATE, {"kind": "", "values": {}, "errors": []})
    kind = request.POST.get("kind", "")
    if kind not in KINDS:
        kind = "application_number"
    values = {field: request.POST.get(field, "").strip() for field in KINDS[kind].fields}
    language = page_language()
    cases, problems = _run(kind, values)
    detail = KINDS[kind].audit_detail + (" (rejected: malformed input)" if problems else "")
    audit_record(actor=request.user, action="search", target_type="case", detail=detail)
    errors = [
        FieldError(
            field=problem.field or "",
            label=field_label(problem.field, language),
            message=problem.text(language),
        )
        for problem in problems
    ]
    found = list(cases) if cases is not None else None
    if kind == "application_number" and found is not None and len(found) == 1:
        # An application number names one case: open it (its page audits the viewing).
        return redirect("backoffice:case", case_id=found[0].pk)
    results = [_result_row(case, language) for case in found] if found is not None else None
    return render(
        request,
        TEMPLATE,
        {
            "kind": kind,
            "values": values,
            "errors": errors,
            "error_fields": {error.field: error.message for error in errors},
            "results": results,
            "language": language,
        },
    )
