"""The phone line's webhooks, outside i18n_patterns: /ivr/voice is the number's voice URL and
/ivr/status its status callback (set both, as POST, on the Twilio phone number)."""

from django.urls import path

from guichet.contact.views import ivr

app_name = "contact-ivr"
urlpatterns = [
    path("voice", ivr.voice, name="voice"),
    path("language", ivr.language, name="language"),
    path("number", ivr.number, name="number"),
    path("family-name", ivr.family_name, name="family-name"),
    path("birth-date", ivr.birth_date, name="birth-date"),
    path("menu", ivr.menu, name="menu"),
    path("status", ivr.call_status, name="status"),
]
