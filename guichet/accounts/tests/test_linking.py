"""Linking an application by proof: normalised names, both routes, throttles, audit, and the
first holder told when another account links the same case."""

import datetime as dt

import pytest

from guichet.accounts.errors import Throttled
from guichet.accounts.linking import (
    AUDIT_LINK,
    AUDIT_LINK_FAILED,
    case_link_by_number,
    case_link_by_uci,
)
from guichet.accounts.models import CaseLink
from guichet.accounts.tests.conftest import BORN, account_make, unknown_number
from guichet.core.errors import InvalidInput, NotFound
from guichet.core.models import AuditRecord
from guichet.notifications.models import Notification
from guichet.testing.factories import case_make

pytestmark = pytest.mark.django_db
IP = "198.51.100.20"


def by_number(account, case, *, family_name="Tremblay-Gagné", born=BORN, number=None, ip=IP):
    return case_link_by_number(
        account=account,
        application_number=number or case.application_number,
        family_name=family_name,
        date_of_birth=born,
        ip=ip,
    )


@pytest.mark.parametrize(
    "family_name",
    ["TREMBLAY-GAGNÉ", "Tremblay Gagne", "tremblay–gagné".replace("–", "-"), " tremblaygagne "],
)
def test_names_compare_without_case_accents_spaces_or_hyphens(account, case, family_name):
    outcome = by_number(account, case, family_name=family_name)
    assert outcome.created == 1
    assert outcome.links[0].case_id == case.pk


def test_the_number_may_be_typed_loosely_or_without_its_letter(account, case):
    number = case.application_number
    spaced = f"{number[0].lower()} {number[1:5]} {number[5:]}"
    assert by_number(account, case, number=spaced).created == 1
    assert by_number(account, case, number=case.application_number[1:]).created == 0  # already


def test_a_wrong_letter_date_or_name_is_not_found(account, case):
    wrong_letter = ("E" if case.application_number[0] == "P" else "P") + case.application_number[1:]
    attempts = [
        {"number": wrong_letter},
        {"born": BORN + dt.timedelta(days=1)},
        {"family_name": "Tremblay"},
    ]
    for attempt in attempts:
        with pytest.raises(NotFound):
            by_number(account, case, **attempt)
    assert not CaseLink.objects.exists()


def test_malformed_input_names_its_field_and_is_not_counted(account, case):
    bad_digit = case.application_number[:-1] + str((int(case.application_number[-1]) + 1) % 10)
    for kwargs, field in [
        ({"number": bad_digit}, "application_number"),
        ({"born": "14/03/1985"}, "date_of_birth"),
        ({"family_name": "  "}, "family_name"),
    ]:
        with pytest.raises(InvalidInput) as raised:
            by_number(account, case, **kwargs)
        assert raised.value.field == field
    assert not AuditRecord.objects.exists()


def test_failures_from_others_never_refuse_the_right_details(case):
    # Issue 9.6: five wrong attempts from five addresses used to lock the genuine client out.
    for i in range(20):
        with pytest.raises(NotFound):
            by_number(account_make(), case, family_name="Wrong", ip=f"203.0.113.{i}")
    assert by_number(account_make(), case, ip="192.0.2.99").created == 1


def test_an_account_that_failed_on_a_guessed_number_waits_a_growing_delay(case):
    guesser = account_make()
    for i in range(4):
        with pytest.raises(NotFound):
            by_number(account_make(), case, family_name="Wrong", ip=f"203.0.113.{i}")
    with pytest.raises(NotFound):
        by_number(guesser, case, family_name="Wrong", ip="198.51.100.1")
    with pytest.raises(Throttled) as raised:
        by_number(guesser, case, ip="198.51.100.2")  # another address, the same account
    assert 1 <= raised.value.retry_after <= 30


