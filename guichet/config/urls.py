from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from guichet.config.api import api
from guichet.core.views import healthz

# A body Django refuses while parsing it (too large, too many fields) is a bilingual 413.
handler400 = "guichet.core.request_size.bad_request"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # The phone line's Twilio webhooks: one address whatever the caller's language.
    path("ivr/", include("guichet.contact.urls_ivr")),
]

# Client- and staff-facing pages exist in pairs: /en/… and /fr/….
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("guichet.backoffice.urls")),
    path("", include("guichet.web.urls")),
    path("", include("guichet.accounts.urls")),
    path("", include("guichet.intake.urls")),
    path("", include("guichet.contact.urls")),
    path("", include("guichet.standards.urls")),
    path("", include("guichet.feedback.urls")),
    path("", include("guichet.reports.urls")),
    path("", include("guichet.appointments.urls")),
    path("", include("guichet.identity_link.urls")),
    path("", include("guichet.representatives.urls")),
    prefix_default_language=True,
)
