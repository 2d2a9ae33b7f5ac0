"""Appointments pages, at real addresses in each language (/en/points-of-service/ is
/fr/points-de-service/). Client addresses carry the link's id and record ids, never personal
data; a postal code travels in a POST body."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from guichet.appointments import staff_views, views

app_name = "appointments"
urlpatterns = [
    path(_("points-of-service/"), views.point_find, name="find"),
    path(_("staff/appointments/"), staff_views.officer_appointments, name="staff-list"),
    path(
        _("staff/appointments/<int:appointment_id>/"),
        staff_views.officer_appointment,
        name="staff-appointment",
    ),
    path(
        _("account/applications/<int:link_id>/appointments/<int:invitation_id>/book/"),
        views.appointment_book,
        name="book",
    ),
    path(
        _("account/applications/<int:link_id>/appointments/held/<int:appointment_id>/"),
        views.appointment_confirm_page,
        name="confirm",
    ),
    path(
        _("account/applications/<int:link_id>/appointments/<int:appointment_id>/change/"),
        views.appointment_change,
        name="change",
    ),
    path(
        _("account/applications/<int:link_id>/appointments/<int:appointment_id>/cancel/"),
        views.appointment_cancel_page,
        name="cancel",
    ),
]
