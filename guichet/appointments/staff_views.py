"""The officer's appointments: their list, and one appointment's page where they join the
video call (as moderator) and record attendance and the outcome. Every read of an appointment
page and every change is audited (the page names the case)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guichet.accounts.views import page_language
from guichet.appointments.models import Appointment, AppointmentStatus, Mode
from guichet.appointments.services import OUTCOMES, appointment_attendance_record
from guichet.appointments.video import video_provider
from guichet.backoffice.access import staff_permission_required, staff_user
from guichet.core import clock
from guichet.core.audit import audit_record
from guichet.core.errors import GuichetError

PERMISSION = "appointments.record_attendance"
LIST_LIMIT = 100


@staff_permission_required(PERMISSION)
def officer_appointments(request: HttpRequest) -> HttpResponse:
    officer = staff_user(request)
    since = clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
    rows = list(
        Appointment.objects.filter(officer=officer, starts_at__gte=since)
        .exclude(status__in=[AppointmentStatus.EXPIRED])
        .select_related("slot__point", "case")
        .order_by("starts_at", "id")[:LIST_LIMIT]
    )
    audit_record(actor=officer, action="view", target_type="appointment_list", detail="own")
    return render(request, "appointments/staff_list.html", {"appointments": rows})


@staff_permission_required(PERMISSION)
@require_http_methods(["GET", "POST"])
def officer_appointment(request: HttpRequest, appointment_id: int) -> HttpResponse:
    officer = staff_user(request)
    appointment = (
        Appointment.objects.select_related("slot__point", "case").filter(pk=appointment_id).first()
    )
    if appointment is None:
        raise Http404
    error: str | None = None
    if request.method == "POST":
        try:
            with transaction.atomic():
                appointment_attendance_record(
                    appointment_id=appointment.pk,
                    status=request.POST.get("status", ""),
                    outcome=request.POST.get("outcome", ""),
                    actor=officer,
                )
                audit_record(
                    actor=officer,
                    action="change",
                    target_type="appointment",
                    target_id=appointment.pk,
                    detail="attendance",
                )
        except GuichetError as refused:
            error = refused.text(page_language())
        else:
            messages.success(request, _("Attendance recorded."))
            return redirect("appointments:staff-appointment", appointment_id=appointment.pk)
    audit_record(actor=officer, action="view", target_type="appointment", target_id=appointment.pk)
    join = None
    if appointment.mode == Mode.VIDEO_HOME and appointment.video_room:
        join = video_provider().join(appointment, moderator=True)
    return render(
        request,
        "appointments/staff_appointment.html",
        {
            "appointment": appointment,
            "join": join,
            "outcomes": [(s.value, s.label) for s in OUTCOMES],
            "can_record": appointment.status == AppointmentStatus.BOOKED,
            "error": error,
            "posted": request.POST if request.method == "POST" else {},
        },
        status=400 if error else 200,
    )
