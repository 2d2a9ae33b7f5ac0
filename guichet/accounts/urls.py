"""Client pages, at real addresses in each language: /en/account/applications/3/ is
/fr/compte/demandes/3/. Addresses carry the link's id and signed tokens, never personal data."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from guichet.accounts.views import (
    cases,
    contact_details,
    documents,
    letters,
    password,
    profile,
    sign_in,
    sign_up,
    status,
)

app_name = "accounts"
urlpatterns = [
    # The public status check (no account): the details go in a POST body, never the address.
    path(_("application-status/"), status.status_check, name="status-check"),
    path(_("account/"), cases.case_list, name="cases"),
    path(_("account/sign-up/"), sign_up.sign_up, name="sign-up"),
    path(_("account/sign-up/check-your-email/"), sign_up.sign_up_sent, name="sign-up-sent"),
    path(_("account/confirm-email/<uidb64>/<token>/"), sign_up.verify_email, name="verify-email"),
    path(_("account/sign-in/"), sign_in.SignInView.as_view(), name="sign-in"),
    path(_("account/sign-in/code/"), sign_in.sign_in_code, name="sign-in-code"),
    path(_("account/sign-out/"), sign_in.sign_out, name="sign-out"),
    path(
        _("account/sign-out-everywhere/"),
        sign_in.sign_out_everywhere,
        name="sign-out-everywhere",
    ),
    path(_("account/password/"), password.password_reset, name="password-reset"),
    path(_("account/password/sent/"), password.password_reset_sent, name="password-reset-sent"),
    path(
        _("account/password/<uidb64>/<token>/"),
        password.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path(_("account/details/"), profile.profile, name="profile"),
    path(_("account/details/two-step/"), profile.two_factor, name="two-factor"),
    path(_("account/applications/link/"), cases.case_link, name="case-link"),
    path(_("account/applications/<int:link_id>/"), cases.case_detail, name="case"),
    path(
        _("account/applications/<int:link_id>/updates/"),
        cases.case_preferences,
        name="case-preferences",
    ),
    path(_("account/applications/<int:link_id>/remove/"), cases.case_remove, name="case-remove"),
    path(
        _("account/applications/<int:link_id>/contact-details/"),
        contact_details.contact_details,
        name="contact-details",
    ),
    path(
        _("account/applications/<int:link_id>/documents/<int:request_id>/"),
        documents.document_send,
        name="document-send",
    ),
    path(
        _("account/applications/<int:link_id>/letters/<int:letter_id>/"),
        letters.letter_download,
        name="letter",
    ),
]
