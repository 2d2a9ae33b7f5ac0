"""Staff pages. Path segments are translated, so each page has a real French address:
/en/staff/cases/7/ is /fr/personnel/dossiers/7/. Staff URLs carry the case's internal id,
never a name, a date of birth or a UCI."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from guichet.backoffice.views import case_actions, case_file, search, sign_in

app_name = "backoffice"
urlpatterns = [
    path(_("staff/"), RedirectView.as_view(pattern_name="backoffice:search"), name="index"),
    path(_("staff/sign-in/"), sign_in.SignInView.as_view(), name="login"),
    path(_("staff/sign-out/"), sign_in.SignOutView.as_view(), name="logout"),
    path(_("staff/cases/"), search.search, name="search"),
    path(_("staff/cases/<int:case_id>/"), case_file.case_file, name="case"),
    path(_("staff/cases/<int:case_id>/steps/"), case_actions.step_update, name="step-update"),
    path(
        _("staff/cases/<int:case_id>/documents/"),
        case_actions.documents_request,
        name="documents-request",
    ),
    path(
        _("staff/cases/<int:case_id>/decision/"),
        case_actions.decision_record,
        name="decision-record",
    ),
]
