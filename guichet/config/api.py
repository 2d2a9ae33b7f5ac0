"""The public API under /api/v1/ (OpenAPI at /api/v1/openapi.json). Apps add their routers here."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Guichet API",
    version="1",
    description="Case status, intake and service standards of Guichet. Answers in English or "
    "French according to Accept-Language.",
    urls_namespace="api",
)
