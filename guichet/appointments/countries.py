"""Names of the countries that have a visa application centre, in English and French."""

from django.utils.translation import gettext_lazy as _

COUNTRY_NAMES = {
    "AE": _("United Arab Emirates"),
    "BD": _("Bangladesh"),
    "BR": _("Brazil"),
    "CN": _("China"),
    "CO": _("Colombia"),
    "FR": _("France"),
    "GB": _("United Kingdom"),
    "IN": _("India"),
    "MA": _("Morocco"),
    "MX": _("Mexico"),
    "NG": _("Nigeria"),
    "PH": _("Philippines"),
    "PK": _("Pakistan"),
    "SN": _("Senegal"),
    "TR": _("Türkiye"),
    "VN": _("Viet Nam"),
}


def country_name(code: str) -> str:
    name = COUNTRY_NAMES.get(code)
    return str(name) if name is not None else code
