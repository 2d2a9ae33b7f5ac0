"""Settings common to every environment. Each concern lives in config/settings/<concern>.py."""

from pathlib import Path

from guichet.config.env import env_bool, env_str
from guichet.config.settings.accounts import *  # noqa: F403
from guichet.config.settings.contact import *  # noqa: F403
from guichet.config.settings.csp import *  # noqa: F403
from guichet.config.settings.database import *  # noqa: F403
from guichet.config.settings.documents import *  # noqa: F403
from guichet.config.settings.feedback import *  # noqa: F403
from guichet.config.settings.i18n import *  # noqa: F403
from guichet.config.settings.intake import *  # noqa: F403
from guichet.config.settings.logging import *  # noqa: F403
from guichet.config.settings.notifications import *  # noqa: F403
from guichet.config.settings.reports import *  # noqa: F403
from guichet.config.settings.retention import *  # noqa: F403
from guichet.config.settings.security import *  # noqa: F403
from guichet.config.settings.standards import *  # noqa: F403
from guichet.config.settings.static import *  # noqa: F403
from guichet.config.settings.tasks import *  # noqa: F403
from guichet.config.settings.uploads import *  # noqa: F403

BASE_DIR = Path(__file__).resolve().parents[3]

# No default: production must say what its secret is (development.py and test.py set one).
SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)

GUICHET_APPS = [
    "guichet.core",
    "guichet.catalogue",
    "guichet.clients",
    "guichet.cases",
    "guichet.documents",
    "guichet.letters",
    "guichet.status",
    "guichet.backoffice",
    "guichet.web",
    "guichet.demo",
    "guichet.accounts",
    "guichet.intake",
    "guichet.notifications",
    "guichet.contact",
    "guichet.standards",
    "guichet.feedback",
    "guichet.reports",
    "guichet.appointments",
    "guichet.identity_link",
    "guichet.representatives",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    *GUICHET_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Refuses an oversized body from its Content-Length, before anything reads it.
    "guichet.core.request_size.RequestSizeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Ends a client session signed out everywhere, or idle too long.
    "guichet.accounts.middleware.ClientSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff: two-step verification before any tool, and the idle timeout.
    "guichet.backoffice.middleware.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The Content-Security-Policy header (config/settings/csp.py).
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: turns a lock-out into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "guichet.config.urls"
WSGI_APPLICATION = "guichet.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "guichet.web.context_processors.language_toggle",
                "csp.context_processors.nonce",
            ],
        },
    },
]

LOGIN_URL = "backoffice:login"
LOGIN_REDIRECT_URL = "backoffice:search"
LOGOUT_REDIRECT_URL = "web:home"

# Base address used in messages that link back to Guichet (status pages, for instance).
GUICHET_PUBLIC_URL = env_str("GUICHET_PUBLIC_URL", "http://127.0.0.1:8000")
