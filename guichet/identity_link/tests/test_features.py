from guichet.identity_link.comparisons import DATE_OF_BIRTH, FAMILY, GIVEN
from guichet.identity_link.features import features_of, fold


def person(**changes):
    values = {
        "family_name": "Tremblay-Gagné",
        "given_names": "Jean Pierre",
        "date_of_birth": "1984-03-07",
        "sex": "M",
        "birth_place": "Montréal",
        "postal_code": "h2x 1y4",
    }
    return features_of(**(values | changes))


def test_fold_removes_accents_and_transliterates_other_scripts():
    assert fold("GAGNÉ") == "gagne"
    assert fold("Ёлкина") == "elkina"
    assert fold("Yılmaz") == "yilmaz"
    assert fold("D'Amours-St-Onge") == "d amours st onge"
    assert fold(None) == ""


def test_features_of_a_record():
    record = person()
    assert record.family == "tremblaygagne"
    assert record.family_tokens == ("gagne", "tremblay")
    assert record.given_first == "john"  # Jean, in the John group
    assert record.given_tokens == ("john", "peter")
    assert record.dob == "19840307"
    assert record.postal == "H2X1Y4"
    assert record.postal_area == "H2X"
    assert record.birth_place == "montreal"


def test_compound_family_names_drop_particles():
    assert person(family_name="de la Fontaine").family_tokens == ("fontaine",)
    assert person(family_name="Van der Berg").family_tokens == ("berg",)


def test_family_name_levels():
    base = person()
    label = lambda other: FAMILY.levels[FAMILY.level_of(base, other)].label  # noqa: E731
    assert label(person(family_name="TREMBLAY GAGNE")) == "family exact"
    assert label(person(family_name="Gagné-Tremblay")) == "family_tokens same set"
    assert label(person(family_name="Gagné")) == "family_tokens share a name"
    assert label(person(family_name="Tremblay-Gagnez")).startswith("family Jaro-Winkler >= 0.92")
    assert label(person(family_name="")) == "family blank"
    assert label(person(family_name="Nguyen")) == "all other"


def test_names_swapped_between_family_and_given():
    base = person(family_name="Martin", given_names="Luc")
    other = person(family_name="Luc", given_names="Martin")
    assert FAMILY.levels[FAMILY.level_of(base, other)].label == "family and given names swapped"


def test_given_name_levels_variants_and_order():
    base = person()
    label = lambda other: GIVEN.levels[GIVEN.level_of(base, other)].label  # noqa: E731
    assert label(person(given_names="jean-pierre")) == "given exact"
    assert label(person(given_names="John Peter")) == "given_first exact"
    assert label(person(given_names="Johnny")) == "given_first exact"
    assert label(person(given_names="Pierre Jean")) == "given_tokens same set"
    assert label(person(given_names="Luc Pierre")) == "given_tokens share a name"
    assert label(person(given_names="Mohammed")) == "all other"


def test_date_of_birth_levels():
    base = person()
    label = lambda other: DATE_OF_BIRTH.levels[DATE_OF_BIRTH.level_of(base, other)].label  # noqa: E731
    assert label(person(date_of_birth="1984-03-07")) == "dob exact"
    assert label(person(date_of_birth="1984-03-08")) == "dob Damerau-Levenshtein <= 1"
    assert label(person(date_of_birth="1984-07-03")) == "dob day and month swapped"
    assert label(person(date_of_birth="1948-03-17")) == "dob Damerau-Levenshtein <= 2"
    assert label(person(date_of_birth="1990-11-30")) == "all other"
    assert label(person(date_of_birth="")) == "dob blank"
