"""Synthetic Canadian people and their second records, with known true pairs.

For the stored model's training, the tests and the benchmark: English and French names,
accents, hyphenated and compound family names, French/English given-name variants, swapped
given names, typing errors, dates of birth with a typo or day and month swapped, blanks.
Nothing here is a real person.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

FAMILY = [
    "Tremblay",
    "Gagnon",
    "Roy",
    "Côté",
    "Bouchard",
    "Gauthier",
    "Morin",
    "Lavoie",
    "Fortin",
    "Gagné",
    "Ouellet",
    "Pelletier",
    "Bélanger",
    "Lévesque",
    "Bergeron",
    "Leblanc",
    "Paquette",
    "Girard",
    "Simard",
    "Boucher",
    "Caron",
    "Beaulieu",
    "Cloutier",
    "Dubé",
    "Poirier",
    "Fournier",
    "Lapointe",
    "Leclerc",
    "Lefebvre",
    "Poulin",
    "Thibault",
    "St-Pierre",
    "Nadeau",
    "Martin",
    "Landry",
    "Martel",
    "Bédard",
    "Grenier",
    "Lessard",
    "Bernier",
    "Richard",
    "Michaud",
    "Hébert",
    "Desjardins",
    "Couture",
    "Turcotte",
    "Lachance",
    "Parent",
    "Blais",
    "Gosselin",
    "Savard",
    "Proulx",
    "Beaudoin",
    "Demers",
    "Perreault",
    "Boudreau",
    "Smith",
    "Brown",
    "Tremblay",
    "Wilson",
    "MacDonald",
    "Taylor",
    "Campbell",
    "Anderson",
    "Jones",
    "Johnson",
    "Williams",
    "Thompson",
    "Miller",
    "Martin",
    "Lee",
    "White",
    "Scott",
    "Stewart",
    "Robinson",
    "Clark",
    "Walker",
    "Young",
    "Wright",
    "King",
    "Murphy",
    "O'Brien",
    "Kelly",
    "Ryan",
    "Sullivan",
    "McCarthy",
    "Fraser",
    "Ross",
    "Reid",
    "Morrison",
    "Hamilton",
    "Graham",
    "Singh",
    "Patel",
    "Nguyen",
    "Chen",
    "Wang",
    "Li",
    "Kaur",
    "Kim",
    "Khan",
    "Ali",
    "Hussain",
    "Ahmed",
    "Rodriguez",
    "Garcia",
    "Silva",
    "Santos",
    "Rossi",
    "Russo",
    "Müller",
    "Schmidt",
    "Kowalski",
    "Nowak",
    "Ivanov",
    "Petrov",
    "Yılmaz",
    "Öztürk",
    "Łukasz",
    "De la Fontaine",
    "Van der Berg",
    "Dos Santos",
    "Saint-Onge",
    "D'Amours",
    "Le Blanc",
    "Da Silva",
]
GIVEN_F = [
    "Marie",
    "Anne",
    "Sophie",
    "Julie",
    "Isabelle",
    "Catherine",
    "Nathalie",
    "Chantal",
    "Geneviève",
    "Émilie",
    "Camille",
    "Chloé",
    "Léa",
    "Zoé",
    "Mélanie",
    "Josée",
    "Hélène",
    "Françoise",
    "Élisabeth",
    "Jeanne",
    "Margaret",
    "Mary",
    "Jennifer",
    "Sarah",
    "Emily",
    "Jessica",
    "Ashley",
    "Emma",
    "Olivia",
    "Ava",
    "Charlotte",
    "Amelia",
    "Hannah",
    "Grace",
    "Fatima",
    "Aisha",
    "Priya",
    "Mei",
    "Yuki",
    "Ana",
    "Lucía",
    "Gabrielle",
    "Stéphanie",
    "Louise",
    "Caroline",
    "Christine",
    "Susan",
]
GIVEN_M = [
    "Jean",
    "Pierre",
    "Michel",
    "Jacques",
    "François",
    "Luc",
    "Marc",
    "André",
    "Louis",
    "Mathieu",
    "Étienne",
    "Guillaume",
    "Olivier",
    "Philippe",
    "Stéphane",
    "Sébastien",
    "Gabriel",
    "Samuel",
    "Félix",
    "Antoine",
    "Nicolas",
    "Alexandre",
    "John",
    "Peter",
    "Michael",
    "James",
    "William",
    "David",
    "Robert",
    "Thomas",
    "Daniel",
    "Matthew",
    "Andrew",
    "Christopher",
    "Joseph",
    "Charles",
    "George",
    "Henry",
    "Edward",
    "Mohammed",
    "Ahmed",
    "Omar",
    "Raj",
    "Arjun",
    "Wei",
    "Hiroshi",
    "Juan",
    "Carlos",
    "Luca",
    "Ivan",
    "Dmitri",
    "Kenji",
    "Patrick",
]
PLACES = [
    "Montréal",
    "Québec",
    "Toronto",
    "Ottawa",
    "Gatineau",
    "Vancouver",
    "Calgary",
    "Edmonton",
    "Winnipeg",
    "Halifax",
    "Moncton",
    "Regina",
    "Saskatoon",
    "Victoria",
    "Sherbrooke",
    "Trois-Rivières",
    "Saguenay",
    "Lévis",
    "Laval",
    "Longueuil",
    "Hamilton",
    "London",
    "Kitchener",
    "Windsor",
    "St. John's",
    "Charlottetown",
    "Fredericton",
    "Whitehorse",
    "Yellowknife",
    "Iqaluit",
    "Paris",
    "Lyon",
    "Marseille",
    "Port-au-Prince",
    "Casablanca",
    "Alger",
    "Tunis",
    "Dakar",
    "Beyrouth",
    "Manila",
    "Mumbai",
    "Delhi",
    "Lahore",
    "Beijing",
    "Shanghai",
    "Seoul",
    "Mexico",
    "Bogotá",
]
FSA = "ABCEGHJKLMNPRSTVXY"
VARIANTS = {
    "Jean": "John", "John": "Jean", "Pierre": "Peter", "Peter": "Pierre", "Michel": "Michael",
    "Michael": "Michel", "Jacques": "James", "James": "Jacques", "Guillaume": "William",
    "William": "Guillaume", "Marie": "Mary", "Mary": "Marie", "Étienne": "Stephen",
    "Henry": "Henri", "Élisabeth": "Elizabeth", "Catherine": "Kate", "Mohammed": "Muhammad",
    "André": "Andrew", "Andrew": "Andy", "Robert": "Bob", "William ": "Bill",
}  # fmt: skip
ACCENTS = str.maketrans("éèêëàâäôöûüùîïçÉÈÊÀÔÇ", "eeeeaaaoouuuiicEEEAOC")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _person(rng: random.Random, number: int) -> dict[str, str]:
    sex = rng.choices("FMX", weights=(49, 49, 2))[0]
    pool = GIVEN_F if sex == "F" else GIVEN_M if sex == "M" else GIVEN_F + GIVEN_M
    given = [rng.choice(pool)] + ([rng.choice(pool)] if rng.random() < 0.4 else [])
    family = rng.choice(FAMILY)
    if rng.random() < 0.12:
        family = f"{family}-{rng.choice(FAMILY)}"
    born = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(90 * 365))
    postal = (
        f"{rng.choice(FSA)}{rng.randrange(10)}{rng.choice(FSA)} "
        f"{rng.randrange(10)}{rng.choice(FSA)}{rng.randrange(10)}"
    )
    return {
        "record_id": f"p{number}",
        "family_name": family,
        "given_names": " ".join(dict.fromkeys(given)),
        "date_of_birth": born.isoformat(),
        "sex": sex,
        "birth_place": rng.choice(PLACES),
        "postal_code": postal,
    }


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 3:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return text[:i] + rng.choice(LETTERS) + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def _date_error(rng: random.Random, value: str) -> str:
    day = dt.date.fromisoformat(value)
    if rng.random() < 0.5 and day.day <= 12 and day.day != day.month:
        return dt.date(day.year, day.day, day.month).isoformat()
    for _ in range(10):
        digits = list(value.replace("-", ""))
        i = rng.choice((2, 3, 5, 7))
        digits[i] = str((int(digits[i]) + rng.choice((1, 9))) % 10)
        text = "".join(digits)
        candidate = f"{text[:4]}-{text[4:6]}-{text[6:]}"
        try:
            dt.date.fromisoformat(candidate)
        except ValueError:
            continue
        return candidate
    return value


def corrupt(rng: random.Random, person: dict[str, str], number: int) -> dict[str, str]:
    """Another record of the same person, as a registry or another clerk would type it."""
    record = dict(person, record_id=f"q{number}")
    if rng.random() < 0.3:
        record["family_name"] = record["family_name"].translate(ACCENTS)
        record["given_names"] = record["given_names"].translate(ACCENTS)
    if rng.random() < 0.25:
        record["family_name"] = record["family_name"].upper()
    if "-" in record["family_name"] and rng.random() < 0.5:
        parts = record["family_name"].split("-")
        record["family_name"] = rng.choice((parts[0], " ".join(parts), parts[-1]))
    given = record["given_names"].split()
    if rng.random() < 0.12:
        given[0] = VARIANTS.get(given[0], given[0])
    if len(given) > 1 and rng.random() < 0.3:
        given = given[::-1] if rng.random() < 0.5 else given[:1]
    record["given_names"] = " ".join(given)
    for column in ("family_name", "given_names", "birth_place"):
        if rng.random() < 0.12:
            record[column] = _typo(rng, record[column])
    if rng.random() < 0.1:
        record["date_of_birth"] = _date_error(rng, record["date_of_birth"])
    if rng.random() < 0.3:  # moved since
        record["postal_code"] = _person(rng, 0)["postal_code"]
    for column, chance in (("sex", 0.05), ("birth_place", 0.15), ("postal_code", 0.2)):
        if rng.random() < chance:
            record[column] = ""
    return record


def pairs(
    count: int, *, seed: int = 14, overlap: float = 0.8
) -> tuple[list[dict[str, str]], list[dict[str, str]], set[tuple[str, str]]]:
    """Two files of `count` records each; `overlap` of the right file are people of the
    left file typed again, the rest other people. Also the true pairs (left_id, right_id)."""
    rng = random.Random(seed)
    left = [_person(rng, number) for number in range(count)]
    right: list[dict[str, str]] = []
    truth: set[tuple[str, str]] = set()
    for number in range(count):
        if rng.random() < overlap:
            person = left[number]
            right.append(corrupt(rng, person, number))
            truth.add((person["record_id"], f"q{number}"))
        else:
            right.append(dict(_person(rng, count + number), record_id=f"q{number}"))
    rng.shuffle(right)
    return left, right, truth


def records(people: list[dict[str, str]]) -> Iterator[dict[str, str]]:
    yield from people
