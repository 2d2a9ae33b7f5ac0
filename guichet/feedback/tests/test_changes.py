import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from guichet.core.errors import InvalidInput
from guichet.core.models import AuditRecord
from guichet.core.roles import MANAGER, OFFICER
from guichet.feedback.demo import seed_feedback_demo
from guichet.feedback.models import ProgramChange, Response
from guichet.feedback.selectors import program_change_outcome
from guichet.feedback.services import program_change_open, program_change_ship
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db
TEXTS = {
    "owner": "Family sponsorship program",
    "heard_en": "Spousal sponsors found the wait too long and unexplained.",
    "heard_fr": "Les répondants de conjoints trouvaient l'attente trop longue et inexpliquée.",
    "changed_en": "We now publish the processing time of each step.",
    "changed_fr": "Nous publions maintenant le délai de traitement de chaque étape.",
}


def test_a_change_needs_both_languages_and_a_question_of_the_survey():
    with pytest.raises(InvalidInput) as missing:
        program_change_open(
            measure="processing_time",
            service_code="",
            evidence={},
            publish=True,
            **{**TEXTS, "heard_fr": " "},
        )
    assert missing.value.field == "heard_fr"
    with pytest.raises(InvalidInput) as unknown:
        program_change_open(measure="nope", service_code="", evidence={}, publish=True, **TEXTS)
    assert unknown.value.field == "measure"
    assert not ProgramChange.objects.exists()


def test_before_and_after_a_change_with_the_test_of_the_difference():
    seed_feedback_demo(seed=3, cohorts={2013: 600, 2015: 600}, live=0)
    # Half the spouse-in-canada answers are moved after the change and made satisfied.
    shipped = dt.date(2020, 1, 1)
    after = timezone.make_aware(dt.datetime(2020, 6, 1))
    spousal = Response.objects.filter(invitation__service_code="spouse-in-canada")
    moved = list(spousal.values_list("pk", flat=True))[::2]
    for response in Response.objects.filter(pk__in=moved):
        response.answers = {**response.answers, "processing_time": 5}
        response.submitted_at = after
        response.save()
    change = program_change_open(
        measure="processing_time",
        service_code="spouse-in-canada",
        evidence={},
        publish=True,
        **TEXTS,
    )
    assert program_change_outcome(change) is None  # not in place yet
    change = program_change_ship(change_id=change.pk, shipped_on=shipped)
    outcome = program_change_outcome(change)
    assert outcome is not None and not outcome.suppressed
    assert outcome.share_b == 1.0 and outcome.share_a < 0.5
    assert outcome.n_b == len(moved) and outcome.p_value < 0.05


def test_an_analyst_opens_a_change_from_a_weak_area_and_it_is_on_the_public_page(client):
    seed_feedback_demo(seed=2016, live=0)
    with translation.override("en"):
        dashboard = reverse("feedback:dashboard")
        opening = reverse("feedback:change-open")
        public = reverse("feedback:what-we-heard")
    client.force_login(staff_make(OFFICER))
    assert client.get(opening).status_code == 403
    client.force_login(staff_make(MANAGER))
    page = client.get(dashboard).content.decode()
    assert "group=service_code%3Dspouse-in-canada" in page
    group = "service_code=spouse-in-canada"
    posted = client.post(
        opening, {"measure": "processing_time", "group": group, "publish": "yes", **TEXTS}
    )
    assert posted.status_code == 302
    change = ProgramChange.objects.get()
    assert change.service_code == "spouse-in-canada" and change.evidence["group"] == group
    assert change.evidence["share_group"] < change.evidence["share_rest"]
    assert AuditRecord.objects.filter(target_type="feedback.programchange").exists()
    client.logout()
    for language, text in (("en", TEXTS["changed_en"]), ("fr", TEXTS["changed_fr"])):
        with translation.override(language):
            shown = client.get(reverse("feedback:what-we-heard")).content.decode()
        assert text.replace("'", "&#x27;") in shown
    assert client.get(public).status_code == 200
