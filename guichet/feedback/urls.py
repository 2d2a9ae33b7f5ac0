"""Feedback pages. Path segments are translated: /en/survey/<link>/ is /fr/sondage/<link>/,
/en/staff/satisfaction/ is /fr/personnel/satisfaction/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from guichet.feedback.views import analysis, changes, page_feedback, survey

app_name = "feedback"
urlpatterns = [
    path(_("survey/<str:token>/"), survey.survey, name="survey"),
    path(_("page-feedback/"), page_feedback.page_feedback, name="page-feedback"),
    path(_("staff/satisfaction/"), analysis.dashboard, name="dashboard"),
    path(_("staff/satisfaction/export.csv"), analysis.export_csv, name="csv"),
    path(_("staff/satisfaction/changes/new/"), changes.change_open, name="change-open"),
    path(_("what-we-heard/"), changes.what_we_heard, name="what-we-heard"),
]
