"""Staff pages. Path segments are translated, so each page has a real French address:
/en/staff/cases/7/ is /fr/personnel/dossiers/7/. Staff URLs carry the case's internal id,
never a name, a date of birth or a UCI."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from guichet.backoffice.views import (
    case_actions,
    case_documents,
    case_file,
    search,
    sign_in,
    two_step,
)

app_name = "backoffice"
urlpatterns = [
    path(_("staff/"), sign_in.staff_home, name="index"),
    path(_("staff/sign-in/"), sign_in.SignInView.as_view(), name="login"),
    path(_("staff/two-step/"), two_step.two_step, name="two-step"),
    path(_("staff/two-step/set-up/"), two_step.two_step_setup, name="two-step-setup"),
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
        _("staff/cases/<int:case_id>/files/<int:file_id>/"),
        case_documents.document_file,
        name="document-file",
    ),
    path(
        _("staff/cases/<int:case_id>/documents/<int:request_id>/paper/"),
        case_documents.documents_paper,
        name="documents-paper",
    ),
    path(
        _("staff/cases/<int:case_id>/documents/<int:request_id>/accept/"),
        case_documents.documents_accept,
        name="documents-accept",
    ),
    path(
        _("staff/cases/<int:case_id>/documents/<int:request_id>/refuse/"),
        case_documents.documents_refuse,
        name="documents-refuse",
    ),
    path(
        _("staff/cases/<int:case_id>/letters/<int:letter_id>/"),
        case_documents.letter_file,
        name="letter",
    ),
    path(
        _("staff/cases/<int:case_id>/decision/"),
        case_actions.decision_record,
        name="decision-record",
    ),
]
