"""The council report: the jurisdiction named on its first line, in both languages."""

from guichet.config.env import env_str

REPORTS_JURISDICTION = {
    "en": env_str("REPORTS_JURISDICTION_EN", "Immigration, Refugees and Citizenship Canada"),
    "fr": env_str("REPORTS_JURISDICTION_FR", "Immigration, Réfugiés et Citoyenneté Canada"),
}
