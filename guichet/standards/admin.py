"""Administrators see the snapshots (read-only) and correct or remove inventory targets, which
managers set from the dashboard."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from guichet.standards.models import InventoryTarget, StandardsSnapshot


@admin.register(InventoryTarget)
class InventoryTargetAdmin(admin.ModelAdmin[InventoryTarget]):
    list_display = ["service", "reduction_share", "start_date", "end_date", "baseline_open"]
    list_filter = ["service"]
    readonly_fields = ["created_at", "created_by"]


@admin.register(StandardsSnapshot)
class StandardsSnapshotAdmin(admin.ModelAdmin[StandardsSnapshot]):
    list_display = ["pk", "as_of", "computed_at", "seconds"]
    exclude = ["data"]  # every figure, as JSON: the dashboard shows them
    readonly_fields = ["as_of", "computed_at", "seconds"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
