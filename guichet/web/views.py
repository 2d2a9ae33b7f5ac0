"""Public pages of the web shell."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from guichet.catalogue.selectors import service_list
from guichet.core.text import name_key


@dataclass(frozen=True)
class StandardRow:
    """One line of the home page's table of service standards, in the page language."""

    service: str
    percent: int
    days: int
    note: str


def standard_rows(language: str) -> list[StandardRow]:
    """Services with a published standard, by name in `language`."""
    rows = [
        StandardRow(
            service=service.name(language),
            percent=round(float(service.standard_share or 0) * 100),
            days=service.standard_days,
            note=service.standard_note_fr if language == "fr" else service.standard_note_en,
        )
        for service in service_list()
        if service.standard_days and service.standard_share
    ]
    return sorted(rows, key=lambda row: name_key(row.service))


def home(request: HttpRequest) -> HttpResponse:
    """What Guichet offers, in plain language, and how long each service takes."""
    language = get_language() or "en"
    return render(request, "web/home.html", {"standards": standard_rows(language)})
