"""Representative pages: sign-up, sign-in with the required second step, the workspace and a
case. Thin: forms in, services and selectors do the work. Every case page finds its consent
in force first; without one the case does not exist (404)."""

import base64

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from guichet.accounts.forms import ContactDetailsForm, error_attach
from guichet.accounts.selectors import contact_details_get
from guichet.accounts.services import email_normalise, totp_device_get, totp_device_start
from guichet.accounts.views import page_language
from guichet.cases.models import Case
from guichet.catalogue.selectors import catalogue_get
from guichet.clients.contact_details import contact_details_check
from guichet.core.errors import GuichetError
from guichet.documents.selectors import document_requests_for_case
from guichet.representatives.access import (
    representative_required,
    representative_signed_in,
    request_representative,
)
from guichet.representatives.forms import (
    CodeForm,
    SignInForm,
    SignUpForm,
    UploadForm,
    WorkspaceFilterForm,
)
from guichet.representatives.models import AccessAction, Consent
from guichet.representatives.selectors import WorkspaceFilters, consent_for_case, workspace_page
from guichet.representatives.services import (
    access_record,
    accesses_record_listed,
    representative_contact_details_change,
    representative_document_upload,
    representative_sign_up,
    representative_totp_confirm,
    username_for,
)
from guichet.status.selectors import case_status_get


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None, initial={"language": page_language()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            representative_sign_up(
                email=data["email"],
                password=data["password"],
                family_name=data["family_name"],
                given_names=data["given_names"],
                regulator_code=data["regulator"],
                membership_number=data["membership_number"],
                language=data["language"] or page_language(),
                firm_name=data["firm_name"],
            )
        except GuichetError as error:
            error_attach(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your account is open. Staff will check your membership with your "
                    "regulator; sign in to set up two-step verification meanwhile."
                ),
            )
            return redirect("representatives:sign-in")
    return render(request, "representatives/sign_up.html", {"form": form})


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    """The password; then always the authenticator (set up first if there is none)."""
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = None
        try:
            email = email_normalise(form.cleaned_data["email"])
        except GuichetError:
            email = ""
        if email:
            user = authenticate(
                request, username=username_for(email), password=form.cleaned_data["password"]
            )
        if user is None or not hasattr(user, "representative"):
            form.add_error(None, _("This e-mail address and password do not match an account."))
        else:
            login(request, user)
            if totp_device_get(user=user) is None:
                return redirect("representatives:two-step-setup")
            return redirect("representatives:two-step")
    return render(request, "representatives/sign_in.html", {"form": form})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You are signed out."))
    return redirect("representatives:sign-in")


