"""Standards pages. Path segments are translated: /en/processing-times/ is
/fr/delais-de-traitement/, /en/staff/standards/ is /fr/personnel/normes/."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from guichet.standards.views import dashboard, exports, public

app_name = "standards"
urlpatterns = [
    path(_("processing-times/"), public.processing_times, name="processing-times"),
    path(_("staff/standards/"), dashboard.dashboard, name="dashboard"),
    path(_("staff/standards/at-risk/"), dashboard.at_risk, name="at-risk"),
    path(_("staff/standards/refresh/"), dashboard.refresh, name="refresh"),
    path(_("staff/standards/targets/"), dashboard.target_set, name="target-set"),
    path(_("staff/standards/csv/<slug:table>/"), exports.table_csv, name="csv"),
]
