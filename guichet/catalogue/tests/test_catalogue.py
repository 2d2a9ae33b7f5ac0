import tomllib

import pytest

from guichet.catalogue.models import Service, StepMessage, StepState, StepType
from guichet.catalogue.selectors import catalogue_get, service_get
from guichet.catalogue.services import CATALOGUE_FILE, catalogue_load
from guichet.core.errors import InvalidInput, NotFound

PAPER_LINKABLE = {
    "spouse-in-canada",
    "spouse-outside-canada",
    "parents-grandparents",
    "provincial-nominee",
    "quebec-skilled-worker",
    "caregiver",
    "self-employed",
    "humanitarian",
    "protected-person",
    "refugee-resettlement",
    "pr-card",
    "pr-travel-document",
    "citizenship-grant",
    "citizenship-certificate",
    "citizenship-search",
    "super-visa",
    "visitor-record",
}
ONLINE_ONLY = {"express-entry", "visitor-visa", "study-permit", "work-permit", "eta"}


@pytest.mark.django_db
def test_the_22_services_of_the_brief_are_loaded_with_their_channels():
    services = {s.code: s for s in Service.objects.all()}
    assert set(services) == PAPER_LINKABLE | ONLINE_ONLY
    assert {c for c, s in services.items() if s.paper_linkable} == PAPER_LINKABLE
    for code in ONLINE_ONLY:
        assert services[code].accepts_online and not services[code].accepts_paper
    for code in ("pr-card", "citizenship-grant"):
        assert services[code].accepts_online and services[code].accepts_paper
    assert services["spouse-in-canada"].standard_days == 180


@pytest.mark.django_db
def test_every_step_has_a_sentence_in_both_languages_for_every_state():
    for step_type in StepType.objects.all():
        states = set(
            StepMessage.objects.filter(step_type=step_type).values_list("state", flat=True)
        )
        assert states == set(StepState.values), step_type.code
    assert not StepMessage.objects.filter(text_fr="").exists()
    assert not StepMessage.objects.filter(text_en="").exists()


@pytest.mark.django_db
def test_every_service_has_ordered_steps_ending_with_the_decision():
    catalogue = catalogue_get()
    for service in catalogue.services.values():
        codes = [catalogue.step_types[i].code for i in catalogue.service_steps[service.pk]]
        assert "final-decision" in codes, service.code
        assert len(codes) == len(set(codes))


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    before = list(Service.objects.order_by("code").values())
    catalogue_load()
    assert list(Service.objects.order_by("code").values()) == before


@pytest.mark.django_db
def test_a_bad_catalogue_file_is_refused_and_nothing_is_written(tmp_path):
    data = CATALOGUE_FILE.read_text(encoding="utf-8")
    data = data.replace('code = "spouse-in-canada"', 'code = "spouse-in-canada-x"', 1)
    data = data.replace('channels = ["online"]', 'channels = ["fax"]', 1)
    bad = tmp_path / "catalogue.toml"
    bad.write_text(data, encoding="utf-8")
    with pytest.raises(InvalidInput) as error:
        catalogue_load(path=bad)
    assert error.value.field == "channels"
    assert not Service.objects.filter(code="spouse-in-canada-x").exists()


def test_the_file_parses():
    with CATALOGUE_FILE.open("rb") as handle:
        assert len(tomllib.load(handle)["services"]) == 22


@pytest.mark.django_db
def test_unknown_service_code_is_a_named_error():
    with pytest.raises(NotFound) as error:
        service_get(code="time-machine")
    assert error.value.field == "service_code"
    assert "time-machine" in error.value.text("fr")
