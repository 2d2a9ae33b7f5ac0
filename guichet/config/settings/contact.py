"""Contact centre: the telephone self-service line (IVR), the agent desktop and the help centre.

The phone line answers Twilio Voice webhooks under /ivr/. Requests are checked against
TWILIO_AUTH_TOKEN (config/settings/notifications.py) and the public address Twilio calls
(TWILIO_WEBHOOK_BASE_URL, else the address of the request). Without the token the line refuses
every request, unless CONTACT_IVR_ALLOW_UNSIGNED is set (development and tests only: never from
the environment), and start-up stops with the system check contact.E001.
"""

import os

from guichet.config.env import env_bool, env_int, env_list, env_str

# Answer unsigned webhooks when TWILIO_AUTH_TOKEN is empty. Set to True only by the development
# and test settings modules; production fails closed.
CONTACT_IVR_ALLOW_UNSIGNED = False
# How long a signed webhook request is remembered (so that the same request replayed is
# refused): RETENTION_IVR_REPLAY_GUARD_HOURS, in config/settings/retention.py.

# Bilingual active offer: the languages in the order the line offers them; the first is key 1.
CONTACT_IVR_LANGUAGE_ORDER = env_list("CONTACT_IVR_LANGUAGE_ORDER", "en,fr")
# Tries at identification (application number and date of birth together), then an agent.
CONTACT_IVR_MAX_TRIES = env_int("CONTACT_IVR_MAX_TRIES", 3)
# Seconds Twilio waits for the caller's first key and between keys.
CONTACT_IVR_GATHER_TIMEOUT = env_int("CONTACT_IVR_GATHER_TIMEOUT", 7)
# Where a call goes for an agent: a phone number (E.164) dialled, else a Twilio queue per
# language, "<prefix>-en" / "<prefix>-fr", answered from the agents' softphones.
CONTACT_IVR_AGENT_NUMBER = os.environ.get("CONTACT_IVR_AGENT_NUMBER", "")
CONTACT_IVR_AGENT_QUEUE_PREFIX = env_str("CONTACT_IVR_AGENT_QUEUE_PREFIX", "guichet-agents")
# Optional Twilio voice per language (for instance "Polly.Chantal"); empty: Twilio's default.
CONTACT_IVR_VOICES = {
    "en": os.environ.get("CONTACT_IVR_VOICE_EN", ""),
    "fr": os.environ.get("CONTACT_IVR_VOICE_FR", ""),
}

# The per-service self-service switch: its default for every line of business, and the
# services switched on or off explicitly (a manager can change each one on the dashboard).
CONTACT_IVR_SELF_SERVICE_DEFAULT = env_bool("CONTACT_IVR_SELF_SERVICE_DEFAULT", True)
CONTACT_IVR_SELF_SERVICE_ON = env_list("CONTACT_IVR_SELF_SERVICE_ON", "")
CONTACT_IVR_SELF_SERVICE_OFF = env_list("CONTACT_IVR_SELF_SERVICE_OFF", "")

# Family-class pilot: services where agents see more than the client, and what more.
# "timeline": every change with its date, who made it and the note to the client;
# "step_dates": when each step last changed.
CONTACT_AGENT_DETAIL = {
    "spouse-in-canada": ("timeline", "step_dates"),
    "spouse-outside-canada": ("timeline", "step_dates"),
    "parents-grandparents": ("timeline", "step_dates"),
}

# Web enquiries: answered within this many business days (Monday to Friday).
CONTACT_ENQUIRY_TARGET_BUSINESS_DAYS = env_int("CONTACT_ENQUIRY_TARGET_BUSINESS_DAYS", 2)
# True containment: a self-served call counts only if no agent contact on that case follows
# within this many hours.
CONTACT_TRUE_CONTAINMENT_HOURS = env_int("CONTACT_TRUE_CONTAINMENT_HOURS", 24)
# First-contact resolution: a resolved contact counts only if no assisted contact on the same
# case follows within this many days.
CONTACT_FCR_DAYS = env_int("CONTACT_FCR_DAYS", 7)

# Status look-ups counted for digital take-up are written every this many look-ups, or after
# this many seconds (at the next look-up), and when the process exits.
CONTACT_LOOKUP_COUNT_BATCH = env_int("CONTACT_LOOKUP_COUNT_BATCH", 100)
CONTACT_LOOKUP_COUNT_SECONDS = env_int("CONTACT_LOOKUP_COUNT_SECONDS", 10)
