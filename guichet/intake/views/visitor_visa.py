"""The simplified online visitor-visa application: a few questions (only those that matter for
this applicant), the short list of documents, who the applicant is, and the case number.

The questions page shows every question that applies given the answers so far; when an answer
brings in another question, the page comes back with it (no JavaScript needed).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from guichet.core.errors import GuichetError
from guichet.intake import visitor_visa as vv
from guichet.intake.conditions import condition_holds
from guichet.intake.forms import ApplicantFields
from guichet.intake.models import OnlineForm
from guichet.intake.services import OnlineSubmission, online_application_submit
from guichet.intake.validation import applicant_check

SESSION_STATE = "intake.visitor_visa"
SESSION_DONE = "intake.visitor_visa.done"


def _state(request: HttpRequest) -> dict[str, Any]:
    state = request.session.get(SESSION_STATE)
    if not isinstance(state, dict):
        state = {"key": uuid.uuid4().hex, "answers": {}}
        request.session[SESSION_STATE] = state
    return state


def _language() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def _pending(answers: dict[str, Any]) -> list[vv.Question]:
    return [q for q in vv.questions_asked(answers) if q.code not in answers]


@never_cache
def visitor_visa_questions(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    errors: dict[str, str] = {}
    more = False
    if request.method == "POST":
        shown = set(request.POST.getlist("shown"))
        known: dict[str, Any] = {}
        for question in vv.visitor_visa_form().questions:
            if not condition_holds(question.when, known):
                continue
            value = request.POST.get(question.code, "")
            if value in {option for option, _en, _fr in question.options}:
                known[question.code] = value
            elif question.code in shown:
                errors[question.code] = _("Choose one of the options.")
        state["answers"] = known
        request.session.modified = True
        if not errors:
            if not _pending(known):
                return redirect("intake:visitor_visa_apply")
            # An answer brought in a question the page did not show yet.
            more = True
    language = _language()
    questions = [
        {
            "code": q.code,
            "label": q.label(language),
            "choices": q.choices(language),
            "value": state["answers"].get(q.code, ""),
            "error": errors.get(q.code, ""),
        }
        for q in vv.questions_asked(state["answers"])
    ]
    context = {"questions": questions, "errors": errors, "more": more}
    return render(
        request, "intake/visitor_visa/questions.html", context, status=400 if errors else 200
    )


@never_cache
def visitor_visa_apply(request: HttpRequest) -> HttpResponse:
    state = _state(request)
    if not state["answers"] or _pending(state["answers"]):
        return redirect("intake:visitor_visa")
    language = _language()
    documents = vv.documents_needed(state["answers"])
    if request.method == "POST":
        form = ApplicantFields(request.POST)
        applicant, errors = applicant_check(request.POST, prefix="")
        for error in errors:
            form.add_domain_error(error)
        if applicant is not None:
            try:
                outcome = online_application_submit(
                    submission=OnlineSubmission(
                        form=OnlineForm.VISITOR_VISA,
                        service_code=vv.SERVICE_CODE,
                        submission_key=state["key"],
                        applicant=applicant,
                        answers=state["answers"],
                        documents=[d.code for d in documents],
                    )
                )
            except GuichetError as error:
                form.add_domain_error(error, prefix="applicant.")
            else:
                request.session[SESSION_DONE] = {
                    "number": outcome.application_number,
                    "documents": [d.code for d in documents],
                }
                del request.session[SESSION_STATE]
                return redirect("intake:visitor_visa_done")
        form.describe_errors()
        first = form.first_error_field()
        if first:
            form.focus(first)
        status = 400
    else:
        form = ApplicantFields()
        status = 200
    context = {
        "form": form,
        "fields": list(form),
        "documents": [d.text(language) for d in documents],
    }
    return render(request, "intake/visitor_visa/apply.html", context, status=status)


@never_cache
def visitor_visa_done(request: HttpRequest) -> HttpResponse:
    done = request.session.get(SESSION_DONE)
    if not done:
        return redirect("intake:visitor_visa")
    language = _language()
    wanted = set(done["documents"])
    documents = [d.text(language) for d in vv.visitor_visa_form().documents if d.code in wanted]
    return render(
        request, "intake/visitor_visa/done.html", {"number": done["number"], "documents": documents}
    )
