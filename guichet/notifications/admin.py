"""Back-office views of the outbox: read-only, the recipient masked in lists, every look at
them audited (core.admin_audit).

What a message said (subject, body, context) is never shown: it can hold a sign-in link, and
staff need its status and attempts, not its text. The retention purge blanks it later anyway.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from guichet.core.admin_audit import AuditedAdmin
from guichet.notifications.models import Notification, NotificationAttempt, SmsSuppression
from guichet.notifications.selectors import recipient_mask


class AttemptInline(admin.TabularInline):
    model = NotificationAttempt
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "number",
        "provider",
        "started_at",
        "duration_ms",
        "outcome",
        "http_status",
        "error_class",
        "error_message",
        "provider_id",
    )

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Notification)
class NotificationAdmin(AuditedAdmin):  # recipients are client data: audited
    list_display = [
        "id",
        "purpose",
        "channel",
        "masked_recipient",
        "status",
        "attempts",
        "provider",
        "created_at",
        "purged_at",
    ]
    list_filter = ["status", "channel", "purpose", "provider"]
    search_fields = ["reference", "provider_id", "=case__application_number"]
    inlines = [AttemptInline]
    # Personal content, not shown: the address (masked in the list) and what the message said.
    exclude = ["recipient", "context", "subject", "body"]

    @admin.display(description=_("recipient"))
    def masked_recipient(self, obj: Notification) -> str:
        return recipient_mask(obj.recipient)

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        return [f.name for f in Notification._meta.fields if f.name not in self.exclude]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(SmsSuppression)
class SmsSuppressionAdmin(AuditedAdmin):
    list_display = ["masked_phone", "active", "source", "keyword", "updated_at"]
    list_filter = ["active", "source"]
    search_fields = ["=phone"]
    readonly_fields = ["created_at", "updated_at"]

    @admin.display(description=_("phone"))
    def masked_phone(self, obj: SmsSuppression) -> str:
        return recipient_mask(obj.phone)
