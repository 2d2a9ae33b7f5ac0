"""Message templates: written in full in both languages, rendered strictly."""

import pytest

from guichet.core.errors import GuichetError
from guichet.notifications.message_templates import (
    CHANNELS,
    LANGUAGES,
    TEMPLATES,
    purposes,
    template_render,
)

CONTEXT = {"application_number": "P123456782", "service_name": "Citizenship grant"}


@pytest.mark.parametrize("purpose", purposes())
def test_every_purpose_has_both_channels_in_both_languages_with_the_same_placeholders(purpose):
    keys = {(purpose, channel, language) for channel in CHANNELS for language in LANGUAGES}
    assert keys <= TEMPLATES.keys()
    placeholders = {TEMPLATES[key].placeholders for key in keys}
    assert len(placeholders) == 1
    for channel in CHANNELS:
        english = TEMPLATES[(purpose, channel, "en")]
        french = TEMPLATES[(purpose, channel, "fr")]
        assert english.body != french.body  # written, not copied
        assert bool(english.subject) == bool(french.subject) == (channel == "email")


def test_the_receipt_text_carries_only_the_application_number_and_the_service_name():
    for language in LANGUAGES:
        template = TEMPLATES[("receipt_confirmation", "sms", language)]
        assert template.placeholders == {"application_number", "service_name"}


def test_receipt_confirmation_renders_in_french():
    sms = template_render(
        purpose="receipt_confirmation", channel="sms", language="fr", context=CONTEXT
    )
    assert "Nous avons reçu votre demande P123456782 (Citizenship grant)" in sms.body
    assert "ARRET" in sms.body
    email = template_render(
        purpose="receipt_confirmation", channel="email", language="fr", context=CONTEXT
    )
    assert email.subject == "Nous avons reçu votre demande P123456782"
    assert "Votre numéro de demande est le P123456782" in email.body
    assert "{" not in email.body


def test_receipt_confirmation_renders_in_english():
    email = template_render(
        purpose="receipt_confirmation", channel="email", language="en", context=CONTEXT
    )
    assert email.subject == "We received your application P123456782"
    assert "We received your application for: Citizenship grant." in email.body


def test_a_value_cannot_add_a_line():
    sms = template_render(
        purpose="receipt_confirmation",
        channel="sms",
        language="en",
        context={"application_number": "P123456782", "service_name": "PR card\n\nClick here"},
    )
    assert "\n" not in sms.body and "PR card Click here" in sms.body


@pytest.mark.parametrize(
    ("arguments", "field", "named"),
    [
        ({"purpose": "birthday_wishes"}, "purpose", "birthday_wishes"),
        ({"channel": "fax"}, "channel", "fax"),
        ({"language": "de"}, "language", "de"),
        ({"context": {"application_number": "P123456782"}}, "context.service_name", "service_name"),
        (
            {"context": {**CONTEXT, "date_of_birth": "1985-03-14"}},
            "context.date_of_birth",
            "date_of_birth",
        ),
        ({"context": {**CONTEXT, "service_name": "  "}}, "context.service_name", "service_name"),
        ({"context": {**CONTEXT, "service_name": 42}}, "context.service_name", "service_name"),
    ],
)
def test_refusals_name_what_is_wrong_in_both_languages(arguments, field, named):
    call = {
        "purpose": "receipt_confirmation",
        "channel": "sms",
        "language": "en",
        "context": CONTEXT,
    }
    call.update(arguments)
    with pytest.raises(GuichetError) as caught:
        template_render(**call)
    assert caught.value.field == field
    texts = caught.value.bilingual()
    assert named in texts["en"] and named in texts["fr"]
    assert texts["en"] != texts["fr"]
