from guichet.representatives.models.access import AccessAction, RepresentativeAccess
from guichet.representatives.models.consent import Consent, ConsentSource
from guichet.representatives.models.firm import Firm
from guichet.representatives.models.regulator import Regulator, RegulatorKind
from guichet.representatives.models.representative import Representative, RepresentativeState

__all__ = [
    "AccessAction",
    "Consent",
    "ConsentSource",
    "Firm",
    "Regulator",
    "RegulatorKind",
    "Representative",
    "RepresentativeAccess",
    "RepresentativeState",
]
