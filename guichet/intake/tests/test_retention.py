"""Abandoned PR-card photos are deleted (issue 9, item 11); submitted ones are kept."""

import datetime as dt
import os

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from guichet.intake.models import OnlineApplication
from guichet.intake.photos import photo_store
from guichet.intake.retention import photos_purge
from guichet.testing.factories import case_make, client_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.RETENTION_PHOTO_UNSUBMITTED_HOURS = 24
    return tmp_path


def _aged(name: str, hours: float) -> str:
    when = (timezone.now() - dt.timedelta(hours=hours)).timestamp()
    os.utime(default_storage.path(name), (when, when))
    return name


def test_only_old_photos_that_no_application_refers_to_are_deleted():
    abandoned = _aged(photo_store(b"\xff\xd8abandoned"), 25)
    uploading = _aged(photo_store(b"\xff\xd8still-filling-the-form"), 2)
    submitted = _aged(photo_store(b"\xff\xd8submitted"), 24 * 400)
    OnlineApplication.objects.create(
        submission_key="retention-photo-test", form="pr-card", case=case_make(), photo=submitted
    )

    assert photos_purge(now=timezone.now()) == {"abandoned_photos": 1}

    assert not default_storage.exists(abandoned)
    assert default_storage.exists(uploading)
    assert default_storage.exists(submitted)
    assert photos_purge(now=timezone.now()) == {"abandoned_photos": 0}


def test_no_photo_directory_yet_is_not_an_error():
    assert photos_purge(now=timezone.now()) == {"abandoned_photos": 0}


def test_an_applicant_whose_photo_was_purged_is_asked_for_it_again(client):
    from guichet.intake.tests.test_pr_card import ANSWERS, BASE, fill_in

    existing = client_make(
        family_name="Côté", given_names="Émile", date_of_birth="1980-02-29", sex="X"
    )
    fill_in(client, {**ANSWERS, 2: dict(ANSWERS[2], uci=existing.uci)})
    assert client.get(f"{BASE}6/").status_code == 200
    name = client.session["intake.pr_card"]["photo"]
    _aged(name, 25)
    assert photos_purge(now=timezone.now()) == {"abandoned_photos": 1}

    response = client.get(f"{BASE}6/")
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}5/"
