import datetime as dt

import pytest
from django.core import signing
from django.db import transaction

from guichet.cases.services import case_decide
from guichet.core import clock
from guichet.core.errors import Conflict, NotFound
from guichet.feedback.models import Invitation, OptOut, Survey
from guichet.feedback.services import (
    SALT,
    case_sampled,
    invitation_for_decision,
    invitation_from_token,
    invitation_reminders_send,
    invitation_token,
    survey_current,
    survey_publish,
)
from guichet.feedback.surveys import definition_load
from guichet.feedback.tests.conftest import decided_case
from guichet.notifications.models import Notification
from guichet.testing.factories import case_make, client_make

pytestmark = pytest.mark.django_db


def test_the_shipped_survey_is_published_once_and_a_change_makes_a_new_version():
    first = survey_current()
    assert survey_current().pk == first.pk  # the same content is not published twice
    changed = definition_load("client-satisfaction")
    changed["questions"][0]["en"] = "Overall, how satisfied are you?"
    second = survey_publish(definition=changed)
    assert (second.version, first.version) == (2, 1)
    assert Survey.objects.count() == 2
    first.refresh_from_db()
    assert first.definition["questions"][0]["en"].startswith("Overall, how satisfied are you with")
    with pytest.raises(PermissionError):
        first.save()


def test_the_shipped_survey_has_the_cmt_drivers_and_the_report_topics_in_both_languages():
    definition = definition_load("client-satisfaction")
    roles = {q["code"]: q["role"] for q in definition["questions"]}
    assert [c for c, r in roles.items() if r == "driver"] == [
        "timeliness",
        "knowledge",
        "fairness",
        "courtesy",
        "outcome",
    ]
    assert [c for c, r in roles.items() if r == "topic"] == [
        "processing_time",
        "clarity",
        "status_confidence",
        "staff_communication",
    ]
    for question in definition["questions"]:
        assert question["en"] != question["fr"]
        if question["fr"].endswith("?"):
            assert question["fr"].endswith("\u00a0?")


def test_a_decision_invites_the_client_once_in_their_language_with_a_link_and_nothing_personal():
    case = decided_case(preferred_language="fr", email="marie@example.ca")
    invitation = Invitation.objects.get(case=case)
    assert (invitation.language, invitation.message_channel) == ("fr", "email")
    assert invitation.service_code == "spouse-in-canada" and invitation.case_channel == "paper"
    message = Notification.objects.get(purpose="feedback_invitation")
    assert message.recipient == "marie@example.ca" and message.language == "fr"
    assert "/fr/sondage/" in message.body
    assert case.application_number not in message.body
    assert "Tremblay" not in message.body and "Marie" not in message.body
    # A second decision event (or a replay) does not invite again.
    assert invitation_for_decision(case_id=case.pk) is None
    assert Notification.objects.filter(purpose="feedback_invitation").count() == 1


def test_without_e_mail_the_invitation_goes_by_text_message():
    decided_case(email="", phone="+16135550111", preferred_language="en")
    message = Notification.objects.get(purpose="feedback_invitation")
    assert message.channel == "sms" and "/en/survey/" in message.body


def test_the_invitation_rolls_back_with_the_decision():
    case = case_make()
    with pytest.raises(RuntimeError), transaction.atomic():
        case_decide(case_id=case.pk, outcome="refused", actor=None)
        raise RuntimeError("the decision fails after the signal")
    assert not Invitation.objects.exists()
    assert not Notification.objects.filter(purpose="feedback_invitation").exists()


def test_sampling_per_service_is_configuration(settings):
    settings.FEEDBACK_SAMPLING_RATES = {"default": 1.0, "spouse-in-canada": 0.0}
    decided_case()
    assert not Invitation.objects.exists()
    shares = sum(case_sampled(n, 0.25) for n in range(4000)) / 4000
    assert 0.22 < shares < 0.28
    assert case_sampled(17, 0.25) == case_sampled(17, 0.25)


def test_an_opted_out_client_is_not_invited():
    client = client_make()
    OptOut.objects.create(client=client, created_at=clock.now())
    case = case_make(client=client)
    case_decide(case_id=case.pk, outcome="refused", actor=None)
    assert not Invitation.objects.exists()


def test_a_withdrawn_application_is_not_surveyed():
    case = case_make()
    case_decide(case_id=case.pk, outcome="withdrawn", actor=None)
    assert not Invitation.objects.exists()


def test_links_are_signed_single_use_and_expire():
    invitation = Invitation.objects.get(case=decided_case())
    token = invitation_token(invitation)
    assert invitation_from_token(token).pk == invitation.pk
    forged = signing.dumps({"i": invitation.pk, "n": "0" * 32}, salt=SALT)
    other_salt = signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt="other")
    for bad in (forged, other_salt, token[:-2] + "xx", "nonsense"):
        with pytest.raises(NotFound) as refused:
            invitation_from_token(bad)
        assert refused.value.field == "token"
    later = invitation.expires_at + dt.timedelta(seconds=1)
    with pytest.raises(Conflict) as expired:
        invitation_from_token(token, now=later)
    assert expired.value.params["state"] == "expired"


def test_one_reminder_after_n_days_unless_answered_or_opted_out(settings):
    settings.FEEDBACK_REMINDER_DAYS = 7
    invitation = Invitation.objects.get(case=decided_case())
    answered = Invitation.objects.get(case=decided_case())
    answered.answered_at = clock.now()
    answered.save()
    opted = Invitation.objects.get(case=decided_case())
    OptOut.objects.create(client_id=opted.client_id, created_at=clock.now())
    assert invitation_reminders_send(now=clock.now() + dt.timedelta(days=6)) == 0
    week = clock.now() + dt.timedelta(days=7, minutes=1)
    assert invitation_reminders_send(now=week) == 1
    assert invitation_reminders_send(now=week + dt.timedelta(days=1)) == 0
    reminders = Notification.objects.filter(purpose="feedback_reminder")
    assert [r.client_id for r in reminders] == [invitation.client_id]
