"""The regulators whose members may represent clients, as data: the 14 law societies (one
per province and territory), the Chambre des notaires du Québec and the College of
Immigration and Citizenship Consultants. Loaded (created or updated, never deleted) by
migration 0002 and again by `regulators_load()`."""

from typing import Any

REGULATORS: list[dict[str, str]] = [
    {"code": "ls-ab", "kind": "law_society", "province": "AB",
     "name_en": "Law Society of Alberta", "name_fr": "Law Society of Alberta"},
    {"code": "ls-bc", "kind": "law_society", "province": "BC",
     "name_en": "Law Society of British Columbia",
     "name_fr": "Law Society of British Columbia"},
    {"code": "ls-mb", "kind": "law_society", "province": "MB",
     "name_en": "Law Society of Manitoba", "name_fr": "Société du Barreau du Manitoba"},
    {"code": "ls-nb", "kind": "law_society", "province": "NB",
     "name_en": "Law Society of New Brunswick",
     "name_fr": "Barreau du Nouveau-Brunswick"},
    {"code": "ls-nl", "kind": "law_society", "province": "NL",
     "name_en": "Law Society of Newfoundland and Labrador",
     "name_fr": "Law Society of Newfoundland and Labrador"},
    {"code": "ls-ns", "kind": "law_society", "province": "NS",
     "name_en": "Nova Scotia Barristers' Society",
     "name_fr": "Nova Scotia Barristers' Society"},
    {"code": "ls-on", "kind": "law_society", "province": "ON",
     "name_en": "Law Society of Ontario", "name_fr": "Barreau de l'Ontario"},
    {"code": "ls-pe", "kind": "law_society", "province": "PE",
     "name_en": "Law Society of Prince Edward Island",
     "name_fr": "Law Society of Prince Edward Island"},
    {"code": "ls-qc", "kind": "law_society", "province": "QC",
     "name_en": "Barreau du Québec", "name_fr": "Barreau du Québec"},
    {"code": "ls-sk", "kind": "law_society", "province": "SK",
     "name_en": "Law Society of Saskatchewan", "name_fr": "Law Society of Saskatchewan"},
    {"code": "ls-nt", "kind": "law_society", "province": "NT",
     "name_en": "Law Society of the Northwest Territories",
     "name_fr": "Barreau des Territoires du Nord-Ouest"},
    {"code": "ls-nu", "kind": "law_society", "province": "NU",
     "name_en": "Law Society of Nunavut", "name_fr": "Barreau du Nunavut"},
    {"code": "ls-yt", "kind": "law_society", "province": "YT",
     "name_en": "Law Society of Yukon", "name_fr": "Barreau du Yukon"},
    {"code": "cnq", "kind": "notaries", "province": "QC",
     "name_en": "Chambre des notaires du Québec", "name_fr": "Chambre des notaires du Québec"},
    {"code": "cicc", "kind": "consultants", "province": "",
     "name_en": "College of Immigration and Citizenship Consultants",
     "name_fr": "Collège des consultants en immigration et en citoyenneté"},
]  # fmt: skip


def regulators_load(regulator_model: Any) -> int:
    """Create or update every regulator (the model class is passed so that a migration can
    give its historical one). Returns how many there are."""
    for row in REGULATORS:
        fields = {k: v for k, v in row.items() if k != "code"}
        regulator_model.objects.update_or_create(  # write-ok: reference data, run by migrations
            code=row["code"], defaults=fields
        )
    return len(REGULATORS)
