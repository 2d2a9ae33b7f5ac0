"""Finding a case by each route; malformed input is refused naming the field, in the page's
language; every search is audited without what was typed."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from guichet.core.identifiers import uci_format
from guichet.core.models import AuditRecord
from guichet.testing.factories import case_make, client_make

pytestmark = pytest.mark.django_db


def search(http, language="en", **data):
    with translation.override(language):
        url = reverse("backoffice:search")
    return http.post(url, data)


def case_links(response) -> list[str]:
    return [str(row.case_id) for row in response.context["results"]]


def test_search_page_offers_three_searches_by_post(officer_http):
    page = officer_http.get(reverse("backoffice:search")).text
    assert page.count('method="post"') >= 3
    for kind in ("application_number", "uci", "name"):
        assert f'name="kind" value="{kind}"' in page
    assert not AuditRecord.objects.exists()  # showing empty forms reads no file


@pytest.mark.parametrize(
    "typed",
    [
        lambda n: n,  # P123456782
        lambda n: n.lower(),
        lambda n: f"{n[0]} {n[1:5]} {n[5:]}",
        lambda n: n[1:],  # the digits alone, as on the phone line
    ],
)
def test_search_by_application_number_opens_the_case(officer_http, case, typed):
    """An application number names one case: the search goes straight to its page."""
    case_make()  # another case, not to be found
    response = search(
        officer_http, kind="application_number", application_number=typed(case.application_number)
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:case", kwargs={"case_id": case.pk})
    page = officer_http.get(response["Location"])
    assert "Côté-Nguyen, Anne-Marie" in page.text
    actions = list(AuditRecord.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["search", "view"]  # the search, then the showing of the file


def test_the_date_of_birth_field_takes_what_its_hint_says(officer_http, case):
    """The hint asks for 1984-03-21: the field is a text field (a browser's date picker shows
    its own format, mm/dd/yyyy, which contradicts the hint), and that format is accepted."""
    page = officer_http.get(reverse("backoffice:search")).text
    field = page.split('id="date_of_birth"')[0].rsplit("<input", 1)[1]
    assert 'type="text"' in field and 'type="date"' not in field
    assert "1984-03-21" in page
    response = search(
        officer_http, kind="name", family_name="cote nguyen", date_of_birth="1985-03-14"
    )
    assert case_links(response) == [str(case.pk)]


def test_search_by_uci_formatted_or_not(officer_http, case):
    second = case_make(client=case.client, service_code="pr-card", channel="paper")
    case_make()
    for typed in (case.client.uci, uci_format(case.client.uci)):
        response = search(officer_http, kind="uci", uci=typed)
        assert sorted(case_links(response)) == sorted([str(case.pk), str(second.pk)])


def test_search_by_family_name_and_date_of_birth_ignores_accents_and_case(officer_http, case):
    case_make(client=client_make(family_name="Côté-Nguyen", date_of_birth="1990-01-01"))
    response = search(
        officer_http, kind="name", family_name="cote nguyen", date_of_birth="1985-03-14"
    )
    assert case_links(response) == [str(case.pk)]


def test_search_that_finds_nothing_says_so(officer_http, case):
    response = search(officer_http, kind="uci", uci="1234567897")
    assert response.context["results"] == []
    assert "No case matches this search." in response.text


@pytest.mark.parametrize(
    ("data", "field", "label", "message"),
    [
        (
            {"kind": "application_number", "application_number": "P123456789"},
            "application_number",
            "Application number",
            "This application number is not valid: please check the digits.",
        ),
        (
            {"kind": "application_number", "application_number": "X12"},
            "application_number",
            "Application number",
            "An application number is the letter E or P followed by 9 digits.",
        ),
        (
            {"kind": "application_number", "application_number": ""},
            "application_number",
            "Application number",
            "Enter the application number.",
        ),
        (
            {"kind": "uci", "uci": "12-3456-7890"},
            "uci",
            "UCI",
            "This UCI is not valid: please check the digits.",
        ),
        (
            {"kind": "name", "family_name": "Tremblay", "date_of_birth": "14/03/1985"},
            "date_of_birth",
            "Date of birth",
            "Enter the date as year-month-day, for example 1984-03-21.",
        ),
        (
            {"kind": "name", "family_name": "Tremblay", "date_of_birth": "2999-01-01"},
            "date_of_birth",
            "Date of birth",
            "A date of birth cannot be in the future.",
        ),
        (
            {"kind": "name", "family_name": "  ", "date_of_birth": "1985-03-14"},
            "family_name",
            "Family name",
            "This field is required.",
        ),
    ],
)
def test_malformed_input_is_refused_naming_the_field(
    officer_http, case, data, field, label, message
):
    response = search(officer_http, **data)
    assert response.status_code == 200
    assert response.context["results"] is None
    errors = response.context["errors"]
    assert [(e.field, e.label, e.message) for e in errors] == [(field, label, message)]
    # In the summary, linked to the field, and next to the field itself.
    assert f'<a href="#{field}">{label}: {message}</a>' in response.text
    assert f'id="{field}-error">{message}</span>' in response.text
    assert 'aria-invalid="true"' in response.text


def test_a_name_search_reports_both_missing_fields(officer_http):
    response = search(officer_http, kind="name", family_name="", date_of_birth="")
    assert [e.field for e in response.context["errors"]] == ["family_name", "date_of_birth"]


def test_errors_are_in_french_on_the_french_page(officer_http, case):
    response = search(
        officer_http, language="fr", kind="application_number", application_number="P123456789"
    )
    assert response.wsgi_request.path.startswith("/fr/personnel/dossiers/")
    (error,) = response.context["errors"]
    assert error.label == "Numéro de demande"
    assert (
        error.message
        == "Ce numéro de demande n'est pas valide\u00a0: veuillez vérifier les chiffres."
    )
    assert "Numéro de demande\u00a0: Ce numéro de demande n'est pas valide" in html.unescape(
        response.text
    )


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (
            {"kind": "application_number", "application_number": "P123456782"},
            "search by application number",
        ),
        ({"kind": "uci", "uci": "1234567897"}, "search by UCI"),
        (
            {"kind": "name", "family_name": "Côté-Nguyen", "date_of_birth": "1985-03-14"},
            "search by family name and date of birth",
        ),
        ({"kind": "uci", "uci": "12"}, "search by UCI (rejected: malformed input)"),
    ],
)
def test_every_search_is_audited_without_the_query(officer_http, case, data, detail):
    search(officer_http, **data)
    (record,) = AuditRecord.objects.all()
    assert (record.action, record.target_type, record.detail) == ("search", "case", detail)
    assert record.actor_username.startswith("officer")
    for typed in data.values():
        if typed not in data["kind"]:
            assert typed not in record.detail
    assert "Côté" not in record.detail and "1985" not in record.detail


def test_a_search_in_the_address_is_ignored(officer_http, case):
    """Searches are posted: a name or UCI in a URL would end up in histories and logs."""
    response = officer_http.get(
        reverse("backoffice:search"), {"kind": "uci", "uci": case.client.uci}
    )
    assert response.context.get("results") is None
    assert case.application_number not in response.text
    assert not AuditRecord.objects.exists()


def test_staff_home_leads_to_the_search(officer_http):
    assert officer_http.get("/en/staff/")["Location"] == "/en/staff/cases/"
    assert officer_http.get("/fr/personnel/")["Location"] == "/fr/personnel/dossiers/"
