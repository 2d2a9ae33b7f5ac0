"""Letters: issued with their event, rendered once as a tagged PDF in the client's language."""

import io

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from pypdf import PdfReader

from guichet.cases.services import case_decide, case_step_update
from guichet.documents.services import document_request_open
from guichet.letters.models import Letter, LetterKind
from guichet.letters.selectors import letter_issued_between, letter_open, letters_for_case
from guichet.letters.services import letter_render, letters_backfill
from guichet.testing.factories import case_make, client_make, staff_make

pytestmark = pytest.mark.django_db
STEP = "completeness-check"


def pdf_text(letter: Letter) -> tuple[PdfReader, str]:
    with letter_open(letter) as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def kinds(case) -> list[str]:
    return [letter.kind for letter in letters_for_case(case_id=case.pk)]


def test_a_received_case_gets_an_acknowledgement_in_the_same_transaction():
    case = case_make()
    (letter,) = letters_for_case(case_id=case.pk)
    assert (letter.kind, letter.event_sequence, letter.rendered) == (
        LetterKind.ACKNOWLEDGEMENT,
        1,
        False,
    )


def test_a_change_rolled_back_leaves_no_letter():
    with pytest.raises(RuntimeError), transaction.atomic():
        case_make()
        raise RuntimeError("the receipt fails after the case is written")
    assert not Letter.objects.exists()


def test_the_acknowledgement_is_a_tagged_pdf_in_french_with_what_the_case_recorded():
    client = client_make(family_name="Bélanger-Côté", given_names="Zoé", preferred_language="fr")
    case = case_make(client=client)
    letter = letter_render(letter_id=letters_for_case(case_id=case.pk)[0].pk)
    assert letter.rendered and letter.language == "fr" and letter.size > 1000
    reader, text = pdf_text(letter)
    assert "Accusé de réception" in text
    assert case.application_number in text and client.uci in text
    assert "Zoé Bélanger-Côté" in text
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr-CA"  # a screen reader reads it in French
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root  # tagged (PDF/UA-1)
    assert reader.metadata.title == "Accusé de réception"
    fonts = {
        str(font.get_object()["/BaseFont"])
        for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert fonts and all("Guichet-Letter" in name for name in fonts)  # ours, not the machine's


def test_an_english_client_gets_the_letter_in_english():
    case = case_make(client=client_make(preferred_language="en"))
    _, text = pdf_text(letter_render(letter_id=letters_for_case(case_id=case.pk)[0].pk))
    assert "Acknowledgement of receipt" in text and "We received your application" in text


def test_a_request_for_documents_quotes_what_the_officer_asked():
    officer = staff_make("officer")
    case = case_make()
    document_request_open(
        case_id=case.pk,
        step_code=STEP,
        description="Une copie de l'acte de mariage.",
        actor=officer,
    )
    request = letters_for_case(case_id=case.pk)[0]
    assert request.kind == LetterKind.DOCUMENTS_REQUEST
    _, text = pdf_text(letter_render(letter_id=request.pk))
    assert "Demande de documents" in text and "Une copie de l'acte de mariage." in text


def test_a_step_change_without_a_request_has_no_letter():
    case = case_make()
    case_step_update(case_id=case.pk, step_code=STEP, state="completed", actor=None)
    assert kinds(case) == [LetterKind.ACKNOWLEDGEMENT]


@pytest.mark.parametrize(
    ("outcome", "sentence"),
    [
        ("approved", "nous avons approuvé"),
        ("refused", "nous avons refusé"),
        ("withdrawn", "retirée"),
    ],
)
def test_the_decision_letter_says_the_decision(outcome, sentence):
    case = case_make()
    if outcome == "approved":
        steps = case.steps.exclude(step_type__code="final-decision").order_by("position")
        for code, state in steps.values_list("step_type__code", "state"):
            if state == "not_started":
                case_step_update(case_id=case.pk, step_code=code, state="in_progress", actor=None)
            case_step_update(case_id=case.pk, step_code=code, state="completed", actor=None)
    case_decide(case_id=case.pk, outcome=outcome, actor=None)
    decision = letters_for_case(case_id=case.pk)[0]
    assert decision.kind == LetterKind.DECISION
    _, text = pdf_text(letter_render(letter_id=decision.pk))
    assert "Décision" in text and sentence in text.replace("\n", " ")


def test_rendering_twice_keeps_the_first_pdf():
    case = case_make()
    first = letter_render(letter_id=letters_for_case(case_id=case.pk)[0].pk)
    again = letter_render(letter_id=first.pk)
    assert (again.storage_name, again.sha256) == (first.storage_name, first.sha256)
    assert len(list(default_storage.listdir("letters")[1])) == 1


def test_letters_are_kept_with_the_case():
    case = case_make()
    with pytest.raises(PermissionError):
        Letter.objects.filter(case_id=case.pk).delete()


def test_the_backfill_issues_only_what_is_missing_dated_at_the_event():
    case = case_make()
    Letter.objects.filter(case_id=case.pk)._raw_delete(Letter.objects.db)  # as a bulk-loaded case
    case_decide(case_id=case.pk, outcome="withdrawn", actor=None)
    issued = letters_backfill(case_id=case.pk)
    assert [letter.kind for letter in issued] == [LetterKind.ACKNOWLEDGEMENT]
    assert issued[0].issued_at == case.received_at
    assert letters_backfill(case_id=case.pk) == []
    assert sorted(kinds(case)) == sorted([LetterKind.ACKNOWLEDGEMENT, LetterKind.DECISION])


def test_a_letter_is_found_among_the_events_of_an_update():
    case = case_make()
    case_step_update(case_id=case.pk, step_code=STEP, state="completed", actor=None)  # event 3
    assert letter_issued_between(case_id=case.pk, first_sequence=1, last_sequence=3)
    assert not letter_issued_between(case_id=case.pk, first_sequence=2, last_sequence=3)


def test_rendering_a_letter_leaves_truncated_images_refused():
    # WeasyPrint's import sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process.
    from PIL import ImageFile

    case = case_make()
    letter_render(letter_id=letters_for_case(case_id=case.pk)[0].pk)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
