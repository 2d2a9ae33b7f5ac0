"""Where the synthetic clients live: Canadian cities with real postal-code areas and area codes,
and the countries applicants write from.

Phone numbers use the 555-01xx block, which North American numbering keeps for fiction.
Street names are ordinary ones; together with a random civic number they point nowhere.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    name: str
    province: str
    weight: float
    fsas: tuple[str, ...]  # forward sortation areas: the first half of a postal code
    area_codes: tuple[str, ...]
    french: bool = False  # street names in French


CITIES: tuple[City, ...] = (
    City("Toronto", "ON", 18, ("M5V", "M4C", "M6H", "M1B", "M2N", "M9W", "M3C"), ("416", "647")),
    City("Mississauga", "ON", 5, ("L5B", "L5M", "L4T"), ("905", "289")),
    City("Brampton", "ON", 5, ("L6T", "L6P", "L6Y"), ("905", "365")),
    City("Ottawa", "ON", 5, ("K1N", "K2P", "K1S", "K2G"), ("613", "343")),
    City("Hamilton", "ON", 2, ("L8P", "L9C"), ("905", "289")),
    City("Windsor", "ON", 1, ("N9A", "N8X"), ("519", "226")),
    City("Montréal", "QC", 14, ("H2X", "H3A", "H1W", "H4N", "H3S", "H2R"), ("514", "438"), True),
    City("Laval", "QC", 2, ("H7N", "H7W"), ("450", "579"), True),
    City("Québec", "QC", 3, ("G1R", "G1V", "G2B"), ("418", "581"), True),
    City("Gatineau", "QC", 2, ("J8Y", "J9H"), ("819", "873"), True),
    City("Sherbrooke", "QC", 1, ("J1H", "J1K"), ("819", "873"), True),
    City("Vancouver", "BC", 8, ("V6B", "V5K", "V6K", "V5R"), ("604", "778")),
    City("Surrey", "BC", 4, ("V3T", "V3W", "V4N"), ("604", "236")),
    City("Victoria", "BC", 1, ("V8W", "V9A"), ("250", "778")),
    City("Calgary", "AB", 6, ("T2P", "T3K", "T2E"), ("403", "587")),
    City("Edmonton", "AB", 5, ("T5J", "T6E", "T5K"), ("780", "587")),
    City("Winnipeg", "MB", 4, ("R3C", "R2W", "R3T"), ("204", "431")),
    City("Regina", "SK", 1, ("S4P", "S4T"), ("306", "639")),
    City("Saskatoon", "SK", 1, ("S7K", "S7N"), ("306", "639")),
    City("Halifax", "NS", 2, ("B3H", "B3K", "B3L"), ("902", "782")),
    City("Moncton", "NB", 1, ("E1C", "E1A"), ("506",), True),
    City("Fredericton", "NB", 0.5, ("E3B",), ("506",)),
    City("Charlottetown", "PE", 0.4, ("C1A",), ("902",)),
    City("St. John's", "NL", 0.5, ("A1C", "A1B"), ("709",)),
    City("Whitehorse", "YT", 0.1, ("Y1A",), ("867",)),
    City("Yellowknife", "NT", 0.1, ("X1A",), ("867",)),
    City("Iqaluit", "NU", 0.05, ("X0A",), ("867",)),
)

STREETS_EN = (
    "Maple Street",
    "Oak Avenue",
    "King Street West",
    "Queen Street East",
    "Elm Drive",
    "Lakeshore Road",
    "Pine Crescent",
    "Cedar Lane",
    "Main Street",
    "Victoria Avenue",
    "Riverside Drive",
    "Hillcrest Road",
    "Wellington Street",
    "Bay Street",
    "Park Avenue",
    "Birch Court",
    "Church Street",
    "Bloor Street",
    "Jasper Avenue",
    "Portage Avenue",
)
STREETS_FR = (
    "rue Saint-Denis",
    "boulevard René-Lévesque",
    "avenue du Parc",
    "rue Sainte-Catherine",
    "chemin de la Côte-des-Neiges",
    "rue de l'Église",
    "boulevard Saint-Laurent",
    "avenue des Érables",
    "rue Principale",
    "rue Notre-Dame",
    "chemin Sainte-Foy",
    "rue du Sault-au-Matelot",
    "boulevard Henri-Bourassa",
    "rue Jean-Talon",
    "avenue Cartier",
)
# Letters allowed in the last three characters of a postal code (no D, F, I, O, Q, U).
POSTAL_LETTERS = "ABCEGHJKLMNPRSTVWXYZ"


@dataclass(frozen=True)
class Country:
    code: str
    city: str
    postal_digits: int  # 0: no postal code in the address
    street: str
    origins: tuple[str, ...]  # naming traditions (names.Origin.code) common there


# Where applicants outside Canada write from. eTA countries are visa-exempt.
VISA_COUNTRIES: tuple[Country, ...] = (
    Country("IN", "New Delhi", 6, "Sector 14 Road", ("south-asian",)),
    Country("IN", "Mumbai", 6, "Linking Road", ("south-asian",)),
    Country("CN", "Shanghai", 6, "Huaihai Road", ("east-asian",)),
    Country("PH", "Manila", 4, "Taft Avenue", ("east-asian",)),
    Country("NG", "Lagos", 6, "Adeola Odeku Street", ("other",)),
    Country("VN", "Hanoi", 6, "Pho Hue", ("east-asian",)),
    Country("PK", "Lahore", 5, "Mall Road", ("south-asian",)),
    Country("MA", "Casablanca", 5, "Boulevard d'Anfa", ("francophone",)),
    Country("HT", "Port-au-Prince", 0, "Rue Capois", ("francophone",)),
    Country("SN", "Dakar", 5, "Avenue Cheikh Anta Diop", ("francophone",)),
    Country("CM", "Yaoundé", 0, "Avenue Kennedy", ("francophone",)),
    Country("DZ", "Alger", 5, "Rue Didouche Mourad", ("francophone",)),
    Country("CO", "Bogotá", 6, "Carrera 7", ("latin",)),
    Country("IR", "Tehran", 10, "Valiasr Street", ("other",)),
    Country("BR", "São Paulo", 8, "Avenida Paulista", ("latin",)),
)
ETA_COUNTRIES: tuple[Country, ...] = (
    Country("FR", "Paris", 5, "Rue de Rivoli", ("fr", "francophone")),
    Country("FR", "Lyon", 5, "Rue de la République", ("fr", "francophone")),
    Country("GB", "London", 0, "Baker Street", ("en", "south-asian")),
    Country("DE", "Berlin", 5, "Friedrichstraße", ("other",)),
    Country("JP", "Tokyo", 7, "Chuo-dori", ("east-asian",)),
    Country("KR", "Seoul", 5, "Sejong-daero", ("east-asian",)),
    Country("MX", "Ciudad de México", 5, "Paseo de la Reforma", ("latin",)),
    Country("AU", "Sydney", 4, "George Street", ("en", "east-asian")),
    Country("ES", "Madrid", 5, "Calle de Alcalá", ("latin",)),
    Country("IT", "Roma", 5, "Via del Corso", ("other",)),
    Country("BE", "Bruxelles", 4, "Rue Neuve", ("fr", "francophone")),
    Country("CH", "Genève", 4, "Rue du Rhône", ("fr", "other")),
)
