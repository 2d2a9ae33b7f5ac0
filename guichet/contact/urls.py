"""Pages of the contact centre, in pairs: /en/help/ is /fr/aide/, /en/contact-centre/ is
/fr/centre-de-contact/. Staff addresses carry internal ids, never a name or a number."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from guichet.contact.views import desktop, enquiries, help, metrics

app_name = "contact"
urlpatterns = [
    # Help centre (public) and web enquiries (signed-in clients).
    path(_("help/"), help.help_index, name="help"),
    path(_("help/topics/<slug:slug>/"), help.help_category, name="help-category"),
    path(_("help/articles/<slug:slug>/"), help.help_article, name="help-article"),
    path(_("help/questions/"), enquiries.enquiry_list, name="enquiries"),
    path(_("help/questions/new/"), enquiries.enquiry_new, name="enquiry-new"),
    path(_("help/questions/<int:enquiry_id>/"), enquiries.enquiry_detail, name="enquiry"),
    # Agent desktop (call-centre agents).
    path(_("contact-centre/"), desktop.desktop, name="desktop"),
    path(
        _("contact-centre/calls/<int:session_id>/take/"), desktop.call_take_view, name="call-take"
    ),
    path(_("contact-centre/cases/<int:case_id>/"), desktop.agent_case, name="agent-case"),
    path(
        _("contact-centre/cases/<int:case_id>/contacts/"),
        desktop.contact_create,
        name="contact-create",
    ),
    path(
        _("contact-centre/cases/<int:case_id>/follow-up/"),
        desktop.follow_up_create,
        name="follow-up",
    ),
    path(_("contact-centre/questions/"), desktop.enquiry_queue, name="enquiry-queue"),
    path(
        _("contact-centre/questions/<int:enquiry_id>/"),
        desktop.enquiry_answer_view,
        name="enquiry-answer",
    ),
    # Channel metrics (managers).
    path(_("contact-centre/metrics/"), metrics.dashboard, name="metrics"),
    path(_("contact-centre/metrics/export.csv"), metrics.dashboard_csv, name="metrics-csv"),
    path(_("contact-centre/self-service/"), metrics.switch, name="self-service-switch"),
]
