from guichet.accounts.models.account import ClientAccount
from guichet.accounts.models.case_link import CaseLink, LinkRoute
from guichet.accounts.models.case_update import CaseUpdateNotice, NoticeOutcome
from guichet.accounts.models.throttle_bucket import ThrottleBucket
from guichet.accounts.models.throttle_hit import ThrottleHit

__all__ = [
    "CaseLink",
    "CaseUpdateNotice",
    "ClientAccount",
    "LinkRoute",
    "NoticeOutcome",
    "ThrottleBucket",
    "ThrottleHit",
]
