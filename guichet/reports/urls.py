"""Council report pages: /en/staff/council-report/ is /fr/personnel/rapport-au-conseil/.
Addresses carry an edition's id only."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from guichet.reports import views

app_name = "reports"
urlpatterns = [
    path(_("staff/council-report/"), views.edition_index, name="index"),
    path(_("staff/council-report/<int:edition_id>/"), views.edition_detail, name="edition"),
    path(_("staff/council-report/<int:edition_id>/edit/"), views.edition_edit, name="edit"),
    path(
        _("staff/council-report/<int:edition_id>/compare/"), views.edition_compare, name="compare"
    ),
    path(
        _("staff/council-report/<int:edition_id>/<slug:fmt>/<slug:lang>/"),
        views.edition_download,
        name="download",
    ),
]
