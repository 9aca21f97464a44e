"""Every model, imported here so Alembic sees the whole schema."""

from app.models.auth import LoginFailure, RecoveryCode, StaffSession  # noqa: F401  (re-exported for Alembic and callers)
from app.models.base import Base
from app.models.case import (
    AuditEntry,
    Case,
    CaseEvent,
    CaseLifeDomain,
    CaseMember,
    CheckIn,
    Consent,
    HouseholdMember,
    OutsideCare,
    PlanGoal,
    PlanReview,
    Referral,
    ReferralSkip,
    ReferralTransition,
    SafetyRoute,
    ZrmScore,
)
from app.models.directory import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Language,
    Location,
    Metadata,
    Organization,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
    service_legal_framework,
    service_life_domain,
    service_options,
    service_target_group,
)
from app.models.editing import EditChange, EditRevision, ThesaurusEntry, ThesaurusRevision
from app.models.kern import Kern, Postcode
from app.models.search_journal import SearchJournal
from app.models.signals import ChangeReport, ReportThrottle, SearchSignal
from app.models.team import Team, team_kern
from app.models.user import ROLES, User

__all__ = [
    "ROLES",
    "Accessibility",
    "Address",
    "Attribute",
    "AuditEntry",
    "Base",
    "Case",
    "CaseEvent",
    "CaseLifeDomain",
    "CaseMember",
    "ChangeReport",
    "CheckIn",
    "HouseholdMember",
    "OutsideCare",
    "PlanGoal",
    "PlanReview",
    "ZrmScore",
    "Consent",
    "Contact",
    "CostOption",
    "RequiredDocument",
    "EditChange",
    "EditRevision",
    "Kern",
    "Language",
    "Location",
    "Metadata",
    "Organization",
    "Phone",
    "Postcode",
    "Referral",
    "ReferralSkip",
    "SafetyRoute",
    "ReferralTransition",
    "ReportThrottle",
    "Schedule",
    "SearchJournal",
    "SearchSignal",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ThesaurusEntry",
    "ThesaurusRevision",
    "Taxonomy",
    "TaxonomyTerm",
    "Team",
    "RecoveryCode",
    "User",
    "service_legal_framework",
    "service_life_domain",
    "service_options",
    "service_target_group",
    "team_kern",
]


def _index_foreign_keys(metadata) -> None:
    """Every foreign-key column leads an index (unless a key or unique constraint already
    starts with it).  A provision's costs, places, phones and terms are read by its id, and
    at a million provisions an unindexed ``service_id`` turns each such read into a scan
    of the whole table.  ``tests/test_migrations.py`` checks the rule and the migration."""
    from sqlalchemy import Index, PrimaryKeyConstraint, UniqueConstraint

    for table in metadata.tables.values():
        led = {list(ix.columns)[0].name for ix in table.indexes}
        led |= {list(c.columns)[0].name for c in table.constraints
                if isinstance(c, PrimaryKeyConstraint | UniqueConstraint) and c.columns}
        for column in table.columns:
            if column.foreign_keys and column.name not in led:
                Index(f"ix_{table.name}_{column.name}", column)


_index_foreign_keys(Base.metadata)
