"""Admin: the help centre's articles (with the outdated flag) and the self-service switches.
Contacts, calls and enquiries are read-only here: they change only through the services,
and every look at them is audited (core.admin_audit)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from guichet.contact.models import (
    Enquiry,
    Interaction,
    IvrSession,
    KbArticle,
    KbCategory,
    SelfServiceSwitch,
)
from guichet.contact.services.knowledge_base import article_search_fields
from guichet.core import clock
from guichet.core.admin_audit import AuditedAdmin


@admin.register(KbCategory)
class KbCategoryAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_en", "name_fr", "position")
    ordering = ("position", "slug")


@admin.register(KbArticle)
class KbArticleAdmin(admin.ModelAdmin):
    list_display = ("slug", "title_en", "title_fr", "category", "reason", "published", "outdated")
    list_filter = ("category", "published", "outdated", "reason")
    search_fields = ("slug", "title_en", "title_fr")
    readonly_fields = ("updated_at",)

    def save_model(self, request: HttpRequest, obj: KbArticle, form: Any, change: bool) -> None:
        fields = article_search_fields(
            title={"en": obj.title_en, "fr": obj.title_fr},
            summary={"en": obj.summary_en, "fr": obj.summary_fr},
            body={"en": obj.body_en, "fr": obj.body_fr},
        )
        obj.search_en, obj.search_fr = fields["search_en"], fields["search_fr"]
        obj.updated_at = clock.now()
        super().save_model(request, obj, form, change)


@admin.register(SelfServiceSwitch)
class SelfServiceSwitchAdmin(admin.ModelAdmin):
    list_display = ("service", "enabled", "changed_at", "changed_by")
    readonly_fields = ("changed_at", "changed_by")

    def save_model(
        self, request: HttpRequest, obj: SelfServiceSwitch, form: Any, change: bool
    ) -> None:
        obj.changed_at = clock.now()
        obj.changed_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(IvrSession)
class IvrSessionAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("pk", "started_at", "language", "stage", "transfer_reason", "case")
    list_filter = ("stage", "language", "transfer_reason")
    exclude = ("number_keyed",)


@admin.register(Interaction)
class InteractionAdmin(AuditedAdmin, ReadOnlyAdmin):
    list_display = ("at", "channel", "direction", "reason", "outcome", "case", "agent")
    list_filter = ("channel", "direction", "reason", "outcome")


@admin.register(Enquiry)
class EnquiryAdmin(AuditedAdmin, ReadOnlyAdmin):  # a client's question: audited
    list_display = ("pk", "submitted_at", "due_at", "status", "reason", "case")
    list_filter = ("status", "reason")
