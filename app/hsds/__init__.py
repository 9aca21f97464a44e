"""Open Referral HSDS 3.0 in and out: serialisation of the directory, the tabular layout.

The Berkelland profile (``docs/profile.md``) is written as HSDS attributes: tier, access,
life domains, target groups and legal frameworks are taxonomy terms linked to a service,
``link_type`` = the taxonomy name.  Those links are relations in our tables, not rows with
ids, so their HSDS ids are derived (``stable_id``): the same service always exports the
same attribute ids, which keeps an export → import → export round trip byte-identical.
"""

from __future__ import annotations

import uuid

HSDS_VERSION = "3.0"

#: Namespace of every id this project derives (uuid5) rather than stores.
NAMESPACE = uuid.UUID("6f1c2b8e-4a53-5a0e-9d57-b3e2c1a0b7d4")

#: Profile taxonomies stored as service columns or relations (taxonomy name -> attribute).
PROFILE_TAXONOMIES = ("voorzieningsniveau", "toegang", "leefgebied", "doelgroep", "wettelijk-kader")


def stable_id(*parts: object) -> uuid.UUID:
    """A deterministic UUID for something that has no row of its own."""
    return uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts))
