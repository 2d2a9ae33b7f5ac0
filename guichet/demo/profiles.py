"""How each service and each step behaves in the synthetic history.

Figures are plausible orders of magnitude for an immigration department, tuned so that the
demo shows what Guichet is for: high-volume temporary services decided in weeks, permanent
residence in months, and spousal sponsorship and citizenship running behind their standard
(a backlog of open cases older than the standard).
"""

from dataclasses import dataclass, field

# Step kinds: who moves first when a step's turn comes.
OFFICER = "officer"  # an officer works on it; may ask the client for something midway
CLIENT = "client"  # starts by asking the client (exam, biometrics, interview, documents)
AUTO = "auto"  # automated screening: minutes
DECISION = "decision"
AFTER = "after"  # after the decision (the citizenship ceremony)


@dataclass(frozen=True)
class StepProfile:
    kind: str
    weight: float  # share of the case's processing time spent on this step
    skip: float = 0.0  # chance the step does not apply (set not_applicable)
    ask: float = 0.0  # officer steps: chance of asking the client midway (action_required)


STEPS: dict[str, StepProfile] = {
    "completeness-check": StepProfile(OFFICER, 0.08, ask=0.10),
    "automated-screening": StepProfile(AUTO, 0.05),
    "sponsor-eligibility": StepProfile(OFFICER, 0.16, ask=0.15),
    "eligibility": StepProfile(OFFICER, 0.20, ask=0.15),
    "records-search": StepProfile(OFFICER, 0.45, ask=0.08),
    "physical-presence": StepProfile(OFFICER, 0.10, ask=0.12),
    "language": StepProfile(OFFICER, 0.06, ask=0.08),
    "medical-exam": StepProfile(CLIENT, 0.12, skip=0.02),
    "biometrics": StepProfile(CLIENT, 0.07, skip=0.10),
    "background-check": StepProfile(OFFICER, 0.30, ask=0.05),
    "knowledge-test": StepProfile(CLIENT, 0.10),
    "interview": StepProfile(CLIENT, 0.10, skip=0.85),
    "additional-documents": StepProfile(CLIENT, 0.06, skip=0.70),
    "card-production": StepProfile(OFFICER, 0.25, ask=0.03),
    "travel-document-production": StepProfile(OFFICER, 0.25, ask=0.03),
    "final-decision": StepProfile(DECISION, 0.05),
    "oath-ceremony": StepProfile(AFTER, 0.0),
}


def step_profile(code: str) -> StepProfile:
    """A step type added to the catalogue later behaves like an ordinary officer step."""
    return STEPS.get(code, _ORDINARY)


_ORDINARY = StepProfile(OFFICER, 0.10, ask=0.05)
# Steps after which a refusal is usually decided, when a case fails on the way.
ASSESSMENTS = frozenset(
    {
        "automated-screening", "eligibility", "sponsor-eligibility", "background-check",
        "interview", "language", "knowledge-test", "physical-presence", "records-search",
    }
)  # fmt: skip


@dataclass(frozen=True)
class ServiceProfile:
    weight: float  # share of applications
    median_days: float  # median processing time, receipt to decision
    sigma: float  # spread (log-normal)
    refused: float
    withdrawn: float
    online_share: float = 1.0  # for services taking both channels
    in_canada: float = 1.0  # share of applicants living in Canada
    ages: tuple[int, int] = (20, 60)  # principal applicant's age range
    family: tuple[float, ...] = (1.0,)  # chance of 1, 2, 3… applicants applying together
    skip: dict[str, float] = field(default_factory=dict)  # per-step overrides