@representative_signed_in
@require_http_methods(["GET", "POST"])
def two_step(request: HttpRequest) -> HttpResponse:
    """The code from the authenticator app, at every sign-in."""
    rep = request_representative(request)
    device = totp_device_get(user=rep.user)
    if device is None:
        return redirect("representatives:two-step-setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        token = "".join(ch for ch in form.cleaned_data["token"] if ch.isdigit())
        if allowed and device.verify_token(token):
            otp_login(request, device)
            return redirect("representatives:workspace")
        form.add_error(
            "token",
            _("This code is not right. Enter the 6 digits the app shows now.")
            if allowed
            else _("Too many wrong codes. Wait a few seconds, then enter the new code."),
        )
    return render(request, "representatives/two_step.html", {"form": form, "representative": rep})


@representative_signed_in
@require_http_methods(["GET", "POST"])
def two_step_setup(request: HttpRequest) -> HttpResponse:
    """Two-step verification is required: scan, then confirm a first code."""
    rep = request_representative(request)
    if totp_device_get(user=rep.user) is not None:
        return redirect("representatives:two-step")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = representative_totp_confirm(
                representative=rep, token=form.cleaned_data["token"]
            )
        except GuichetError as error:
            error_attach(form, error)
        else:
            otp_login(request, device)
            messages.success(request, _("Two-step verification is on."))
            return redirect("representatives:workspace")
    setup = totp_device_start(user=rep.user)
    key = base64.b32encode(setup.bin_key).decode().rstrip("=")
    context = {
        "form": form,
        "representative": rep,
        "qr_svg": segno.make(setup.config_url, error="m").svg_inline(
            scale=5, border=2, omitsize=False
        ),
        "secret": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
    }
    return render(request, "representatives/two_step_setup.html", context)


def _services(language: str) -> list[tuple[str, str]]:
    services = catalogue_get().services.values()
    return sorted(((s.code, s.name(language)) for s in services), key=lambda pair: pair[1])


@representative_required
def workspace(request: HttpRequest) -> HttpResponse:
    """Every case the representative's consents in force cover, with its status."""
    rep = request_representative(request)
    language = page_language()
    form = WorkspaceFilterForm(request.GET or None, services=_services(language))
    data = form.cleaned_data if form.is_valid() else {}
    filters = WorkspaceFilters(
        service=data.get("service") or "",
        state=data.get("state") or "",
        action_required=bool(data.get("action_required")),
        at_risk=bool(data.get("at_risk")),
    )
    result = workspace_page(
        representative=rep,
        filters=filters,
        page_number=request.GET.get("page"),
        language=language,
    )
    accesses_record_listed(
        rows=[(result.consents[r.case.pk], r.case.pk, r.case.client_id) for r in result.rows]
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "representatives/workspace.html",
        {
            "representative": rep,
            "form": form,
            "result": result,
            "query": query.urlencode(),
        },
    )


def _consented_case(request: HttpRequest, case_id: int) -> tuple[Consent, Case]:
    consent = consent_for_case(representative=request_representative(request), case_id=case_id)
    if consent is None:
        raise Http404
    case = Case.objects.only("id", "client_id").get(pk=case_id)
    return consent, case


def _case_page(
    request: HttpRequest, case: Case, *, upload_form: UploadForm | None = None,
    failed_request: int | None = None, status: int = 200,
) -> HttpResponse:  # fmt: skip
    language = page_language()
    return render(
        request,
        "representatives/case.html",
        {
            "representative": request_representative(request),
            "status": case_status_get(case_id=case.pk, language=language),
            "requests": document_requests_for_case(case_id=case.pk, language=language),
            "upload_form": upload_form or UploadForm(),
            "failed_request": failed_request,
            "case_id": case.pk,
        },
        status=status,
    )


@representative_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    consent, case = _consented_case(request, case_id)
    access_record(
        consent=consent, case_id=case.pk, client_id=case.client_id, action=AccessAction.VIEWED
    )
    return _case_page(request, case)


@require_POST
@representative_required
def document_send(request: HttpRequest, case_id: int, request_id: int) -> HttpResponse:
    consent, case = _consented_case(request, case_id)
    form = UploadForm(request.POST, request.FILES)
    form.is_valid()
    try:
        representative_document_upload(
            consent=consent,
            case_id=case.pk,
            client_id=case.client_id,
            request_id=request_id,
            upload=form.cleaned_data.get("file") or request.FILES.get("file"),
        )
    except GuichetError as error:
        if error.code == "not_found":
            raise Http404 from None
        error_attach(form, error)
        return _case_page(request, case, upload_form=form, failed_request=request_id, status=400)
    messages.success(request, _("The document is sent. An officer will check it."))
    return redirect("representatives:case", case_id=case.pk)


@representative_required
@require_http_methods(["GET", "POST"])
def contact_details(request: HttpRequest, case_id: int) -> HttpResponse:
    """The client's correspondence details, changed by their representative."""
    consent, case = _consented_case(request, case_id)
    current = contact_details_get(case_id=case.pk)
    form = ContactDetailsForm(request.POST or None, initial=current.__dict__)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            details = contact_details_check(
                address_line=data["address_line"],
                city=data["city"],
                province=data["province"],
                postal_code=data["postal_code"],
                phone=data["phone"],
                email=data["email"],
            )
            representative_contact_details_change(
                consent=consent, case_id=case.pk, client_id=case.client_id, details=details
            )
        except GuichetError as error:
            error_attach(form, error)
        else:
            messages.success(
                request,
                _(
                    "The new details are saved and noted in the history of the client's "
                    "applications in progress. A confirmation went to the old and the new "
                    "contact details."
                ),
            )
            return redirect("representatives:case", case_id=case.pk)
    return render(
        request,
        "representatives/contact_details.html",
        {
            "representative": request_representative(request),
            "status": case_status_get(case_id=case.pk, language=page_language()),
            "current": current,
            "form": form,
            "case_id": case.pk,
        },
        status=400 if form.errors else 200,
    )
