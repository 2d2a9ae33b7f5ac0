from guichet.standards.models.backtest_report import BacktestReport
from guichet.standards.models.case_clock import CaseClock
from guichet.standards.models.forecast import CaseForecast
from guichet.standards.models.forecast_summary import ForecastSummary
from guichet.standards.models.inventory_target import InventoryTarget
from guichet.standards.models.snapshot import StandardsSnapshot

__all__ = [
    "BacktestReport",
    "CaseClock",
    "CaseForecast",
    "ForecastSummary",
    "InventoryTarget",
    "StandardsSnapshot",
]