def test_the_uci_route_still_works_while_the_number_is_blocked(account, case):
    for _ in range(5):
        with pytest.raises(NotFound):
            by_number(account_make(), case, family_name="Wrong", ip="203.0.113.1")
    outcome = case_link_by_uci(
        account=account,
        uci=f"{case.client.uci[:2]}-{case.client.uci[2:6]}-{case.client.uci[6:]}",
        family_name="tremblay gagne",
        given_names="MARIE EVE",
        date_of_birth=BORN,
        ip=IP,
    )
    assert [link.case_id for link in outcome.links] == [case.pk]


def test_the_uci_route_links_every_application_of_the_client(account, case):
    second = case_make(service_code="pr-card", channel="paper", client=case.client)
    outcome = case_link_by_uci(
        account=account,
        uci=case.client.uci,
        family_name="Tremblay-Gagné",
        given_names="Marie-Ève",
        date_of_birth=BORN,
        ip=IP,
    )
    assert {link.case_id for link in outcome.links} == {case.pk, second.pk}
    with pytest.raises(NotFound):
        case_link_by_uci(
            account=account,
            uci=case.client.uci,
            family_name="Tremblay-Gagné",
            given_names="Anne",
            date_of_birth=BORN,
            ip=IP,
        )


def test_twenty_failures_from_one_account_block_that_account_only(account, case):
    for i in range(20):
        with pytest.raises(NotFound):
            by_number(account, case_make(), family_name="Wrong", ip=f"203.0.113.{i}")
    with pytest.raises(Throttled):
        by_number(account, case, ip="192.0.2.1")
    assert by_number(account_make(), case, ip="192.0.2.1").created == 1


def test_successful_links_do_not_use_up_the_accounts_budget(account, case):
    # The account's limit is 20 failures; links that succeed give their attempt back.
    for _ in range(25):
        by_number(account, case_make(client=case.client), ip="192.0.2.1")
    for _ in range(20):
        with pytest.raises(NotFound):
            by_number(account, case_make(), family_name="Wrong", ip="192.0.2.1")
    with pytest.raises(Throttled):
        by_number(account, case, ip="192.0.2.1")


def test_thirty_attempts_from_one_address_block_that_address_only(case):
    for _ in range(30):
        with pytest.raises(NotFound):
            by_number(account_make(), case_make(), family_name="Wrong", ip="203.0.113.50")
    with pytest.raises(Throttled):
        by_number(account_make(), case, ip="203.0.113.50")
    assert by_number(account_make(), case, ip="203.0.113.51").created == 1


def test_every_link_and_failed_link_is_audited_without_personal_data(account, case):
    with pytest.raises(NotFound):
        by_number(account, case, family_name="Wrong")
    unknown = unknown_number()
    with pytest.raises(NotFound):
        by_number(account, case, number=unknown)
    by_number(account, case)
    records = list(AuditRecord.objects.order_by("id"))
    assert [r.action for r in records] == [AUDIT_LINK_FAILED, AUDIT_LINK_FAILED, AUDIT_LINK]
    assert records[0].target_id == str(case.pk)  # a known number: staff see which case
    assert records[1].target_id == ""
    assert records[2].target_id == str(case.pk)
    assert all(r.actor_id == account.user_id for r in records)
    for record in records:
        text = f"{record.detail} {record.target_id}"
        for personal in ("Tremblay", "1985", case.application_number, case.client.uci):
            assert personal not in text


def test_a_second_account_links_with_the_same_proof_and_the_first_is_told(case):
    first = account_make(language="fr")
    second = account_make()
    by_number(first, case)
    assert not Notification.objects.filter(purpose="case_linked_elsewhere").exists()
    by_number(second, case)
    assert CaseLink.objects.filter(case=case).count() == 2
    notice = Notification.objects.get(purpose="case_linked_elsewhere")
    assert notice.recipient == first.email
    assert notice.channel == "email"
    assert notice.language == "fr"
    first_link = CaseLink.objects.get(account=first)
    assert f"/fr/compte/demandes/{first_link.pk}/" in notice.body
    assert "Tremblay" not in notice.body and case.application_number not in notice.body
    # Linking again changes nothing and tells nobody twice.
    by_number(second, case)
    assert Notification.objects.filter(purpose="case_linked_elsewhere").count() == 1
