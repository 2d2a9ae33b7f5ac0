from guichet.feedback.models.invitation import Invitation, InvitationKind
from guichet.feedback.models.opt_out import OptOut
from guichet.feedback.models.page_feedback import PageFeedback
from guichet.feedback.models.program_change import ChangeStatus, ProgramChange
from guichet.feedback.models.response import Response
from guichet.feedback.models.survey import Survey

__all__ = [
    "ChangeStatus",
    "Invitation",
    "InvitationKind",
    "OptOut",
    "PageFeedback",
    "ProgramChange",
    "Response",
    "Survey",
]
