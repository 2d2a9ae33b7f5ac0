"""Staff pages of the identity link, in pairs: /en/staff/duplicates/ is
/fr/personnel/doublons/. Addresses carry internal ids, never a name."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from guichet.identity_link import views

app_name = "identity_link"
urlpatterns = [
    path(_("staff/duplicates/"), views.duplicate_queue, name="duplicates"),
    path(_("staff/duplicates/<int:review_id>/"), views.duplicate_review, name="duplicate"),
    path(_("staff/merges/<int:merge_id>/split/"), views.merge_split, name="merge-split"),
]
