"""The online permanent-resident card application, one step a page, state in the session.

Nothing personal travels in a URL: steps are numbered, the answers stay in the session, and the
confirmation page reads the application number from the session too.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from guichet.core.errors import GuichetError, InvalidInput
from guichet.intake import pr_card
from guichet.intake.models import OnlineForm
from guichet.intake.photos import photo_clean, photo_store
from guichet.intake.services import OnlineSubmission, online_application_submit
from guichet.intake.validation import ApplicantInput

SESSION_STATE = "intake.pr_card"
SESSION_DONE = "intake.pr_card.done"


def _state(request: HttpRequest) -> dict[str, Any]:
    state = request.session.get(SESSION_STATE)
    if not isinstance(state, dict):
        state = {"key": uuid.uuid4().hex, "steps": {}, "photo": ""}
        request.session[SESSION_STATE] = state
    return state


def _complete(state: dict[str, Any], number: int) -> bool:
    if number == pr_card.PHOTO_STEP:
        # The retention purge deletes a photo left unsubmitted for a day: ask for it again.
        return bool(state["photo"]) and default_storage.exists(state["photo"])
    return str(number) in state["steps"]


def _first_incomplete(state: dict[str, Any]) -> int:
    for step in pr_card.STEPS[:-1]:
        if not _complete(state, step.number):
            return step.number
    return pr_card.REVIEW_STEP


def _render(
    request: HttpRequest, state: dict[str, Any], step: pr_card.Step, form: Any, status: int = 200
) -> HttpResponse:
    answers = pr_card.flat_answers(state["steps"])
    context = {
        "step": step,
        "steps": pr_card.STEPS,
        "total": len(pr_card.STEPS),
        "form": form,
        "fields": list(form),
        "previous": step.number - 1 if step.number > 1 else None,
        "has_photo": bool(state["photo"]),
    }
    if step.number == pr_card.REVIEW_STEP:
        context["summary"] = _summary(state)
        context["documents"] = pr_card.documents_needed(answers)
    return render(request, "intake/pr_card/step.html", context, status=status)


def _summary(state: dict[str, Any]) -> list[dict[str, Any]]:
    """Each step's answers as the applicant typed or chose them, for the review page."""
    sections = []
    for step in pr_card.STEPS[:-2]:
        form = step.form()
        values = state["steps"].get(str(step.number), {})
        rows = []
        for name, field in form.fields.items():
            value = values.get(name, "")
            if hasattr(field, "choices") and value:
                value = pr_card.choice_label(list(field.choices), value)
            if value in ("", None):
                continue
            rows.append({"label": field.label, "value": value})
        sections.append({"step": step, "rows": rows})
    return sections


@never_cache
def pr_card_start(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/pr_card/start.html", {"total": len(pr_card.STEPS)})


@never_cache
def pr_card_step(request: HttpRequest, number: int) -> HttpResponse:
    if not 1 <= number <= len(pr_card.STEPS):
        raise Http404
    state = _state(request)
    allowed = _first_incomplete(state)
    if number > allowed:
        return redirect("intake:pr_card_step", number=allowed)
    step = pr_card.STEPS[number - 1]
    if request.method != "POST":
        blank: Any = step.form(initial=state["steps"].get(str(number), {}))
        return _render(request, state, step, blank)

    form: Any = step.form(request.POST, request.FILES)
    if number == pr_card.PHOTO_STEP:
        upload = request.FILES.get("photo")
        if upload is None and state["photo"]:
            return redirect("intake:pr_card_step", number=_first_incomplete(state))
        try:
            if upload is None:
                raise InvalidInput(_("Choose a photo to upload."), field="photo")
            stored = photo_store(photo_clean(upload))
        except GuichetError as error:
            form.add_domain_error(error)
            form.describe_errors()
            return _render(request, state, step, form, status=400)
        if state["photo"]:
            default_storage.delete(state["photo"])
        state["photo"] = stored
        request.session.modified = True
        return redirect("intake:pr_card_step", number=_first_incomplete(state))

    answers = form.answers()
    if answers is None:
        return _render(request, state, step, form, status=400)
    if number != pr_card.REVIEW_STEP:
        state["steps"][str(number)] = answers
        request.session.modified = True
        return redirect("intake:pr_card_step", number=_first_incomplete(state))
    return _submit(request, state)


def _submit(request: HttpRequest, state: dict[str, Any]) -> HttpResponse:
    answers = pr_card.flat_answers(state["steps"])
    documents = pr_card.documents_needed(answers)
    applicant = ApplicantInput(
        family_name=answers["family_name"],
        given_names=answers["given_names"],
        date_of_birth=dt.date.fromisoformat(answers["date_of_birth"]),
        sex=answers["sex"],
        preferred_language=answers["preferred_language"],
        phone=answers["phone"],
        email=answers["email"],
        uci=answers["uci"],
    )
    try:
        outcome = online_application_submit(
            submission=OnlineSubmission(
                form=OnlineForm.PR_CARD,
                service_code=pr_card.SERVICE_CODE,
                submission_key=state["key"],
                applicant=applicant,
                answers=answers,
                documents=[document.code for document in documents],
                photo=state["photo"],
            )
        )
    except GuichetError as error:
        step = pr_card.STEPS[-1]
        form = step.form(request.POST)
        form.add_domain_error(error)
        return _render(request, state, step, form, status=400)
    request.session[SESSION_DONE] = {
        "number": outcome.application_number,
        "documents": [document.code for document in documents],
        "email": bool(applicant.email),
        "phone": bool(applicant.phone),
    }
    del request.session[SESSION_STATE]
    return redirect("intake:pr_card_done")


@never_cache
def pr_card_done(request: HttpRequest) -> HttpResponse:
    done = request.session.get(SESSION_DONE)
    if not done:
        return redirect("intake:pr_card_start")
    wanted = set(done["documents"])
    documents = [document for document in pr_card.DOCUMENTS if document.code in wanted]
    return render(request, "intake/pr_card/done.html", {"done": done, "documents": documents})