SERVICES: dict[str, ServiceProfile] = {
    "visitor-visa": ServiceProfile(
        24,
        11,
        0.7,
        refused=0.30,
        withdrawn=0.01,
        in_canada=0,
        ages=(18, 80),
        family=(0.55, 0.2, 0.1, 0.1, 0.05),
        skip={"medical-exam": 0.92, "biometrics": 0.35, "additional-documents": 0.75},
    ),
    "eta": ServiceProfile(
        22,
        6,
        0.8,
        refused=0.02,
        withdrawn=0.002,
        in_canada=0,
        ages=(18, 75),
        family=(0.6, 0.25, 0.08, 0.07),
        skip={"additional-documents": 0.5},
    ),
    "study-permit": ServiceProfile(
        9,
        35,
        0.5,
        refused=0.35,
        withdrawn=0.02,
        in_canada=0.15,
        ages=(17, 32),
        skip={"medical-exam": 0.7, "biometrics": 0.3},
    ),
    "work-permit": ServiceProfile(
        11,
        35,
        0.55,
        refused=0.20,
        withdrawn=0.02,
        in_canada=0.5,
        ages=(20, 50),
        family=(0.8, 0.2),
        skip={"medical-exam": 0.65, "biometrics": 0.3},
    ),
    "super-visa": ServiceProfile(
        1,
        90,
        0.5,
        refused=0.20,
        withdrawn=0.02,
        in_canada=0,
        ages=(55, 85),
        family=(0.6, 0.4),
        skip={"medical-exam": 0.0, "biometrics": 0.3},
    ),
    "visitor-record": ServiceProfile(
        4,
        120,
        0.5,
        refused=0.15,
        withdrawn=0.03,
        ages=(18, 80),
        skip={"additional-documents": 0.6},
    ),
    "express-entry": ServiceProfile(
        4, 140, 0.3, refused=0.08, withdrawn=0.03, in_canada=0.6, ages=(22, 45)
    ),
    "spouse-in-canada": ServiceProfile(
        2.5,
        260,
        0.45,
        refused=0.07,
        withdrawn=0.03,
        ages=(20, 55),
        skip={"interview": 0.9, "additional-documents": 0.5},
    ),
    "spouse-outside-canada": ServiceProfile(
        3,
        300,
        0.45,
        refused=0.10,
        withdrawn=0.03,
        in_canada=0,
        ages=(20, 55),
        skip={"interview": 0.8, "additional-documents": 0.5},
    ),
    "parents-grandparents": ServiceProfile(
        1,
        700,
        0.4,
        refused=0.10,
        withdrawn=0.05,
        in_canada=0.1,
        ages=(55, 85),
        family=(0.55, 0.45),
    ),
    "provincial-nominee": ServiceProfile(
        1.5, 420, 0.4, refused=0.08, withdrawn=0.03, in_canada=0.6, ages=(22, 50)
    ),
    "quebec-skilled-worker": ServiceProfile(
        0.6, 600, 0.4, refused=0.07, withdrawn=0.04, in_canada=0.5, ages=(22, 50)
    ),
    "caregiver": ServiceProfile(
        0.3, 500, 0.45, refused=0.15, withdrawn=0.05, in_canada=0.9, ages=(25, 55)
    ),
    "self-employed": ServiceProfile(
        0.1,
        1100,
        0.3,
        refused=0.25,
        withdrawn=0.08,
        in_canada=0.2,
        ages=(30, 60),
        skip={"interview": 0.5},
    ),
    "humanitarian": ServiceProfile(
        0.7,
        700,
        0.5,
        refused=0.45,
        withdrawn=0.05,
        ages=(18, 70),
        skip={"interview": 0.7, "medical-exam": 0.05},
    ),
    "protected-person": ServiceProfile(1, 600, 0.4, refused=0.04, withdrawn=0.02, ages=(18, 65)),
    "refugee-resettlement": ServiceProfile(
        1,
        500,
        0.5,
        refused=0.10,
        withdrawn=0.05,
        in_canada=0,
        ages=(18, 65),
        skip={"interview": 0.0, "sponsor-eligibility": 0.5},
    ),
    "pr-card": ServiceProfile(
        5,
        35,
        0.5,
        refused=0.02,
        withdrawn=0.01,
        online_share=0.6,
        ages=(18, 75),
        family=(0.75, 0.15, 0.05, 0.05),
    ),
    "pr-travel-document": ServiceProfile(
        0.5, 90, 0.5, refused=0.15, withdrawn=0.03, in_canada=0, ages=(18, 70)
    ),
    "citizenship-grant": ServiceProfile(
        7,
        420,
        0.35,
        refused=0.05,
        withdrawn=0.03,
        online_share=0.7,
        ages=(18, 75),
        family=(0.5, 0.25, 0.15, 0.1),
        skip={"interview": 0.9},
    ),
    "citizenship-certificate": ServiceProfile(
        2, 240, 0.4, refused=0.08, withdrawn=0.02, ages=(1, 70)
    ),
    "citizenship-search": ServiceProfile(
        0.3, 300, 0.4, refused=0.10, withdrawn=0.02, in_canada=0.9, ages=(30, 85)
    ),
}
# When an existing client applies again, what for (by where they live).
FOLLOW_UPS_IN_CANADA = {"work-permit": 3, "visitor-record": 2, "pr-card": 3, "citizenship-grant": 2}
FOLLOW_UPS_ABROAD = {"visitor-visa": 4, "eta": 2, "study-permit": 2, "work-permit": 2}
# eTA: share decided by the automated screening within minutes.
ETA_AUTOMATIC = 0.88
# A medical exam expires: reopened before the decision on some long cases.
MEDICAL_REOPEN = 0.04
# Citizenship: language and knowledge test apply from 18 to 54 years of age.
CITIZENSHIP_TEST_AGES = (18, 54)
