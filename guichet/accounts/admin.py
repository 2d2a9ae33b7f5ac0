"""Staff views of client accounts: read-only, and every look at a linked case is audited."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from guichet.accounts.models import CaseLink, ClientAccount
from guichet.core.audit import audit_record


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ClientAccount)
class ClientAccountAdmin(ReadOnlyAdmin):
    list_display = ["id", "email_verified_at", "language", "created_at"]
    search_fields = ["email"]
    readonly_fields = ["email", "language", "email_verified_at", "session_epoch", "created_at"]
    exclude = ["user", "phone"]

    def change_view(
        self, request: HttpRequest, object_id: str, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        audit_record(
            actor=request.user, action="view", target_type="client_account", target_id=object_id
        )
        return super().change_view(request, object_id, *args, **kwargs)


@admin.register(CaseLink)
class CaseLinkAdmin(ReadOnlyAdmin):
    list_display = ["id", "account_id", "case_id", "route", "linked_at"]
    readonly_fields = ["account", "case", "route", "linked_at", "notify_sms", "notify_email"]

    def change_view(
        self, request: HttpRequest, object_id: str, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        link = CaseLink.objects.filter(pk=object_id).values_list("case_id", flat=True).first()
        audit_record(
            actor=request.user,
            action="view",
            target_type="case",
            target_id=link or "",
            detail=f"linked application {object_id} (admin)",
        )
        return super().change_view(request, object_id, *args, **kwargs)
