"""seed_demo and demo_accounts as an operator runs them."""

import io

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from guichet.cases.models import Case
from guichet.core import roles
from guichet.demo.accounts import DEMO_PASSWORD, USERNAMES
from guichet.documents.models import DocumentRequest, RequestStatus
from guichet.letters.models import Letter

pytestmark = pytest.mark.django_db


def _run(*args: str, **options: object) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_seed_demo_prints_a_summary_and_if_empty_leaves_data_alone():
    output = _run("seed_demo", "--cases", "120", "--seed", "3", "--as-of", "2026-03-02")
    assert "Seeded 120 cases" in output and "cases/s" in output
    assert Case.objects.count() == 120
    output = _run("seed_demo", "--cases", "50", "--if-empty")
    assert "120 cases already in the database: nothing seeded." in output
    assert Case.objects.count() == 120


def test_seed_demo_refuses_a_future_date_and_bad_numbers():
    with pytest.raises(CommandError, match="future"):
        _run("seed_demo", "--cases", "5", "--as-of", "2999-01-01")
    with pytest.raises(CommandError):
        _run("seed_demo", "--cases", "0")


def test_demo_accounts_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        _run("demo_accounts")
    assert not User.objects.filter(username="officer").exists()


def test_demo_accounts_creates_one_user_per_role_idempotently(settings):
    settings.DEBUG = True
    _run("demo_accounts")
    output = _run("demo_accounts")  # twice: same users, nothing duplicated
    assert User.objects.filter(username__in=USERNAMES.values()).count() == len(roles.ROLES)
    for role, username in USERNAMES.items():
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert authenticate(username=username, password=DEMO_PASSWORD) == user
        assert username in output
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert not User.objects.get(username="officer").is_superuser
    with translation.override("en"):
        assert reverse("backoffice:login") in output
    with translation.override("fr"):
        assert reverse("backoffice:login") in output
    assert "seed_demo" in output  # no cases yet: says how to make some


def test_demo_accounts_lists_cases_to_look_up(settings):
    settings.DEBUG = True
    _run("seed_demo", "--cases", "400", "--seed", "3", "--as-of", "2026-03-02")
    output = _run("demo_accounts", "--password", "another-long-password")
    assert authenticate(username="officer", password="another-long-password")
    listed = [case for case in Case.objects.all() if case.application_number in output]
    assert len(listed) == 4
    assert all(output.count(case.application_number) == 1 for case in listed)  # none twice
    assert {case.status for case in listed} == {"in_progress", "decided"}
    for case in listed:
        assert case.client.family_name in output
        assert case.client.date_of_birth.isoformat() in output
    # One asks for documents, so a new user can link it and answer by upload; asked once.
    asking = DocumentRequest.objects.get(status=RequestStatus.OPEN)
    assert asking.case in listed and "asks for documents" in output
    assert asking.case.service.paper_linkable
    # The decided one can be linked and has its letters (seeded in bulk, they are issued here).
    (decided,) = [case for case in listed if case.status == "decided"]
    assert decided.service.paper_linkable
    assert {"ack", "decision"} <= set(
        Letter.objects.filter(case=decided).values_list("kind", flat=True)
    )
    letters = Letter.objects.count()
    _run("demo_accounts", "--password", "another-long-password")
    assert DocumentRequest.objects.count() == 1
    assert Letter.objects.count() == letters  # none issued twice


def test_demo_accounts_force_runs_without_debug(settings):
    settings.DEBUG = False
    _run("demo_accounts", "--force")
    assert User.objects.filter(username="manager").exists()
