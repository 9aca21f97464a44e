"""The Berkellandwijzer Flask application."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Build the application.

    ``config`` overrides settings read from the environment (tests pass e.g.
    ``{"SQLALCHEMY_DATABASE_URI": ..., "SEARCH_BACKEND": "memory"}``).
    """
    from app.config import Config
    from app.extensions import babel, csrf, db, migrate
    from app.i18n import remember_locale, select_locale

    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder="static",
    )
    overrides = dict(config or {})
    instance = overrides.pop("INSTANCE_PATH", None) or app.instance_path
    settings = Config.from_env(instance)
    app.config.from_mapping(settings.as_flask_config())
    app.config.update(overrides)

    if app.config["PROXY_COUNT"]:  # behind nginx: the client's address and scheme
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = app.config["PROXY_COUNT"]
        # Flask documents wrapping wsgi_app like this; its stubs declare it a method
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n)  # type: ignore[method-assign]
    __import__("app.logging_setup", fromlist=["init_app"]).init_app(app)  # request ids, logs
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    app.after_request(remember_locale)

    _init_search(app)
    from app import page_cache

    page_cache.init_app(app)  # rendered search pages in Redis, when CACHE_URL is set

    from app import case_cli, cli, data_cli, ops_cli, security, staff, templating
    from app.web import errors, public

    templating.init_app(app)
    security.init_app(app)
    app.register_blueprint(public.bp)
    app.register_blueprint(__import__("app.web.health", fromlist=["bp"]).bp)  # /healthz, /readyz
    app.register_blueprint(__import__("app.web.reports", fromlist=["bp"]).bp)  # Meld een wijziging
    app.register_blueprint(__import__("app.web.guide", fromlist=["bp"]).bp)  # Wegwijzer
    from app import api
    api.init_app(app)  # the open data API at /api/v1
    staff.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    data_cli.init_app(app)  # import/export/drafts
    ops_cli.init_app(app)  # backup/restore
    case_cli.init_app(app)  # retention
    from app import indexing

    indexing.init_app(app)  # index what a crash left committed but not indexed
    from app import search_thesaurus

    search_thesaurus.init_app(app)  # the editors' thesaurus concepts, in every worker
    return app


def _init_search(app: Flask) -> None:
    from app.vocabulary import LIFE_DOMAIN_CODES, TARGET_GROUP_CODES
    from search import load_language, make_backend

    # the Dutch lexicon (data/lexicon, once per process) and the thesaurus (data/thesaurus)
    language = load_language(app.config["THESAURUS_DIR"] or ROOT / "data" / "thesaurus",
                             life_domains=LIFE_DOMAIN_CODES, target_groups=TARGET_GROUP_CODES)
    app.extensions["bw_language"] = language
    kind = app.config["SEARCH_BACKEND"]
    # postgres: the search tables live in the application's own database
    database_url = app.config["SQLALCHEMY_DATABASE_URI"] if kind == "postgres" else None
    app.extensions["bw_search"] = make_backend(
        kind, app.config["SEARCH_INDEX_DIR"], language, database_url=database_url
    )
