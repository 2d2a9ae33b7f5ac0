"""The figures of one snapshot, typed, and their JSON form (StandardsSnapshot.data).

Counts are plain integers; a figure that cannot be computed honestly is None, never 0 or a
guess, and `reason` fields say why ("no_standard", "no_decisions", "small_sample"…).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

# Why a figure is missing: shown to people through messages.NOT_ENOUGH_DATA.
NO_STANDARD = "no_standard"
NO_DECISIONS = "no_decisions"
SMALL_SAMPLE = "small_sample"
NO_THROUGHPUT = "no_throughput"
NOT_CALIBRATED = "not_calibrated"
NOT_FORECAST = "not_forecast"


@dataclass(frozen=True)
class Percentiles:
    p50: int | None = None
    p80: int | None = None
    p90: int | None = None

    def get(self, percentile: int) -> int | None:
        return {50: self.p50, 80: self.p80, 90: self.p90}[percentile]


@dataclass(frozen=True)
class MonthCompliance:
    month: str  # YYYY-MM
    decided: int  # decisions whose clock can be read
    met: int  # of which within the standard
    min_sample: int = 0  # STANDARDS_MIN_SAMPLE when computed

    @property
    def share(self) -> float | None:
        """None below the minimum sample: no share is published from a handful of decisions."""
        return self.met / self.decided if self.decided and self.decided >= self.min_sample else None


@dataclass(frozen=True)
class InventoryCell:
    step_code: str  # "" when the case waits on no step (all closed, decision pending)
    band: int  # index into Figures.age_bands
    count: int
    backlog: int  # of which older than the standard (clock days)
    at_risk: int = 0


@dataclass(frozen=True)
class WeekFlow:
    week: str  # ISO date of the Monday
    inflow: int
    outflow: int
    open_end: int  # open at the end of the week
    partial: bool = False  # the week of the as-of date, not over yet


@dataclass
class ServiceFigures:
    code: str
    category: str
    target_days: int | None
    target_share: float | None
    window_days: int
    sample_size: int = 0
    measured: Percentiles = field(default_factory=Percentiles)
    measured_reason: str = ""
    forward: Percentiles = field(default_factory=Percentiles)
    forward_reason: str = NOT_FORECAST
    # The forward figure is open-ended: the data reaches this many days and 80% of new
    # applications are not decided by then ("more than N days"); None otherwise.
    forward_more_than: int | None = None
    # Decisions of the last weeks ÷ what the curve expected; slowed: below the threshold, so
    # the forecasts were widened and managers are warned (standards.survival).
    pace_ratio: float | None = None
    slowed: bool = False
    throughput_per_week: float | None = None
    compliance: list[MonthCompliance] = field(default_factory=list)  # 12 complete months
    # The month of the as-of date when it is not over: shown apart, never in the 12 months.
    partial_month: MonthCompliance | None = None
    open_total: int = 0
    backlog: int = 0
    at_risk: int = 0
    excluded: int = 0  # decisions left out: their clock events are out of order
    withdrawn: int = 0  # withdrawals over the 12 months: not completions, shown apart
    min_sample: int = 0  # STANDARDS_MIN_SAMPLE when computed: the same rule for every figure
    inventory: list[InventoryCell] = field(default_factory=list)
    flows: list[WeekFlow] = field(default_factory=list)

    @property
    def forward_more_than_months(self) -> int | None:
        """The open-ended forward figure in whole months (rounded down: "more than N")."""
        return None if self.forward_more_than is None else int(self.forward_more_than // 30.44)

    @property
    def forward_differs(self) -> str:
        """Says "longer" or "shorter" when the forward p80 and the measured p80 differ by more than
        a quarter (the public page then says why), else ""."""
        forward, measured = self.forward.p80, self.measured.p80
        if forward is None and self.forward_more_than is not None and measured is not None:
            return "longer" if self.forward_more_than > 1.25 * measured else ""
        if forward is None or not measured:
            return ""
        if forward > 1.25 * measured:
            return "longer"
        return "shorter" if forward < 0.8 * measured else ""

    @property
    def decided_12m(self) -> int:
        return sum(month.decided for month in self.compliance)

    @property
    def met_12m(self) -> int:
        return sum(month.met for month in self.compliance)

    @property
    def met_share(self) -> float | None:
        if self.target_days is None or not self.decided_12m:
            return None
        if self.decided_12m < self.min_sample:
            return None
        return self.met_12m / self.decided_12m

    @property
    def compliance_reason(self) -> str:
        if self.target_days is None:
            return NO_STANDARD
        if not self.decided_12m:
            return NO_DECISIONS
        return SMALL_SAMPLE if self.decided_12m < self.min_sample else ""

    @property
    def misses_standard(self) -> bool:
        share = self.met_share
        return share is not None and self.target_share is not None and share < self.target_share


@dataclass
class Figures:
    as_of: dt.date
    age_bands: list[int]
    services: list[ServiceFigures]
    overall_sample_size: int = 0
    overall_measured: Percentiles = field(default_factory=Percentiles)
    forecast_as_of: dt.date | None = None

    def service(self, code: str) -> ServiceFigures | None:
        return next((s for s in self.services if s.code == code), None)

    @property
    def months(self) -> list[str]:
        return [month.month for month in self.services[0].compliance] if self.services else []

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        data["forecast_as_of"] = self.forecast_as_of.isoformat() if self.forecast_as_of else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figures:
        services = []
        for raw in data["services"]:
            service = dict(raw)
            service["measured"] = Percentiles(**raw["measured"])
            service["forward"] = Percentiles(**raw["forward"])
            service["compliance"] = [MonthCompliance(**m) for m in raw["compliance"]]
            partial = raw.get("partial_month")
            service["partial_month"] = MonthCompliance(**partial) if partial else None
            service["inventory"] = [InventoryCell(**c) for c in raw["inventory"]]
            service["flows"] = [WeekFlow(**w) for w in raw["flows"]]
            services.append(ServiceFigures(**service))
        forecast_as_of = data.get("forecast_as_of")
        return cls(
            as_of=dt.date.fromisoformat(data["as_of"]),
            age_bands=list(data["age_bands"]),
            services=services,
            overall_sample_size=data["overall_sample_size"],
            overall_measured=Percentiles(**data["overall_measured"]),
            forecast_as_of=dt.date.fromisoformat(forecast_as_of) if forecast_as_of else None,
        )
