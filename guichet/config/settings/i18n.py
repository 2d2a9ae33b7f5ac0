"""Languages: English and French, every client-facing string through gettext."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parents[2]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "America/Toronto"
# One catalogue per app, so that each module owns its translations. The shared kernel's comes
# first: makemessages puts strings from outside any app (settings, for instance) there.
LOCALE_PATHS = sorted(
    (str(p) for p in PACKAGE_DIR.glob("*/locale") if p.is_dir()),
    key=lambda path: (not path.endswith("/core/locale"), path),
)
