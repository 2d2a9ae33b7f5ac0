"""Pages: the public "Find a point of service", and the client's booking pages (choose a
time, confirm it, move it, cancel it) reached from their application's page. Thin: the
services decide, the errors they raise are shown next to the field they name."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from guichet.accounts.access import client_required, request_account
from guichet.accounts.forms import error_attach
from guichet.accounts.models import CaseLink
from guichet.accounts.selectors import case_link_get
from guichet.accounts.views import page_language
from guichet.appointments import conf
from guichet.appointments.forms import AbroadForm, PostalCodeForm, SlotForm, country_choices
from guichet.appointments.models import Appointment, AppointmentStatus, Invitation, Slot
from guichet.appointments.selectors import (
    countries_abroad,
    eligibility_for_postal_code,
    points_abroad,
    slots_bookable,
)
from guichet.appointments.services import (
    appointment_cancel,
    appointment_confirm,
    appointment_hold,
    appointment_reschedule,
)
from guichet.core.errors import GuichetError

ROUTE_CANADA = "canada"
ROUTE_ABROAD = "abroad"


@never_cache
@require_http_methods(["GET", "POST"])
def point_find(request: HttpRequest) -> HttpResponse:
    """By postal code in Canada (sent in the body, never the address) or by country and city
    abroad; nearest first, with what each place offers and its hours."""
    language = page_language()
    route = request.POST.get("route") if request.method == "POST" else None
    canada = PostalCodeForm(request.POST if route == ROUTE_CANADA else None, prefix="c")
    abroad = AbroadForm(request.POST if route == ROUTE_ABROAD else None, prefix="a")
    context: dict[str, object] = {
        "canada": canada,
        "abroad": abroad,
        "countries": country_choices(countries_abroad()),
        "route": route,
        "distance_km": int(conf.video_distance_km()),
    }
    status = 200
    if route == ROUTE_CANADA and canada.is_valid():
        try:
            context["eligibility"] = eligibility_for_postal_code(
                postal_code=canada.cleaned_data["postal_code"], language=language
            )
        except GuichetError as error:
            error_attach(canada, error)
            status = 400
    elif route == ROUTE_ABROAD and abroad.is_valid():
        try:
            context["abroad_points"] = points_abroad(
                country=abroad.cleaned_data["country"],
                city=abroad.cleaned_data["city"],
                language=language,
            )
        except GuichetError as error:
            error_attach(abroad, error)
            status = 400
    return render(request, "appointments/find.html", context, status=status)


def _link(request: HttpRequest, link_id: int) -> CaseLink:
    link = case_link_get(account=request_account(request), link_id=link_id)
    if link is None:
        raise Http404
    return link


def _invitation(link: CaseLink, invitation_id: int) -> Invitation:
    invitation = Invitation.objects.filter(pk=invitation_id, case_id=link.case_id).first()
    if invitation is None:
        raise Http404
    return invitation


def _appointment(link: CaseLink, appointment_id: int) -> Appointment:
    appointment = (
        Appointment.objects.select_related("slot__point")
        .filter(pk=appointment_id, case_id=link.case_id)
        .first()
    )
    if appointment is None:
        raise Http404
    return appointment


def _slot_page(
    request: HttpRequest,
    *,
    link: CaseLink,
    invitation: Invitation,
    form: SlotForm,
    appointment: Appointment | None = None,
    status: int = 200,
) -> HttpResponse:
    slots: list[Slot] = slots_bookable(invitation=invitation)
    return render(
        request,
        "appointments/book.html",
        {
            "account": request_account(request),
            "link": link,
            "invitation": invitation,
            "appointment": appointment,
            "slots": slots,
            "form": form,
            "hold_minutes": conf.hold_minutes(),
            "notice_hours": conf.notice_hours(),
        },
        status=status,
    )


@never_cache
@client_required
@require_http_methods(["GET", "POST"])
def appointment_book(request: HttpRequest, link_id: int, invitation_id: int) -> HttpResponse:
    link = _link(request, link_id)
    invitation = _invitation(link, invitation_id)
    form = SlotForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        slot_id = form.slot_id()
        if slot_id is None:
            form.add_error("slot", _("Choose a time for your appointment."))
        else:
            try:
                held = appointment_hold(
                    case_id=link.case_id,
                    invitation_id=invitation.pk,
                    slot_id=slot_id,
                    language=page_language(),
                )
            except GuichetError as error:
                error_attach(form, error, aliases={"invitation": "slot"})
            else:
                return redirect("appointments:confirm", link_id=link.pk, appointment_id=held.pk)
        return _slot_page(request, link=link, invitation=invitation, form=form, status=400)
    return _slot_page(request, link=link, invitation=invitation, form=form)


@never_cache
@client_required
@require_http_methods(["GET", "POST"])
def appointment_confirm_page(
    request: HttpRequest, link_id: int, appointment_id: int
) -> HttpResponse:
    link = _link(request, link_id)
    appointment = _appointment(link, appointment_id)
    error: str | None = None
    if request.method == "POST":
        try:
            appointment_confirm(case_id=link.case_id, appointment_id=appointment.pk)
        except GuichetError as refused:
            error = refused.text(page_language())
        else:
            messages.success(request, _("Your appointment is booked."))
            return redirect("accounts:case", link_id=link.pk)
    return render(
        request,
        "appointments/confirm.html",
        {
            "account": request_account(request),
            "link": link,
            "appointment": appointment,
            "held": appointment.status == AppointmentStatus.HELD,
            "error": error,
        },
        status=409 if error else 200,
    )


@never_cache
@client_required
@require_http_methods(["GET", "POST"])
def appointment_change(request: HttpRequest, link_id: int, appointment_id: int) -> HttpResponse:
    link = _link(request, link_id)
    appointment = _appointment(link, appointment_id)
    invitation = Invitation.objects.get(pk=appointment.invitation_id)
    form = SlotForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        slot_id = form.slot_id()
        if slot_id is None:
            form.add_error("slot", _("Choose a time for your appointment."))
        else:
            try:
                appointment_reschedule(
                    case_id=link.case_id, appointment_id=appointment.pk, slot_id=slot_id
                )
            except GuichetError as error:
                error_attach(form, error, aliases={"appointment": "slot"})
            else:
                messages.success(request, _("Your appointment has been moved."))
                return redirect("accounts:case", link_id=link.pk)
        return _slot_page(
            request,
            link=link,
            invitation=invitation,
            form=form,
            appointment=appointment,
            status=400,
        )
    return _slot_page(request, link=link, invitation=invitation, form=form, appointment=appointment)


@require_POST
@client_required
def appointment_cancel_page(
    request: HttpRequest, link_id: int, appointment_id: int
) -> HttpResponse:
    link = _link(request, link_id)
    appointment = _appointment(link, appointment_id)
    try:
        appointment_cancel(case_id=link.case_id, appointment_id=appointment.pk)
    except GuichetError as error:
        messages.error(request, error.text(page_language()))
    else:
        messages.success(request, _("Your appointment is cancelled. You can book another time."))
    return redirect("accounts:case", link_id=link.pk)
