"""Generated text is safe for COPY and matches what people type."""

from guichet.demo import names, notes, places
from guichet.demo.writer import _copy_text

FORBIDDEN = ("\t", "\n", "\r", "\\")


def _texts() -> list[str]:
    texts: list[str] = list(names.EMAIL_DOMAINS)
    for origin in names.ORIGINS:
        texts += [*origin.family, *origin.female, *origin.male]
    for city in places.CITIES:
        texts += [city.name, city.province, *city.fsas]
    texts += [*places.STREETS_EN, *places.STREETS_FR]
    for country in (*places.VISA_COUNTRIES, *places.ETA_COUNTRIES):
        texts += [country.city, country.street]
    for pairs in (*notes.NOTES.values(), notes.GENERIC):
        texts += [text for pair in pairs for text in pair]
    texts += [text for pair in notes.DECISION_NOTES.values() for text in pair]
    return texts


def test_no_text_needs_escaping_in_copy():
    for text in _texts():
        assert text == text.strip() and text
        assert not any(c in text for c in FORBIDDEN), text


def test_copy_text_writes_null_and_values():
    assert _copy_text([(1, None, "Côté", "")]) == "1\t\\N\tCôté\t\n".encode()


def test_french_notes_are_written_in_french():
    for pairs in notes.NOTES.values():
        for english, french in pairs:
            assert english != french
            assert french.startswith(("Veuillez", "Votre", "Vos", "Nous", "La", "Le"))
