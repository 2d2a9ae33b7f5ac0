from guichet.reports.models.edition import ReportEdition
from guichet.reports.models.version import ReportVersion

__all__ = ["ReportEdition", "ReportVersion"]
