"""The search engine's thesaurus: the file's (``data/thesaurus``) with the editors' concepts on
top, kept current in every worker.

* The worker where an editor saves a concept gives it to the engine at once (``reload``).
* Every other worker looks at the thesaurus's signature (count and last change of the
  editors' concepts and revisions) at most every ``SYNONYM_RECHECK_SECONDS`` (30), on a
  request, and reloads when it moved.  In between, a request costs no query at all.

The signature is kept in ``app.extensions[STATE]``: the page cache puts it in its keys, so a
page rendered with an older thesaurus is not served after the change.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Flask, current_app
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.domain import thesaurus_editing as words
from app.extensions import db
from app.models.base import DbSession
from app.services import base_thesaurus, search_engine

STATE = "bw_editor_synonyms"  # read by app.page_cache


def _state(app: Flask) -> dict[str, Any]:
    return app.extensions.setdefault(STATE, {"checked": None, "signature": (0, None)})


def reload(session: DbSession) -> None:
    """Give the search engine the file's thesaurus plus the editors' concepts, now."""
    state = _state(current_app)
    search_engine().set_thesaurus(words.merged_thesaurus(session, base_thesaurus()))
    state["signature"] = words.thesaurus_signature(session)
    state["checked"] = time.monotonic()


def _due(app: Flask, state: dict[str, Any]) -> bool:
    recheck = app.config["SYNONYM_RECHECK_SECONDS"]
    return state["checked"] is None or time.monotonic() - state["checked"] >= recheck


def refresh_when_due() -> None:
    """Reload when another worker changed the editors' concepts (checked at most every
    ``SYNONYM_RECHECK_SECONDS``)."""
    state = _state(current_app)
    if not _due(current_app, state):
        return
    state["checked"] = time.monotonic()
    try:
        # its own connection: the request's session stays untouched
        with Session(db.engine) as session:
            signature = words.thesaurus_signature(session)
    except SQLAlchemyError:  # no such table yet (before `db upgrade`): the files alone
        return
    if signature != state["signature"]:
        search_engine().set_thesaurus(words.merged_thesaurus(db.session, base_thesaurus()))
        state["signature"] = signature


def init_app(app: Flask) -> None:
    app.before_request(refresh_when_due)
