"""Representative pages, at real addresses in each language: /en/representative/cases/3/ is
/fr/representant/dossiers/3/. Addresses carry a case's internal id, never personal data;
each is checked against a consent in force on every request."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from guichet.representatives import views, views_client, views_staff

app_name = "representatives"
urlpatterns = [
    path(_("representative/"), views.workspace, name="workspace"),
    path(_("representative/sign-up/"), views.sign_up, name="sign-up"),
    path(_("representative/sign-in/"), views.sign_in, name="sign-in"),
    path(_("representative/sign-out/"), views.sign_out, name="sign-out"),
    path(_("representative/two-step/"), views.two_step, name="two-step"),
    path(_("representative/two-step/set-up/"), views.two_step_setup, name="two-step-setup"),
    path(_("representative/cases/<int:case_id>/"), views.case_detail, name="case"),
    path(
        _("representative/cases/<int:case_id>/documents/<int:request_id>/"),
        views.document_send,
        name="document-send",
    ),
    path(
        _("representative/cases/<int:case_id>/contact-details/"),
        views.contact_details,
        name="contact-details",
    ),
    # The client's side: who represents them, and what those representatives did.
    path(
        _("account/applications/<int:link_id>/representatives/"),
        views_client.consents,
        name="client-consents",
    ),
    path(
        _("account/applications/<int:link_id>/representatives/<int:consent_id>/revoke/"),
        views_client.consent_revoke_view,
        name="client-consent-revoke",
    ),
    # Staff: verifying memberships, recording the paper form.
    path(_("staff/representatives/"), views_staff.pending, name="staff-pending"),
    path(
        _("staff/representatives/<int:representative_id>/decide/"),
        views_staff.decide,
        name="staff-decide",
    ),
    path(
        _("staff/cases/<int:case_id>/representatives/"),
        views_staff.paper_consent,
        name="staff-paper-consent",
    ),
]
