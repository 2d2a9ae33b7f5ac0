"""The agent desktop: calls handed over by the phone line, finding and verifying a caller, the
case with the detail agents may see, recording the contact and sending a follow-up.

Every read of a client's file is audited; every change is audited in its service's transaction.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from guichet.backoffice.access import staff_permission_required
from guichet.backoffice.views.case_file import phone_display
from guichet.contact.forms import (
    KIND_UCI,
    AnswerForm,
    CallerFindForm,
    ContactForm,
    FollowUpForm,
    error_put,
)
from guichet.contact.models import Enquiry, IvrSession
from guichet.contact.selectors.desktop import (
    agent_case_get,
    caller_find,
    calls_waiting,
    enquiries_open,
)
from guichet.contact.selectors.interactions import interaction_log
from guichet.contact.selectors.knowledge_base import kb_articles
from guichet.contact.services.calls import call_take
from guichet.contact.services.enquiries import enquiry_answer
from guichet.contact.services.interactions import contact_record, follow_up_send
from guichet.contact.verification import caller_verified_how, caller_verified_set
from guichet.contact.views.language import page_language
from guichet.core import clock
from guichet.core.audit import audit_record
from guichet.core.errors import GuichetError
from guichet.core.identifiers import uci_format

USE_DESKTOP = "contact.use_agent_desktop"
ANSWER_ENQUIRY = "contact.answer_enquiry"


def _articles(language: str) -> list[tuple[int | str, str]]:
    return [(a.pk, a.title(language) + (" ⚠" if a.outdated else "")) for a in kb_articles()]


@staff_permission_required(USE_DESKTOP)
@require_http_methods(["GET", "POST"])
def desktop(request: HttpRequest) -> HttpResponse:
    """Calls waiting, the enquiry queue, and the caller search (POST)."""
    language = page_language()
    form = CallerFindForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kind = data["kind"]
        try:
            found = caller_find(
                kind=kind, identifier=data["identifier"], date_of_birth=data["date_of_birth"]
            )
        except GuichetError as error:
            error_put(form, error, language)
        detail = "caller verification by " + ("UCI" if kind == KIND_UCI else "application number")
        audit_record(
            actor=request.user,
            action="search",
            target_type="case",
            detail=detail + (f": {len(found)} found" if found is not None else ": malformed"),
        )
        if found:
            # Verified on the server, for this interaction: never a flag in the address.
            caller_verified_set(request, case_ids=[case.pk for case in found], how="agent")
            if len(found) == 1:
                return redirect("contact:agent-case", case_id=found[0].pk)
    now = clock.now()
    return render(
        request,
        "contact/agent/desktop.html",
        {
            "form": form,
            "found": found,
            "calls": calls_waiting(),
            "enquiries": enquiries_open(limit=20),
            "now": now,
            "language": language,
        },
        status=400 if request.method == "POST" and not found else 200,
    )


@staff_permission_required(USE_DESKTOP)
@require_POST
def call_take_view(request: HttpRequest, session_id: int) -> HttpResponse:
    try:
        session = call_take(agent=request.user, session_id=session_id)  # type: ignore[arg-type]
    except GuichetError as error:
        messages.error(request, error.text(page_language()))
        return redirect("contact:desktop")
    if session.case_id is None or not session.verified:
        messages.info(
            request,
            _("The phone line could not identify this caller: verify them with the form below."),
        )
        return redirect("contact:desktop")
    caller_verified_set(request, case_ids=[session.case_id], how="phone_line")
    return redirect(
        reverse("contact:agent-case", kwargs={"case_id": session.case_id}) + f"?call={session.pk}"
    )


def _not_verified(request: HttpRequest, case_id: int) -> HttpResponse | None:
    """Refuse a case whose caller the agent has not verified in this interaction."""
    if caller_verified_how(request, case_id=case_id) is not None:
        return None
    messages.error(
        request,
        _("Verify the caller with their identifier and date of birth before opening a case."),
    )
    return redirect("contact:desktop")


def _call_of(request: HttpRequest, case_id: int) -> IvrSession | None:
    call_id = request.GET.get("call") or request.POST.get("call") or ""
    if not call_id.isdigit():
        return None
    return IvrSession.objects.filter(
        pk=int(call_id), case_id=case_id, taken_by_id=request.user.pk
    ).first()


def _case_page(
    request: HttpRequest,
    case_id: int,
    *,
    contact_form: ContactForm | None = None,
    follow_up_form: FollowUpForm | None = None,
    status: int = 200,
) -> HttpResponse:
    language = page_language()
    view = agent_case_get(case_id=case_id, language=language)
    if view is None:
        raise Http404
    call = _call_of(request, case_id)
    audit_record(
        actor=request.user,
        action="view",
        target_type="case",
        target_id=case_id,
        detail="agent desktop" + (" (pilot detail)" if view.pilot else ""),
    )
    client = view.case.client
    return render(
        request,
        "contact/agent/case.html",
        {
            "view": view,
            "case": view.case,
            "client": client,
            "uci": uci_format(client.uci),
            "phone": phone_display(client.phone),
            "status": view.status,
            "call": call,
            "verified_here": caller_verified_how(request, case_id=case_id) == "agent",
            "contact_form": contact_form or ContactForm(articles=_articles(language)),
            "follow_up_form": follow_up_form or FollowUpForm(),
            "language": language,
        },
        status=status,
    )


@staff_permission_required(USE_DESKTOP)
def agent_case(request: HttpRequest, case_id: int) -> HttpResponse:
    return _not_verified(request, case_id) or _case_page(request, case_id)


@staff_permission_required(USE_DESKTOP)
@require_POST
def contact_create(request: HttpRequest, case_id: int) -> HttpResponse:
    if refused := _not_verified(request, case_id):
        return refused
    language = page_language()
    form = ContactForm(request.POST, articles=_articles(language))
    call = _call_of(request, case_id)
    if form.is_valid():
        data = form.cleaned_data
        try:
            contact_record(
                agent=request.user,  # type: ignore[arg-type]
                case_id=case_id,
                channel=data["channel"],
                reason=data["reason"],
                outcome=data["outcome"],
                kb_article_id=data["kb_article"],
                summary=data["summary"],
                ivr_session_id=call.pk if call else None,
            )
        except GuichetError as error:
            error_put(form, error, language)
        else:
            messages.success(request, _("The contact has been recorded."))
            return redirect("contact:agent-case", case_id=case_id)
    return _case_page(request, case_id, contact_form=form, status=400)


@staff_permission_required(USE_DESKTOP)
@require_POST
def follow_up_create(request: HttpRequest, case_id: int) -> HttpResponse:
    if refused := _not_verified(request, case_id):
        return refused
    language = page_language()
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            follow_up_send(
                agent=request.user,  # type: ignore[arg-type]
                case_id=case_id,
                channel=form.cleaned_data["follow_up_channel"],
                message=form.cleaned_data["message"],
            )
        except GuichetError as error:
            error_put(form, error, language)
        else:
            messages.success(request, _("The message is on its way to the client."))
            return redirect("contact:agent-case", case_id=case_id)
    return _case_page(request, case_id, follow_up_form=form, status=400)


@staff_permission_required(ANSWER_ENQUIRY)
def enquiry_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "contact/agent/enquiry_queue.html",
        {"enquiries": enquiries_open(), "now": clock.now(), "language": page_language()},
    )


@staff_permission_required(ANSWER_ENQUIRY)
@require_http_methods(["GET", "POST"])
def enquiry_answer_view(request: HttpRequest, enquiry_id: int) -> HttpResponse:
    language = page_language()
    enquiry = (
        Enquiry.objects.select_related("case", "case__service", "client", "answered_by")
        .filter(pk=enquiry_id)
        .first()
    )
    if enquiry is None:
        raise Http404
    if enquiry.case_id is not None:
        # The client signed in to ask: the agent may open the case the question is about.
        caller_verified_set(request, case_ids=[enquiry.case_id], how="enquiry")
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enquiry_answer(
                agent=request.user,  # type: ignore[arg-type]
                enquiry_id=enquiry.pk,
                answer=form.cleaned_data["answer"],
                channel=form.cleaned_data["answer_channel"],
            )
        except GuichetError as error:
            error_put(form, error, language)
        else:
            messages.success(request, _("The answer has been sent."))
            return redirect("contact:enquiry-queue")
    audit_record(
        actor=request.user,
        action="view",
        target_type="enquiry",
        target_id=enquiry.pk,
        detail=f"web enquiry about case {enquiry.case_id}",
    )
    return render(
        request,
        "contact/agent/enquiry_answer.html",
        {
            "enquiry": enquiry,
            "form": form,
            "interactions": interaction_log(case_id=enquiry.case_id, language=language),
            "articles": kb_articles(),
            "now": clock.now(),
            "language": language,
        },
        status=400 if request.method == "POST" else 200,
    )
