"""Service standards, processing times and forecasts (guichet.standards).

Trailing windows follow the published practice: six months of decisions for permanent
residence and citizenship, eight weeks for temporary residence. Each can be overridden per
service code in STANDARDS_WINDOW_DAYS_BY_SERVICE.
"""

from guichet.config.env import env_int

# Trailing window of decisions, in days, by service category (catalogue.ServiceCategory).
STANDARDS_WINDOW_DAYS_PERMANENT = env_int("STANDARDS_WINDOW_DAYS_PERMANENT", 183)
STANDARDS_WINDOW_DAYS_TEMPORARY = env_int("STANDARDS_WINDOW_DAYS_TEMPORARY", 56)
STANDARDS_WINDOW_DAYS_BY_CATEGORY: dict[str, int] = {
    "family": STANDARDS_WINDOW_DAYS_PERMANENT,
    "economic": STANDARDS_WINDOW_DAYS_PERMANENT,
    "humanitarian": STANDARDS_WINDOW_DAYS_PERMANENT,
    "refugee": STANDARDS_WINDOW_DAYS_PERMANENT,
    "documents": STANDARDS_WINDOW_DAYS_PERMANENT,
    "citizenship": STANDARDS_WINDOW_DAYS_PERMANENT,
    "temporary": STANDARDS_WINDOW_DAYS_TEMPORARY,
}
STANDARDS_WINDOW_DAYS_BY_SERVICE: dict[str, int] = {}

# Fewer decisions than this in a window and no percentile is published ("not enough data").
STANDARDS_MIN_SAMPLE = env_int("STANDARDS_MIN_SAMPLE", 10)

# Upper bounds (days since receipt) of the inventory age bands; the last band is open-ended.
STANDARDS_AGE_BANDS: tuple[int, ...] = (30, 90, 180, 365, 730)

# Weeks of inflow and outflow shown on the dashboard, and of inventory kept for target trends.
STANDARDS_FLOW_WEEKS = env_int("STANDARDS_FLOW_WEEKS", 26)
STANDARDS_TREND_WEEKS = env_int("STANDARDS_TREND_WEEKS", 52)

# The scheduled refresh (forecasts, then the snapshot) runs this often.
STANDARDS_REFRESH_MINUTES = env_int("STANDARDS_REFRESH_MINUTES", 60)

# Forecasts (standards.survival, ADR 0021): the fewest decisions in the window to forecast a
# service at all; the fewest cases at risk at an age for the curve to be trusted there (past
# it, estimates are "more than N days"); the recent span whose pace is checked against the
# window, the ratio of observed to expected decisions below which the service counts as
# slowed down (estimates widened, managers warned), and the fewest expected decisions for
# that check to mean anything.
STANDARDS_FORECAST_MIN_CALIBRATION = env_int("STANDARDS_FORECAST_MIN_CALIBRATION", 30)
STANDARDS_FORECAST_MIN_AT_RISK = env_int("STANDARDS_FORECAST_MIN_AT_RISK", 10)
STANDARDS_FORECAST_RECENT_DAYS = env_int("STANDARDS_FORECAST_RECENT_DAYS", 28)
STANDARDS_FORECAST_SLOW_RATIO = env_int("STANDARDS_FORECAST_SLOW_PERCENT", 75) / 100
STANDARDS_FORECAST_MIN_EXPECTED = env_int("STANDARDS_FORECAST_MIN_EXPECTED", 30)

# At-risk cases listed per page on the dashboard.
STANDARDS_AT_RISK_PAGE = 50
