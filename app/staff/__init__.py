"""The staff area under /staff: sign-in, accounts, and (from other modules) the work itself.

Add views by creating a module ``app/staff/views_<name>.py`` that imports ``bp`` from here
and declares roles on every view with ``app.staff.auth.roles_required``; it is picked up
automatically.  A view without a declaration is refused for everybody, and
``tests/staff/test_access.py`` fails until it has one.  A separate blueprint mounted under
``/staff`` is guarded the same way (the guard works on the path).
"""

from __future__ import annotations

import importlib
import pkgutil

from flask import Blueprint, Flask

bp = Blueprint("staff", __name__, url_prefix="/staff")


_views_loaded = False


def _load_views() -> None:
    """Import every ``views*`` module once, before the blueprint is first registered
    (a module that appears later, e.g. while a test run is going, waits for a restart)."""
    global _views_loaded
    if _views_loaded:
        return
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        if module.startswith("views"):
            importlib.import_module(f"{__name__}.{module}")
    _views_loaded = True


def init_app(app: Flask) -> None:
    from app.staff import auth

    _load_views()
    auth.init_app(app)
    app.register_blueprint(bp)
