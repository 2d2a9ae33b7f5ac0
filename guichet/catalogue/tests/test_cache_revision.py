"""The per-process catalogue cache learns of a service added after it was filled (issue 9,
item 12): a deploy that adds a service must not leave older processes raising KeyError."""

from pathlib import Path

import pytest

from guichet.catalogue import selectors
from guichet.catalogue.models import Service
from guichet.catalogue.selectors import catalogue_get, catalogue_revision, service_get
from guichet.catalogue.services import CATALOGUE_FILE, catalogue_load
from guichet.core.errors import NotFound

NEW_SERVICE = """

[[services]]
code = "new-after-deploy"
name = { en = "A service added by a deploy", fr = "Un service ajouté par un déploiement" }
category = "family"
channels = ["online"]
steps = ["completeness-check", "final-decision"]
"""


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts from the database's catalogue and leaves no cached copy of the
    service it added (its rows are rolled back; a cached copy would outlive them)."""
    selectors.catalogue_cache_clear()
    yield
    selectors.catalogue_cache_clear()


def _deploy_adding_a_service(tmp_path: Path) -> Path:
    path = tmp_path / "catalogue.toml"
    path.write_text(CATALOGUE_FILE.read_text(encoding="utf-8") + NEW_SERVICE, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_a_service_added_after_the_cache_was_filled_is_found(tmp_path: Path) -> None:
    before = catalogue_get()
    assert "new-after-deploy" not in before.services_by_code
    # Inside the test transaction on_commit never fires, so this process's cache is not
    # cleared: exactly what another process sees when a deploy loads the catalogue.
    catalogue_load(path=_deploy_adding_a_service(tmp_path))
    assert selectors._cache["catalogue"] is before
    new = Service.objects.get(code="new-after-deploy")

    assert service_get(code="new-after-deploy").pk == new.pk
    assert catalogue_get().services[new.pk].code == "new-after-deploy"
    assert catalogue_get().service_steps[new.pk]
    assert catalogue_get().revision == catalogue_revision()


@pytest.mark.django_db
def test_a_miss_on_an_unchanged_catalogue_costs_one_query(django_assert_num_queries) -> None:
    selectors.catalogue_cache_clear()
    catalogue_get()
    with django_assert_num_queries(1), pytest.raises(NotFound):
        service_get(code="no-such-service")
    with django_assert_num_queries(0):
        service_get(code="pr-card")


@pytest.mark.django_db
def test_a_changed_catalogue_is_seen_after_the_check_interval(
    tmp_path: Path, settings, monkeypatch: pytest.MonkeyPatch, django_assert_num_queries
) -> None:
    settings.CATALOGUE_CHECK_SECONDS = 60
    now = [1000.0]
    monkeypatch.setattr(selectors.time, "monotonic", lambda: now[0])
    selectors.catalogue_cache_clear()
    before = catalogue_get()
    catalogue_load(path=_deploy_adding_a_service(tmp_path))
    now[0] += 30
    with django_assert_num_queries(0):
        assert catalogue_get() is before
    now[0] += 31
    assert "new-after-deploy" in dict(catalogue_get().services_by_code)
