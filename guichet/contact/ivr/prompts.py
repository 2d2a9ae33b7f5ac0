"""What the phone line says, in English and French, as whole sentences written to be heard.

French is written for the ear: "appuyez sur le 1", dates read "le 1er mars 2025". Nothing here
holds personal data; the sentences about a case come from the status selector.
"""

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

# The active offer, said in each language in turn, each in its own language (so not
# translated: the English sentence is never said in French, nor the reverse).
OFFER = {
    "en": "Hello. For service in English, press %(key)s.",
    "fr": "Bonjour. Pour le service en français, appuyez sur le %(key)s.",
}

WELCOME = _(
    "Welcome to the automated application status line of Immigration, Refugees and "
    "Citizenship Canada. At any time, press 0 to speak to an agent, or press 9 to hear a "
    "message again."
)
ASK_NUMBER = _(
    "Using your telephone keypad, enter the 9 digits of your application number, without the "
    "letter at the beginning."
)
ASK_FAMILY_NAME = _(
    "Now enter the first 3 letters of the applicant's family name, as it is written on the "
    "application: for each letter, press the key that shows it. For example, for Tremblay, "
    "enter 8 7 3. If the name has fewer than 3 letters, enter them, then press the pound key."
)
ASK_BIRTH_DATE = _(
    "Now enter the applicant's date of birth in 8 digits: the year, the month, then the day. "
    "For example, for March 14, 1985, enter 1 9 8 5 0 3 1 4."
)
NUMBER_INCOMPLETE = _("That number is incomplete. An application number has 9 digits.")
NUMBER_INVALID = _(
    "That application number is not valid. Please check the digits and enter it again."
)
STAR_PRESSED = _("You pressed the star key, so we will start this entry again.")
NAME_INVALID = _(
    "That entry is not valid. For each letter of the family name, press the key from 2 to 9 "
    "that shows it."
)
DATE_INVALID = _(
    "That date is not valid. Enter 8 digits: the year in 4 digits, the month in 2 digits, "
    "then the day in 2 digits."
)
NO_MATCH = _("We could not find an application with that number, family name and date of birth.")
TRY_AGAIN = _("Let's try again.")
NO_INPUT = _("We did not receive your entry.")
NOT_A_CHOICE = _("Sorry, that is not one of the choices.")

HOLD = _("Please hold: an agent will be with you shortly.")
HOLD_VERIFIED = _(
    "Please hold: an agent will be with you shortly. You will not need to confirm your "
    "application again."
)
TOO_MANY_TRIES = _("We could not confirm your application. Please hold: an agent will help you.")
LOCKED = _(
    "For your security, we cannot look up this application by phone right now. Please hold: "
    "an agent will help you."
)
SELF_SERVICE_OFF = _(
    "The status of this type of application is not yet available on this line. Please hold: "
    "an agent will help you, and will already know which application you are calling about."
)
TECHNICAL_PROBLEM = _(
    "Sorry, we are having a technical problem. Please hold: an agent will help you."
)

STATUS_INTRO = _("Here is the status of your application for the following service: %(service)s.")
CURRENT_STEP = _("Current step: %(step)s.")
LAST_CHANGE = _("The last change to your application was made on %(date)s.")
ESTIMATE = _("Most applications like yours are decided by %(date)s.")
MENU = _(
    "To hear this again, press 1. To hear the full history of your application, press 2. To "
    "receive this status by text message at the mobile number on file, press 3. To speak to "
    "an agent, press 0. If you have no other questions, you can hang up."
)
HISTORY_INTRO = _("Here is the history of your application, starting with the most recent change.")
HISTORY_STEP = _("On %(date)s, %(step)s: %(state)s.")
HISTORY_OTHER = _("On %(date)s: %(message)s")
SMS_SENT = _(
    "We have sent the status of your application by text message to the mobile number on file."
)
SMS_ALREADY_SENT = _("We already sent you a text message during this call.")
SMS_NO_PHONE = _(
    "We do not have a mobile number on file for this application, so we cannot send a text "
    "message. To add one, sign in to your online account or speak to an agent."
)
GOODBYE = _("Thank you for calling. Goodbye.")


def say(message: object, language: str, /, **params: object) -> str:
    """The message in `language`, its placeholders filled."""
    with override(language):
        text = str(message)
    return text % params if params else text


def spoken_date(value: dt.date | dt.datetime, language: str) -> str:
    """A date as it is read aloud: "March 1, 2025" / "1er mars 2025" (local date)."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    with override(language):
        if language == "fr":
            day = "1er" if value.day == 1 else str(value.day)
            return f"{day} {formats.date_format(value, 'F Y')}"
        return formats.date_format(value, "F j, Y")
