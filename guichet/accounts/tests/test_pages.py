"""The status page and the list, in English and French, at real French addresses; linking
through the page, with the same answer for an unknown number and for wrong details."""

import datetime as dt
import re
from dataclasses import replace
from html import unescape

import pytest
from django.urls import reverse
from django.utils.translation import override

from guichet.accounts.models import CaseLink
from guichet.accounts.tests.conftest import BORN, link_make, signed_in, unknown_number
from guichet.cases.services import case_decide, case_step_update
from guichet.status.selectors import case_status_get
from guichet.status.types import DecisionEstimate

pytestmark = pytest.mark.django_db
NOTE = "Send a certified copy of your marriage certificate."


def text_of(response) -> str:
    return unescape(response.content.decode())


def french(name: str, **kwargs) -> str:
    with override("fr"):
        return reverse(name, kwargs=kwargs or None)


def test_french_addresses_are_french(account, case):
    link = link_make(account, case)
    assert french("accounts:cases") == "/fr/compte/"
    assert french("accounts:case-link") == "/fr/compte/demandes/ajouter/"
    assert french("accounts:case", link_id=link.pk) == f"/fr/compte/demandes/{link.pk}/"
    assert french("accounts:sign-in") == "/fr/compte/connexion/"
    page = signed_in(account).get(french("accounts:case", link_id=link.pk))
    assert f'href="/en/account/applications/{link.pk}/"' in page.content.decode()  # the toggle


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_status_page_shows_every_step_the_history_and_what_to_do(account, case, language):
    case_step_update(
        case_id=case.pk,
        step_code="completeness-check",
        state="action_required",
        actor=None,
        client_note=NOTE,
    )
    link = link_make(account, case)
    with override(language):
        url = reverse("accounts:case", kwargs={"link_id": link.pk})
    response = signed_in(account).get(url)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    page = text_of(response)
    view = case_status_get(case_id=case.pk, language=language)
    assert view.service_name in page and case.application_number in page
    for step in view.steps:
        assert step.name in page and step.message in page and step.state_label in page
    for entry in view.history:
        assert entry.message in page
    assert page.count("<tr>") == len(view.history) + 1  # every entry, and the header row
    call_to_action = "You need to act" if language == "en" else "Vous devez agir"
    assert call_to_action in page and NOTE in page


def test_the_history_is_newest_first_and_dated(account, case):
    case_step_update(case_id=case.pk, step_code="completeness-check", state="completed", actor=None)
    link = link_make(account, case)
    page = text_of(signed_in(account).get(reverse("accounts:case", kwargs={"link_id": link.pk})))
    stamps = re.findall(r'<time datetime="([^"]+)"', page)
    assert len(stamps) == len(case_status_get(case_id=case.pk).history)
    assert stamps == sorted(stamps, reverse=True)


def test_a_decision_is_shown(account, case):
    case_decide(case_id=case.pk, outcome="refused", actor=None)
    link = link_make(account, case)
    page = text_of(signed_in(account).get(french("accounts:case", link_id=link.pk)))
    assert "Décision" in page
    assert case_status_get(case_id=case.pk, language="fr").decision.outcome_label in page


def test_an_estimate_is_shown_when_there_is_one(account, case, monkeypatch):
    link = link_make(account, case)
    estimate = DecisionEstimate(
        likely_by=dt.date(2027, 1, 10), most_by=dt.date(2027, 2, 20), as_of=dt.date(2026, 11, 1)
    )
    from guichet.accounts.views import cases

    real = cases.case_status_get
    monkeypatch.setattr(
        cases, "case_status_get", lambda **kw: replace(real(**kw), estimate=estimate)
    )
    http = signed_in(account)
    english = text_of(http.get(reverse("accounts:case", kwargs={"link_id": link.pk})))
    assert "Most applications like yours are decided by Feb. 20, 2027." in english
    page = text_of(http.get(french("accounts:case", link_id=link.pk)))
    expected = "La plupart des demandes comme la vôtre font l'objet d'une décision d'ici le"
    assert f"{expected} 20 février 2027." in page


def test_the_list_shows_every_linked_case(account, case, other_case):
    link_make(account, case)
    link_make(account, other_case)
    page = text_of(signed_in(account).get(french("accounts:cases")))
    assert case.application_number in page and other_case.application_number in page
    assert "Mes demandes" in page


def link_form(number, family_name="Tremblay-Gagné", born=str(BORN)):
    return {
        "route": "number",
        "n-application_number": number,
        "n-family_name": family_name,
        "n-date_of_birth": born,
    }


def without_tokens(html: str) -> str:
    """Without what differs in every response: the CSRF token and the CSP nonce."""
    html = re.sub(r'name="csp-nonce" content="[^"]+"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_linking_in_french(account, case):
    http = signed_in(account)
    response = http.post(
        french("accounts:case-link"), link_form(case.application_number, "TREMBLAY GAGNE")
    )
    link = CaseLink.objects.get(account=account)
    assert response.status_code == 302
    assert response["Location"] == french("accounts:case", link_id=link.pk)
    page = text_of(http.get(response["Location"]))
    assert "La demande figure dans votre compte." in page


def test_the_page_answers_alike_for_an_unknown_number_and_wrong_details(account, case):
    http = signed_in(account)
    unknown = http.post(french("accounts:case-link"), link_form(unknown_number(), "Gagnon"))
    mismatch = http.post(french("accounts:case-link"), link_form(case.application_number, "Gagnon"))
    assert unknown.status_code == mismatch.status_code == 200
    # The same page, but for the number typed back into its field.
    a = without_tokens(unknown.content.decode()).replace(unknown_number(), "NUMBER")
    b = without_tokens(mismatch.content.decode()).replace(case.application_number, "NUMBER")
    assert a == b
    assert "Nous n'avons trouvé aucune demande" in unescape(a)


def test_a_malformed_number_is_named_on_the_page(account):
    page = signed_in(account).post(reverse("accounts:case-link"), link_form("P123456789"))
    assert page.status_code == 200
    assert page.context["by_number"].errors["application_number"]
    assert 'aria-invalid="true"' in page.content.decode()


def test_a_throttled_link_answers_429_with_retry_after(account, case):
    http = signed_in(account)
    for _ in range(5):
        http.post(reverse("accounts:case-link"), link_form(case.application_number, "Gagnon"))
    response = http.post(reverse("accounts:case-link"), link_form(case.application_number))
    # The account failed five times on this number: slowed by a growing delay, not locked.
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 30
    assert not CaseLink.objects.exists()


def test_preferences_and_removal(account, case):
    link = link_make(account, case)
    http = signed_in(account)
    url = reverse("accounts:case-preferences", kwargs={"link_id": link.pk})
    http.post(url, {"sms": "on", "email": "on"})  # no phone yet: refused, nothing saved
    link.refresh_from_db()
    assert not link.notify_sms and not link.notify_email
    http.post(reverse("accounts:profile"), {"phone": "613 555 0123", "language": "fr"})
    account.refresh_from_db()
    assert account.phone == "+16135550123" and account.language == "fr"
    http.post(url, {"sms": "on", "email": "on"})
    link.refresh_from_db()
    assert link.notify_sms and link.notify_email
    http.post(reverse("accounts:profile"), {"phone": "", "language": "fr"})
    link.refresh_from_db()
    assert not link.notify_sms and link.notify_email
    assert (
        http.post(reverse("accounts:case-remove", kwargs={"link_id": link.pk})).status_code == 302
    )
    assert not CaseLink.objects.exists()
