"""Canada's provinces and territories, with the first letters of their postal codes.

Canada Post gives each province or territory the first letter of its postal codes (X is shared
by the Northwest Territories and Nunavut; Quebec has G, H and J; Ontario K to P). A postal code
whose first letter is not its province's is an address that does not exist.
"""

from django.utils.translation import gettext_lazy as _

PROVINCES = {
    "AB": _("Alberta"),
    "BC": _("British Columbia"),
    "MB": _("Manitoba"),
    "NB": _("New Brunswick"),
    "NL": _("Newfoundland and Labrador"),
    "NS": _("Nova Scotia"),
    "NT": _("Northwest Territories"),
    "NU": _("Nunavut"),
    "ON": _("Ontario"),
    "PE": _("Prince Edward Island"),
    "QC": _("Quebec"),
    "SK": _("Saskatchewan"),
    "YT": _("Yukon"),
}

POSTAL_LETTERS = {
    "AB": "T",
    "BC": "V",
    "MB": "R",
    "NB": "E",
    "NL": "A",
    "NS": "B",
    "NT": "X",
    "NU": "X",
    "ON": "KLMNP",
    "PE": "C",
    "QC": "GHJ",
    "SK": "S",
    "YT": "Y",
}
