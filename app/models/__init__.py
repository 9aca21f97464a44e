"""Every model, imported here so Alembic sees the whole schema."""

from app.models.base import Base
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
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
    service_legal_framework,
    service_life_domain,
    service_target_group,
)
from app.models.kern import Kern, Postcode
from app.models.user import ROLES, User

__all__ = [
    "ROLES",
    "Accessibility",
    "Address",
    "Attribute",
    "Base",
    "Contact",
    "CostOption",
    "Kern",
    "Language",
    "Location",
    "Metadata",
    "Organization",
    "Phone",
    "Postcode",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "Taxonomy",
    "TaxonomyTerm",
    "User",
    "service_legal_framework",
    "service_life_domain",
    "service_target_group",
]
