from django.utils.translation import gettext_lazy as _

from guichet.core.errors import InvalidInput
from guichet.core.text import name_key


def test_error_carries_both_languages_and_the_field():
    error = InvalidInput(_("A date of birth cannot be in the future."), field="date_of_birth")
    payload = error.as_dict()
    assert payload["field"] == "date_of_birth"
    assert payload["message"]["en"] == "A date of birth cannot be in the future."
    assert payload["message"]["fr"] == "La date de naissance ne peut pas être dans l'avenir."
    assert "date_of_birth" in str(error)


def test_name_key_ignores_case_accents_spaces_hyphens_apostrophes():
    assert name_key("TREMBLAY-GAGNÉ") == name_key("Tremblay Gagne") == "tremblaygagne"
    assert name_key("O'Brien") == name_key("OBRIEN") == name_key("o’brien")
    assert name_key("Côté") != name_key("Coté-Roy")


def test_name_key_transliterates_letters_without_a_separable_accent():
    assert name_key("Yılmaz") == name_key("YILMAZ") == "yilmaz"
    assert name_key("Łukasz Øster") == name_key("lukasz oster")
    assert name_key("Nguyễn Đức") == name_key("NGUYEN DUC")
