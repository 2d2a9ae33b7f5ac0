"""The French catalogues are complete, and the check that says so catches what it should."""

from __future__ import annotations

import gettext
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_french_catalogues_are_complete() -> None:
    """Every guichet/*/locale has a French django.po with nothing untranslated or fuzzy."""
    out = StringIO()
    call_command("check_translations", stdout=out)
    assert "Translations complete" in out.getvalue()


def write_catalogue(root: Path, *entries: polib.POEntry, app: str = "web") -> Path:
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "fr",
        "Plural-Forms": "nplurals=2; plural=(n > 1);",
    }
    for entry in entries:
        po.append(entry)
    path = root / app / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    po.save(str(path))
    return path


def check(root: Path) -> str:
    out = StringIO()
    call_command("check_translations", "--locale-root", str(root), stdout=out)
    return out.getvalue()


TRANSLATED = polib.POEntry(msgid="Case status", msgstr="État du dossier")


def test_complete_catalogue_passes(tmp_path: Path) -> None:
    write_catalogue(
        tmp_path,
        TRANSLATED,
        polib.POEntry(
            msgid="%(count)s case",
            msgid_plural="%(count)s cases",
            msgstr_plural={0: "%(count)s dossier", 1: "%(count)s dossiers"},
            flags=["python-format"],
        ),
    )
    assert "2 entries" in check(tmp_path)


def test_untranslated_entry_fails(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path, TRANSLATED, polib.POEntry(msgid="Sign in", msgstr=""))
    with pytest.raises(CommandError, match=r"untranslated: msgid 'Sign in'") as error:
        check(tmp_path)
    assert f"{path.name}:" in str(error.value)  # file:line


def test_untranslated_plural_form_fails(tmp_path: Path) -> None:
    write_catalogue(
        tmp_path,
        polib.POEntry(
            msgid="%(count)s step",
            msgid_plural="%(count)s steps",
            msgstr_plural={0: "%(count)s étape", 1: ""},
            flags=["python-format"],
        ),
    )
    with pytest.raises(CommandError, match="untranslated"):
        check(tmp_path)


def test_fuzzy_entry_fails(tmp_path: Path) -> None:
    write_catalogue(tmp_path, polib.POEntry(msgid="Decision", msgstr="Décision", flags=["fuzzy"]))
    with pytest.raises(CommandError, match=r"fuzzy .*msgid 'Decision'"):
        check(tmp_path)


def test_obsolete_entry_fails(tmp_path: Path) -> None:
    write_catalogue(
        tmp_path, TRANSLATED, polib.POEntry(msgid="Old", msgstr="Ancien", obsolete=True)
    )
    with pytest.raises(CommandError, match="obsolete"):
        check(tmp_path)


def test_lost_placeholder_fails(tmp_path: Path) -> None:
    write_catalogue(
        tmp_path,
        polib.POEntry(
            msgid="Received on %(date)s",
            msgstr="Reçue le %(jour)s",
            flags=["python-format"],
        ),
    )
    with pytest.raises(CommandError, match="placeholders differ"):
        check(tmp_path)


def test_locale_directory_without_french_catalogue_fails(tmp_path: Path) -> None:
    write_catalogue(tmp_path, TRANSLATED)
    (tmp_path / "cases" / "locale").mkdir(parents=True)
    with pytest.raises(CommandError, match=r"cases/locale/fr/LC_MESSAGES/django.po: missing"):
        check(tmp_path)


def test_compile_translations_writes_mo_without_fuzzy_entries(tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path,
        TRANSLATED,
        polib.POEntry(msgid="Decision", msgstr="Décision", flags=["fuzzy"]),
    )
    call_command("compile_translations", "--locale-root", str(tmp_path), stdout=StringIO())
    with path.with_suffix(".mo").open("rb") as mo:
        catalogue = gettext.GNUTranslations(mo)
    assert catalogue.gettext("Case status") == "État du dossier"
    assert catalogue.gettext("Decision") == "Decision"
