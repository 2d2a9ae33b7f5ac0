from guichet.contact.models.codes import (
    AGENT_CHANNELS,
    AGENT_OUTCOMES,
    ASSISTED_CHANNELS,
    SELF_SERVICE_REASONS,
    ContactChannel,
    ContactOutcome,
    ContactReason,
    Direction,
)
from guichet.contact.models.enquiry import AnswerChannel, Enquiry, EnquiryStatus
from guichet.contact.models.interaction import Interaction
from guichet.contact.models.ivr_request import IvrRequestSeen
from guichet.contact.models.ivr_session import IvrSession, IvrStage, TransferReason
from guichet.contact.models.knowledge_base import KbArticle, KbCategory, KbFeedback
from guichet.contact.models.service_switch import SelfServiceSwitch
from guichet.contact.models.status_lookup import StatusLookupDay

__all__ = [
    "AGENT_CHANNELS",
    "AGENT_OUTCOMES",
    "ASSISTED_CHANNELS",
    "SELF_SERVICE_REASONS",
    "AnswerChannel",
    "ContactChannel",
    "ContactOutcome",
    "ContactReason",
    "Direction",
    "Enquiry",
    "EnquiryStatus",
    "Interaction",
    "IvrRequestSeen",
    "IvrSession",
    "IvrStage",
    "KbArticle",
    "KbCategory",
    "KbFeedback",
    "SelfServiceSwitch",
    "StatusLookupDay",
    "TransferReason",
]
