"""Writes of the standards module: inventory targets, clock rows and snapshots. (Forecasts are
written by forecasting.py.) clocks.py and refresh.py compute; what they store goes through here."""

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.selectors import service_get
from guichet.core import clock
from guichet.core.audit import audit_record
from guichet.core.errors import InvalidInput
from guichet.core.models import AuditRecord
from guichet.standards.bulk import rows_insert
from guichet.standards.days import day_of
from guichet.standards.models import BacktestReport, CaseClock, InventoryTarget, StandardsSnapshot


def _add_months(date: dt.date, months: int) -> dt.date:
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    days = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return dt.date(year, month, min(date.day, days))


@transaction.atomic
def inventory_target_set(
    *,
    service_code: str,
    reduction_percent: str | int,
    months: str | int,
    actor: User | None,
    start_date: dt.date | None = None,
) -> InventoryTarget:
    """Set a target such as "in-Canada spousal inventory down 30% in 12 months", with the
    inventory open on the start date as its baseline."""
    service = service_get(code=service_code, field="service")
    try:
        percent = Decimal(str(reduction_percent))
    except InvalidOperation:
        percent = Decimal(0)
    if not Decimal(1) <= percent <= Decimal(99):
        raise InvalidInput(
            _("The reduction must be a whole percentage between 1 and 99."), field="reduction"
        )
    try:
        month_count = int(months)
    except (TypeError, ValueError):
        month_count = 0
    if not 1 <= month_count <= 60:
        raise InvalidInput(_("The period must be between 1 and 60 months."), field="months")
    start = start_date or clock.today()
    if start > clock.today():
        raise InvalidInput(_("A target cannot start in the future."), field="start_date")
    start_day = day_of(start)
    baseline = CaseClock.objects.filter(
        Q(decided_day__isnull=True) | Q(decided_day__gt=start_day),
        service_id=service.pk,
        received_day__lte=start_day,
    ).count()
    target = InventoryTarget(
        service=service,
        reduction_share=(percent / 100).quantize(Decimal("0.01")),
        start_date=start,
        end_date=_add_months(start, month_count),
        baseline_open=baseline,
        created_by=actor,
    )
    target.full_clean()
    target.save()
    audit_record(
        actor=actor,
        action=AuditRecord.Action.CREATE,
        target_type="inventory_target",
        target_id=target.pk,
        detail=f"{service.code}: -{percent}% in {month_count} months",
    )
    return target


def clock_row_save(row: CaseClock) -> None:
    """Store one case's clock row (inside the transaction of the case change)."""
    row.save()


def clock_row_insert(row: CaseClock) -> None:
    """Store the clock row of a case just received (it has none yet: one INSERT, where save()
    would try an UPDATE first)."""
    row.save(force_insert=True)


@transaction.atomic
def clock_rows_replace(*, case_ids: list[int], rows: list[CaseClock]) -> None:
    """Replace the clock rows of these cases by `rows`, all or nothing."""
    CaseClock.objects.filter(case_id__in=case_ids).delete()
    CaseClock.objects.bulk_create(rows)


def snapshot_store(
    *, as_of: dt.date, computed_at: dt.datetime, seconds: float, data: dict[str, object]
) -> StandardsSnapshot:
    """Store a computed snapshot as the newest one."""
    return StandardsSnapshot.objects.create(
        as_of=as_of, computed_at=computed_at, seconds=seconds, data=data
    )


def backtest_report_store(
    *, data_until: dt.date, results: list[dict[str, object]]
) -> BacktestReport:
    """Keep one backtest run for the dashboard (the latest is shown; older ones are history)."""
    return BacktestReport.objects.create(
        computed_at=clock.now(), data_until=data_until, data=results
    )


def clock_rows_bulk_write(
    *,
    first_case_id: int,
    last_case_id: int,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
) -> None:
    """Replace the clock rows of cases first_case_id..last_case_id by `rows` (in `columns`
    order), in one bulk insert: COPY on PostgreSQL, executemany on SQLite. Inside the
    caller's transaction."""
    table = connection.ops.quote_name(CaseClock._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE case_id BETWEEN %s AND %s",  # noqa: S608 - our table
            [first_case_id, last_case_id],
        )
        rows_insert(cursor, table, columns, rows)
