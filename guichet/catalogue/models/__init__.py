from guichet.catalogue.models.service import Service, ServiceCategory
from guichet.catalogue.models.service_step import ServiceStep
from guichet.catalogue.models.step_state import StepState
from guichet.catalogue.models.step_type import StepMessage, StepType

__all__ = ["Service", "ServiceCategory", "ServiceStep", "StepMessage", "StepState", "StepType"]
