"""Development: `make demo` on a laptop. The only place a secret may have a literal default."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-" + "guichet-demo")  # noqa: S105

from guichet.config.django.base import *  # noqa: E402, F403

DEBUG = True
