"""Client satisfaction survey and page feedback (guichet.feedback).

A department does not survey everyone: FEEDBACK_SAMPLING_RATES gives the share of decided cases
invited, by service code, with "default" for the others (0 turns a service off). The draw is
a hash of the case, so a case is in or out of the sample whatever the order of events.
"""

from guichet.config.env import env_int

FEEDBACK_SAMPLING_RATES: dict[str, float] = {"default": 0.25}
# How long a survey link works, and when the single reminder goes if there is no answer.
FEEDBACK_LINK_DAYS = env_int("FEEDBACK_LINK_DAYS", 30)
FEEDBACK_REMINDER_DAYS = env_int("FEEDBACK_REMINDER_DAYS", 7)
# No figure is shown from fewer answers than this (nor one that would reveal such a cell).
FEEDBACK_MIN_CELL = env_int("FEEDBACK_MIN_CELL", 10)
