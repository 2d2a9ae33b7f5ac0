"""Domain events of the status module.

`status_shown` is sent where a client is shown a case's status by self-service (channel "web"
or "api"; the phone line counts its own). It carries the channel and nothing about the case or
the person: the contact centre counts digital take-up from it, without the modules that show
statuses (accounts, web) having to import the contact centre.
"""

from django.dispatch import Signal

status_shown = Signal()
