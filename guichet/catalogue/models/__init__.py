from guichet.catalogue.models.revision import REVISION_ROW, CatalogueRevision
from guichet.catalogue.models.service import Service, ServiceCategory
from guichet.catalogue.models.service_step import ServiceStep
from guichet.catalogue.models.step_state import StepState
from guichet.catalogue.models.step_type import StepMessage, StepType

__all__ = [
    "REVISION_ROW",
    "CatalogueRevision",
    "Service",
    "ServiceCategory",
    "ServiceStep",
    "StepMessage",
    "StepState",
    "StepType",
]
