"""Message texts live in the gettext catalogues (issue 9, item 5): English renders exactly as
before, French comes from the hand-written catalogue, and a missing French text is caught by
the translation check and by a system check at start-up."""

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import pgettext_lazy

from guichet.notifications import message_templates
from guichet.notifications.checks import message_texts_check
from guichet.notifications.message_templates import (
    MESSAGES,
    TEMPLATES,
    MessageText,
    untranslated_messages,
)

DATA = Path(__file__).resolve().parent / "data" / "english_messages.json"
PO = Path(message_templates.__file__).resolve().parent / "locale" / "fr" / "LC_MESSAGES"
NBSP = "\u00a0"


def test_english_renders_exactly_as_before_the_move_to_gettext():
    # Snapshot taken from the texts as they were written in Python, before this change.
    before = json.loads(DATA.read_text(encoding="utf-8"))
    now = {
        f"{purpose}/{channel}": {"subject": template.subject, "body": template.body}
        for (purpose, channel, language), template in TEMPLATES.items()
        if language == "en"
    }
    # Purposes added since (the satisfaction survey's) have no "before": compare the others.
    assert {key: now[key] for key in before} == before


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_its_french_with_french_typography(key):
    purpose, channel = key
    french = TEMPLATES[(purpose, channel, "fr")]
    english = TEMPLATES[(purpose, channel, "en")]
    assert french.body != english.body
    assert french.placeholders == english.placeholders
    for text in (french.subject, french.body):
        for mark in ":;!?":
            assert f" {mark}" not in text, f"ordinary space before {mark!r} in {key}"


def test_nothing_is_untranslated_and_the_system_check_is_quiet():
    assert untranslated_messages("fr") == []
    assert message_texts_check() == []


def test_a_message_without_its_french_fails_the_system_check(monkeypatch):
    # Through variables, so that makemessages does not put this text in the catalogue.
    context, text = "message new_purpose sms body", "IRCC: Not translated."
    monkeypatch.setitem(
        MESSAGES, ("new_purpose", "sms"), MessageText(body=pgettext_lazy(context, text))
    )
    assert untranslated_messages("fr") == [("new_purpose", "sms")]
    errors = message_texts_check()
    assert [error.id for error in errors] == ["notifications.E003"]
    assert "new_purpose/sms" in errors[0].msg


def test_the_translation_check_fails_when_a_french_message_text_is_blanked(tmp_path):
    target = tmp_path / "notifications" / "locale" / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(PO / "django.po", target / "django.po")
    call_command("check_translations", locale_root=tmp_path)  # complete as committed

    text = (target / "django.po").read_text(encoding="utf-8")
    start = text.index('msgctxt "message receipt_confirmation sms body"')
    msgstr = text.index("msgstr", start)
    end = text.index("\n\n", msgstr)
    (target / "django.po").write_text(text[:msgstr] + 'msgstr ""' + text[end:], encoding="utf-8")

    with pytest.raises(CommandError, match="untranslated"):
        call_command("check_translations", locale_root=tmp_path)
