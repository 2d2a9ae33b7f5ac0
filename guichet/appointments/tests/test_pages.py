"""The pages: find a point of service (public, both languages) and the client's booking."""

import html

import pytest
from django.test import Client as HttpClient

from guichet.accounts.tests.conftest import account_make, link_make, signed_in
from guichet.appointments.models import Appointment
from guichet.appointments.services import appointment_hold, invitation_open
from guichet.appointments.tests.conftest import at
from guichet.cases.models import CaseEvent
from guichet.testing.factories import case_make

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("address", "heading"),
    [
        ("/en/points-of-service/", "Find a point of service"),
        ("/fr/points-de-service/", "Trouver un point de service"),
    ],
)
def test_the_find_page_in_both_languages(points, address, heading):
    response = HttpClient().get(address)
    assert response.status_code == 200
    assert heading in text(response)


def test_a_far_postal_code_is_offered_video_in_french(points):
    response = HttpClient().post(
        "/fr/points-de-service/", {"route": "canada", "c-postal_code": "p7b 5e1"}
    )
    body = text(response)
    assert response.status_code == 200
    assert "Vous pouvez avoir vos rendez-vous par vidéo" in body
    assert "Centre Service Canada – Thunder Bay" in body
    # The postal code is not echoed into the address.
    assert "P7B" not in response.request["PATH_INFO"]


def test_a_near_postal_code_is_not_offered_video(points):
    response = HttpClient().post(
        "/en/points-of-service/", {"route": "canada", "c-postal_code": "H2X 1Y4"}
    )
    body = text(response)
    assert "The nearest IRCC office is IRCC office – Montréal" in body
    assert "by video" not in body.split("Nearest first")[0].split("km away")[-1]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Entrez un code postal."),
        ("12345", "Entrez un code postal canadien"),
        ("K0Z 1A1", "n'est pas utilisé au Canada"),
        ("<b>x</b>" * 10, "Entrez un code postal canadien"),
    ],
)
def test_a_bad_postal_code_is_a_french_error_on_the_field(points, value, message):
    response = HttpClient().post(
        "/fr/points-de-service/", {"route": "canada", "c-postal_code": value}
    )
    assert response.status_code == 400
    body = text(response)
    assert message in body
    assert 'aria-invalid="true"' in body
    assert "<b>x</b>" not in response.content.decode()  # escaped, never markup


def test_abroad_by_country_and_city(points):
    response = HttpClient().post(
        "/en/points-of-service/", {"route": "abroad", "a-country": "IN", "a-city": "Mumbai"}
    )
    body = text(response)
    assert response.status_code == 200
    assert body.index("Canada Visa Application Centre – Mumbai") < body.index("– Chennai")
    bad = HttpClient().post(
        "/fr/points-de-service/", {"route": "abroad", "a-country": "US", "a-city": ""}
    )
    assert bad.status_code == 400
    assert "Il n'y a pas de centre" in text(bad)


def test_the_home_page_and_the_help_centre_link_to_the_find_page(points):
    for address in ("/en/", "/fr/"):
        assert "/points-" in text(HttpClient().get(address))


@pytest.fixture
def booking(officer, slot_make, now):
    account = account_make(language="fr")
    case = case_make()
    link = link_make(account, case)
    invitation = invitation_open(
        case_id=case.pk, appointment_type="interview", modes=["in_person"], actor=officer
    )
    return account, case, link, invitation, slot_make()


def test_the_client_books_from_the_case_page_in_french(booking):
    account, case, link, invitation, slot = booking
    http = signed_in(account)
    page = text(http.get(f"/fr/compte/demandes/{link.pk}/"))
    assert "Réserver le rendez-vous" in page
    book_url = f"/fr/compte/demandes/{link.pk}/rendez-vous/{invitation.pk}/reserver/"
    assert book_url in page
    listing = text(http.get(book_url))
    assert f'value="{slot.pk}"' in listing
    assert "heure locale à Montréal" in listing
    response = http.post(book_url, {"slot": slot.pk})
    assert response.status_code == 302
    held = Appointment.objects.get(case=case)
    assert held.status == "held"
    confirm = http.post(response["Location"])
    assert confirm.status_code == 302
    held.refresh_from_db()
    assert held.status == "booked"
    page = text(http.get(f"/fr/compte/demandes/{link.pk}/"))
    assert "Changer l'heure" in page
    # The history shows it, in French.
    assert "Rendez-vous réservé" in page
    assert CaseEvent.objects.filter(case=case, kind="appt").count() == 2


