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

# Forecasts: calibration bins and the fewest open cases at the calibration date to calibrate.
STANDARDS_FORECAST_BINS = env_int("STANDARDS_FORECAST_BINS", 10)
STANDARDS_FORECAST_MIN_CALIBRATION = env_int("STANDARDS_FORECAST_MIN_CALIBRATION", 30)

# At-risk cases listed per page on the dashboard.
STANDARDS_AT_RISK_PAGE = 50
