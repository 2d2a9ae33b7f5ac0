"""Production: every secret from the environment, secure cookies, HSTS."""

from guichet.config.django.base import *  # noqa: F403
from guichet.config.env import env_bool
from guichet.config.settings.database import database_from_env

# No fall-back to SQLite: a production process without DATABASE_URL refuses to start.
DATABASES = {"default": database_from_env(required=True)}

DEBUG = False
SECURE_COOKIES = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The service's domain may be submitted to the browsers' HSTS preload list (check --deploy).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