def test_no_slot_chosen_or_a_taken_slot_is_an_error_on_the_field(booking, officer):
    account, _case, link, invitation, slot = booking
    http = signed_in(account)
    book_url = f"/en/account/applications/{link.pk}/appointments/{invitation.pk}/book/"
    response = http.post(book_url, {})
    assert response.status_code == 400
    assert "Choose a time for your appointment." in text(response)
    other = case_make()
    other_invitation = invitation_open(
        case_id=other.pk, appointment_type="interview", modes=["in_person"], actor=officer
    )
    appointment_hold(case_id=other.pk, invitation_id=other_invitation.pk, slot_id=slot.pk)
    response = http.post(book_url, {"slot": slot.pk})
    assert response.status_code == 400
    assert "Someone else just chose this time" in text(response)


def test_someone_else_s_case_or_invitation_is_not_found(booking):
    _account, _case, link, invitation, slot = booking
    stranger = account_make()
    http = signed_in(stranger)
    assert (
        http.get(
            f"/en/account/applications/{link.pk}/appointments/{invitation.pk}/book/"
        ).status_code
        == 404
    )
    own = link_make(stranger, case_make())
    response = http.post(
        f"/en/account/applications/{own.pk}/appointments/{invitation.pk}/book/", {"slot": slot.pk}
    )
    assert response.status_code == 404
    assert not Appointment.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(booking):
    _account, _case, link, invitation, _slot = booking
    response = HttpClient().get(
        f"/en/account/applications/{link.pk}/appointments/{invitation.pk}/book/"
    )
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


def test_change_and_cancel_from_the_case_page(booking, slot_make):
    account, case, link, invitation, slot = booking
    later = slot_make(starts_at=at(10, 9))
    held = appointment_hold(case_id=case.pk, invitation_id=invitation.pk, slot_id=slot.pk)
    http = signed_in(account)
    http.post(f"/en/account/applications/{link.pk}/appointments/held/{held.pk}/")
    change = f"/en/account/applications/{link.pk}/appointments/{held.pk}/change/"
    assert http.post(change, {"slot": later.pk}).status_code == 302
    held.refresh_from_db()
    assert held.slot_id == later.pk and held.reschedules == 1
    cancel = f"/en/account/applications/{link.pk}/appointments/{held.pk}/cancel/"
    assert http.post(cancel).status_code == 302
    held.refresh_from_db()
    assert held.status == "cancelled"
    assert http.get(cancel).status_code == 405


# --- The officer's pages ----------------------------------------------------------------------


def _staff(user):
    http = HttpClient()
    http.force_login(user)
    return http


def test_the_officer_records_attendance_and_every_look_is_audited(booking, now):
    from guichet.appointments.services import appointment_confirm
    from guichet.core.models import AuditRecord

    _account, case, _link, invitation, slot = booking
    held = appointment_hold(case_id=case.pk, invitation_id=invitation.pk, slot_id=slot.pk)
    appointment_confirm(case_id=case.pk, appointment_id=held.pk)
    http = _staff(slot.officer)
    listing = text(http.get("/fr/personnel/rendez-vous/"))
    assert case.application_number in listing
    page = f"/fr/personnel/rendez-vous/{held.pk}/"
    assert "Inscrire la présence" in text(http.get(page))
    # Before it starts: refused, in French, nothing changed.
    early = http.post(page, {"status": "attended", "outcome": ""})
    assert early.status_code == 400
    assert "une fois le rendez-vous commencé" in text(early)
    now["at"] = at(9, 10, 35)
    http = _staff(slot.officer)  # a new session: the first one is idle for a week by now
    done = http.post(page, {"status": "attended", "outcome": "Entrevue tenue."})
    assert done.status_code == 302
    held.refresh_from_db()
    assert held.status == "attended" and held.outcome == "Entrevue tenue."
    actions = list(
        AuditRecord.objects.filter(target_type="appointment", target_id=str(held.pk)).values_list(
            "action", flat=True
        )
    )
    assert "change" in actions and "view" in actions


def test_the_officer_pages_need_the_permission(booking):
    from guichet.testing.factories import staff_make

    _account, _case, _link, _invitation, _slot = booking
    assert HttpClient().get("/en/staff/appointments/").status_code == 302
    agent = _staff(staff_make("agent"))
    assert agent.get("/en/staff/appointments/").status_code == 403
