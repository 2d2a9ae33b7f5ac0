"""Words other modules show for the identity link (translated in this app's catalogue)."""

from django.utils.translation import gettext_lazy as _

DUPLICATES_TOOL = _("Possible duplicates")
