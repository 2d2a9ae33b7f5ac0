"""Audit for Django admin pages that show client data.

`AuditedAdmin` is a ModelAdmin mixin: opening the list of such records writes a `search`
record (the list shows client data too), and opening one record writes a `view` record naming
it, like every other staff read of a client's file (guichet.core.audit). Filters and search
terms are not recorded: they may hold a name or an address.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from guichet.core.audit import audit_record


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    audit_target_type = ""  # what the records are, as the audit trail names them

    def _audit_target(self) -> str:
        return self.audit_target_type or self.model._meta.model_name or ""

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if response.status_code == 200:
            audit_record(
                actor=request.user,
                action="search",
                target_type=self._audit_target(),
                detail="admin list",
            )
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            audit_record(
                actor=request.user,
                action="view",
                target_type=self._audit_target(),
                target_id=object_id,
                detail="admin page",
            )
        return response
