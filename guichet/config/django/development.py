"""Development: `make demo` on a laptop. The only place a secret may have a literal default."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-" + "guichet-demo")

from guichet.config.django.base import *  # noqa: F403

DEBUG = True
# `make demo` has no Twilio token: the phone simulator posts unsigned webhooks.
CONTACT_IVR_ALLOW_UNSIGNED = True
# Keep DEBUG's tracebacks, but serve the bilingual 404 page rather than Django's list of every
# URL pattern (guichet.web.not_found).
MIDDLEWARE = [*MIDDLEWARE, "guichet.web.not_found.NotFoundPageMiddleware"]  # noqa: F405
