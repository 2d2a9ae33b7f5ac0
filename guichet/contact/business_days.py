"""Service targets counted in business days: Monday to Friday, less federal public holidays
(the shared kernel's guichet.core.business_days)."""

from guichet.core.business_days import business_days_add, business_days_between, is_business_day

__all__ = ["business_days_add", "business_days_between", "is_business_day"]
