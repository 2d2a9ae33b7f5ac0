"""The public API under /api/v1/ (OpenAPI at /api/v1/openapi.json). Apps add their routers here."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Guichet API",
    version="1",
    description="Case status, intake and service standards of Guichet. Answers in English or "
    "French according to Accept-Language.",
    urls_namespace="api",
)

# Imported here, after `api` exists, so that routers may import from this module.
from guichet.intake.api import router as intake_router  # noqa: E402

api.add_router("", intake_router)

from guichet.notifications.api import router as notifications_router  # noqa: E402

api.add_router("/notifications/", notifications_router)

from guichet.accounts.api import router as accounts_router  # noqa: E402

api.add_router("", accounts_router)

from guichet.standards.api import router as standards_router  # noqa: E402

api.add_router("", standards_router)
