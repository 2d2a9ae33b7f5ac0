"""The survey page: no account, no JavaScript. The link is the key (signed, single-use);
answers are saved with every button, and "Send" counts them once every required one is in."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext, override
from django.views.decorators.cache import never_cache

from guichet.core.errors import Conflict, InvalidInput, NotFound
from guichet.feedback.models import Invitation, Response
from guichet.feedback.services import invitation_from_token, response_save, survey_opt_out
from guichet.feedback.surveys import COMMENT_MAX, NOT_APPLICABLE


def _language() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def _questions(
    invitation: Invitation,
    saved: dict[str, Any],
    comment: str,
    errors: dict[str, InvalidInput],
    language: str,
) -> list[dict[str, Any]]:
    definition = invitation.survey.definition
    shown = []
    for question in definition["questions"]:
        code = question["code"]
        current = str(saved.get(code, "")) if question["kind"] != "text" else comment
        if question["kind"] == "scale":
            labels = definition["scales"][question["scale"]][language]
            options = [(str(n), label) for n, label in enumerate(labels, start=1)]
            if not question.get("required"):
                options.append((NOT_APPLICABLE, _not_applicable(language)))
        elif question["kind"] == "choice":
            options = [(o["value"], o[language]) for o in question["options"]]
        else:
            options = []
        error = errors.get(code)
        shown.append(
            {
                "code": code,
                "kind": question["kind"],
                "text": question[language],
                "required": bool(question.get("required")),
                "options": [(value, label, value == current) for value, label in options],
                "value": current,
                "error": error.text(language) if error else "",
            }
        )
    return shown


def _not_applicable(language: str) -> str:
    with override(language):
        return gettext("Does not apply")


def _ended(request: HttpRequest, state: str, status: int) -> HttpResponse:
    return render(request, "feedback/survey_ended.html", {"state": state}, status=status)


@never_cache
def survey(request: HttpRequest, token: str) -> HttpResponse:
    language = _language()
    try:
        invitation = invitation_from_token(token)
    except NotFound:
        return _ended(request, "invalid", 404)
    except Conflict as refusal:
        if request.method == "POST" and request.POST.get("action") == "opt_out":
            survey_opt_out(token=token)
            return _ended(request, "opted_out", 200)
        return _ended(request, refusal.params.get("state", "invalid"), 410)
    errors: dict[str, InvalidInput] = {}
    saved_notice = False
    if request.method == "POST":
        action = request.POST.get("action", "submit")
        if action == "opt_out":
            survey_opt_out(token=token)
            return _ended(request, "opted_out", 200)
        raw = {key: request.POST.get(key, "") for key in request.POST if key != "action"}
        try:
            response, errors = response_save(token=token, raw=raw, submit=action == "submit")
        except Conflict as refusal:
            return _ended(request, refusal.params.get("state", "used"), 410)
        if response.submitted:
            return _ended(request, "thanks", 200)
        saved_notice = not errors
    else:
        response = Response.objects.filter(invitation=invitation).first()  # type: ignore[assignment]
    answers = response.answers if response else {}
    comment = response.comment if response else ""
    if errors and "comment" in errors:
        comment = request.POST.get("comment", "")[:COMMENT_MAX]
    context = {
        "title": invitation.survey.title(language),
        "questions": _questions(invitation, answers, comment, errors, language),
        "errors": [
            q for q in _questions(invitation, answers, comment, errors, language) if q["error"]
        ],
        "saved": saved_notice,
        "comment_max": COMMENT_MAX,
    }
    return render(request, "feedback/survey.html", context, status=400 if errors else 200)
