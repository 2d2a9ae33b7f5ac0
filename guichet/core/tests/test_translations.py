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


# --- French typography -------------------------------------------------------------------------

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("text", "typeset"),
    [
        ("Date de naissance : %(date)s", f"Date de naissance{NBSP}: %(date)s"),
        ("%(label)s: %(error)s", f"%(label)s{NBSP}: %(error)s"),
        ("Le client a répondu; l'étape reprend", f"Le client a répondu{NBSP}; l'étape reprend"),
        ("Merci!", f"Merci{NBSP}!"),
        ("Est-ce complet ?", f"Est-ce complet{NBSP}?"),
        ("l'étape « %(step)s »", f"l'étape «{NBSP}%(step)s{NBSP}»"),
        ("80 %% des demandes", f"80{NBSP}%% des demandes"),
        ("%(percent)s %% des demandes", f"%(percent)s{NBSP}%% des demandes"),
        ("l’état du dossier", "l'état du dossier"),
        ("<strong>Note</strong> : lisez", f"<strong>Note</strong>{NBSP}: lisez"),
    ],
)
def test_french_typeset_applies_the_rules(text: str, typeset: str) -> None:
    from guichet.core.management.typography import french_typeset, typography_problems

    assert typography_problems(text)
    assert french_typeset(text) == typeset
    assert french_typeset(typeset) == typeset  # applying twice changes nothing
    assert typography_problems(typeset) == []


@pytest.mark.parametrize(
    "text",
    [
        "Voir https://canada.ca/fr?langue=fr pour en savoir plus",
        '<a href="%(url)s" class="g-link">le formulaire</a>',
        "Ouvert de 8:30 à 16:30",
        f"Déjà juste{NBSP}: rien à changer",
    ],
)
def test_french_typography_leaves_addresses_tags_and_times_alone(text: str) -> None:
    from guichet.core.management.typography import french_typeset, typography_problems

    assert french_typeset(text) == text
    assert typography_problems(text) == []


@pytest.mark.parametrize(
    ("text", "term"), [("Recevoir un texto", "message texte"), ("Numéro mobile", "cellulaire")]
)
def test_french_terms_are_consistent(text: str, term: str) -> None:
    from guichet.core.management.typography import typography_problems

    assert any(term in problem for problem in typography_problems(text))


def test_check_translations_refuses_french_typography_and_fixes_it(tmp_path: Path) -> None:
    path = write_catalogue(
        tmp_path,
        polib.POEntry(msgid="Status: %(s)s", msgstr="État : %(s)s", flags=["python-format"]),
    )
    with pytest.raises(CommandError, match="French typography"):
        check(tmp_path)
    out = StringIO()
    call_command(
        "check_translations", "--locale-root", str(tmp_path), "--fix-typography", stdout=out
    )
    assert "1 entries typeset" in out.getvalue()
    assert polib.pofile(str(path)).find("Status: %(s)s").msgstr == f"État{NBSP}: %(s)s"


def _french_texts(value: object, where: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [
            found for key, item in value.items() for found in _french_texts(item, f"{where}.{key}")
        ]
    if isinstance(value, list):
        return [
            found for i, item in enumerate(value) for found in _french_texts(item, f"{where}[{i}]")
        ]
    return [(where, value)] if isinstance(value, str) and where.endswith(".fr") else []


def test_french_text_in_data_files_follows_the_typography() -> None:
    """The catalogue, the visitor-visa questions and the help articles carry French text that
    no .po file holds: the same rules apply to it."""
    import tomllib

    from guichet.core.management.translations import PACKAGE_DIR
    from guichet.core.management.typography import typography_problems

    files = sorted(PACKAGE_DIR.glob("*/data/*.toml"))
    assert files
    problems = [
        f"{path.relative_to(PACKAGE_DIR)} {where}: {problem}"
        for path in files
        for where, text in _french_texts(tomllib.loads(path.read_text(encoding="utf-8")))
        for problem in typography_problems(text)
    ]
    assert problems == []
