"""The seeded population obeys the domain rules exactly, and looks like real demand."""

import datetime as dt
from collections import Counter

import pytest
from django.core.validators import validate_email
from django.db.models import Count

from guichet.cases.models import Case, CaseStep
from guichet.clients import validators
from guichet.clients.models import Client
from guichet.core.identifiers import application_number_parse, uci_parse
from guichet.core.text import name_key
from guichet.demo.tests.checks import population_problems
from guichet.demo.tests.conftest import AS_OF


def test_every_case_follows_the_state_machine_and_its_history(seeded):
    assert seeded.cases == Case.objects.count() == 600
    assert seeded.events > seeded.steps > seeded.cases
    bad = population_problems(AS_OF)
    assert not bad, dict(list(bad.items())[:5])


def test_numbers_are_valid_unique_and_match_the_channel(seeded):
    serials = set()
    for case in Case.objects.select_related("service"):
        number = application_number_parse(case.application_number)
        assert number.serial == case.serial
        assert number.letter == ("E" if case.channel == "online" else "P")
        assert case.service.accepts(case.channel)
        serials.add(case.serial)
    assert len(serials) == 600


def test_clients_are_valid_as_the_client_services_would_accept_them(seeded):
    clients = list(Client.objects.all())
    assert len(clients) == seeded.clients
    assert len({c.uci for c in clients}) == len(clients)
    first_receipt = {
        row["client_id"]: row["first"]
        for row in Case.objects.values("client_id").annotate(first=Count("id"))
    }
    assert set(first_receipt) == {c.pk for c in clients}  # nobody without a case
    for client in clients:
        assert uci_parse(client.uci) == client.uci
        assert client.family_key == name_key(client.family_name)
        assert client.given_key == name_key(client.given_names)
        assert client.sex in ("F", "M", "X")
        assert client.preferred_language in ("en", "fr")
        assert dt.date(1900, 1, 1) < client.date_of_birth < AS_OF
        if client.phone:
            assert validators.phone_normalise(client.phone) == client.phone
            assert client.phone[5:10] == "55501"  # the fictional block
        if client.email:
            validate_email(client.email)
            assert client.email.split("@")[1].endswith(
                ("example.com", "example.org", "example.net")
            )
        if client.country == "CA":
            assert validators.postal_code_normalise(client.postal_code, country="CA") == (
                client.postal_code
            )
            assert client.province
            assert client.phone or client.date_of_birth.year > AS_OF.year - 18


def test_clients_received_after_birth(seeded):
    for case in Case.objects.select_related("client"):
        assert case.client.date_of_birth < case.received_at.date()
        assert case.client.created_at <= case.received_at


@pytest.fixture
def population(db):
    """A larger population (3,000 cases) to look at shares and the inventory."""
    from guichet.demo.seeding import seed_population

    seed_population(cases=3_000, seed=11, as_of=AS_OF, workers=0)


def test_the_population_looks_like_real_demand(population):
    services = Counter(Case.objects.values_list("service__code", flat=True))
    top = [code for code, _n in services.most_common(4)]
    assert {"visitor-visa", "eta"} <= set(top)
    assert services["citizenship-grant"] > services["caregiver"]
    assert len(services) >= 18

    languages = Counter(Client.objects.values_list("preferred_language", flat=True))
    assert 0.18 < languages["fr"] / sum(languages.values()) < 0.32
    sexes = Counter(Client.objects.values_list("sex", flat=True))
    assert sexes["X"] < 0.01 * sum(sexes.values())
    assert sexes["F"] > 0.4 * sum(sexes.values()) and sexes["M"] > 0.4 * sum(sexes.values())
    names = set(Client.objects.values_list("family_name", flat=True))
    assert any("-" in n for n in names) and any("'" in n for n in names)
    assert any(n != name_key(n) for n in names if n.isalpha())  # accents

    # A family: same family name and address, several clients.
    families = (
        Client.objects.values("family_name", "address_line", "city")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert families.exists()

    decisions = Counter(Case.objects.values_list("decision", flat=True))
    decided = sum(n for d, n in decisions.items() if d)
    assert decisions["approved"] > 0.6 * decided
    assert 0.05 * decided < decisions["refused"] < 0.35 * decided
    assert decisions["withdrawn"] > 0
    assert 0.05 * len(Case.objects.all()) < decisions[""]  # an inventory of open cases

    waiting = CaseStep.objects.filter(state="action_required", case__status="in_progress")
    assert waiting.exists()
    assert all(
        e.client_note
        for e in Case.objects.get(pk=waiting.first().case_id).events.filter(
            new_state="action_required"
        )
    )


def test_spousal_and_citizenship_run_behind_their_standard(population):
    anchor = dt.datetime.combine(AS_OF, dt.time(), tzinfo=dt.UTC)
    for code, days in (
        ("spouse-in-canada", 180),
        ("spouse-outside-canada", 180),
        ("citizenship-grant", 365),
    ):
        open_cases = Case.objects.filter(service__code=code, status="in_progress")
        late = [c for c in open_cases if anchor - c.received_at > dt.timedelta(days=days)]
        assert late, code
    visas = Case.objects.filter(service__code="study-permit", status="decided")
    quick = [c for c in visas if c.decided_at - c.received_at <= dt.timedelta(days=60)]
    assert len(quick) > 0.6 * len(visas)
