"""Configuration: the only module that reads the environment.

Every setting has a safe default for the embedded set-up (SQLite + Whoosh in the
instance folder).  A wrong value stops start-up with one clear sentence
(``ConfigError``); ``wsgi.py`` and the CLI print it without a traceback.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

SUPPORTED_LOCALES = ("nl", "en", "ar", "pl", "uk", "tr", "ti")  # app/i18n.py LANGUAGES
STAFF_LOCALES = ("nl", "en")  # the staff side: Dutch and English only
SEARCH_BACKENDS = ("whoosh", "memory", "postgres")
DEFAULT_TILES_URL = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
)


class ConfigError(RuntimeError):
    """A setting is missing or wrong; the message is one sentence for the operator."""


@dataclass(frozen=True)
class Config:
    SQLALCHEMY_DATABASE_URI: str
    SEARCH_BACKEND: str
    SEARCH_INDEX_DIR: str
    SECRET_KEY: str
    BABEL_DEFAULT_LOCALE: str = "nl"
    GEOCODER: str = "offline"  # offline | pdok
    PDOK_URL: str = "https://api.pdok.nl/bzk/locatieserver/search/v3_1"
    REVIEW_INTERVAL_DAYS: int = 182
    # Staff sessions (server-side, in the database): idle and absolute limits.
    STAFF_IDLE_MINUTES: int = 30
    STAFF_SESSION_MAX_HOURS: int = 10
    # Login throttling (counters in the database, shared by every worker): per account, and
    # (higher, so one office behind one address can still sign in) per client address.
    STAFF_LOGIN_MAX_FAILURES: int = 5
    STAFF_LOGIN_MAX_FAILURES_PER_ADDRESS: int = 50
    STAFF_LOGIN_WINDOW_MINUTES: int = 15
    SESSION_COOKIE_SECURE: bool = False
    # Fernet key(s), comma-separated, that encrypt the staff TOTP secrets at rest; empty:
    # derived from SECRET_KEY (see app/secrets_at_rest.py).
    TOTP_ENCRYPTION_KEY: str = ""
    # Editor: a new or changed provision goes live only after a second editor approves.
    EDITOR_REVIEW_REQUIRED: bool = True
    # Voormekaar's phone number on every public page and the printed plan.
    CONTACT_PHONE: str = "14 0545"
    # Freshness: an entry past its review interval plus this many days leaves public search.
    FRESHNESS_GRACE_DAYS: int = 90
    # "Meld een wijziging": reports per hashed client address per window (in the database).
    REPORT_RATE_LIMIT: int = 5
    REPORT_RATE_WINDOW_MINUTES: int = 60
    REPORT_MIN_SECONDS: int = 3  # a form sent back faster than this is a robot
    # A public search with at most this many results is a signal of something missing.
    SIGNAL_FEW_RESULTS: int = 2
    # AVG retention: days after a case is closed before `flask retention` anonymises it.
    CASE_RETENTION_DAYS: int = 730
    # The largest request body accepted (Flask's MAX_CONTENT_LENGTH), in KiB; bigger: 413
    # before the body is parsed.  No web route takes uploads (imports run as `flask import`
    # from a file on the server), so forms need little: the longest is the editor's.
    MAX_REQUEST_KB: int = 1024
    # Public search signals: days before `flask retention` erases the words typed (the
    # counts per kern and life domain stay).
    SIGNAL_RETENTION_DAYS: int = 180
    # Log lines: "text" (human) or "json" (one object per line; never personal data).
    LOG_FORMAT: str = "text"
    # Reverse proxies in front (nginx: 1) whose X-Forwarded-For/-Proto are trusted; 0: none.
    PROXY_COUNT: int = 0
    # Shared cache of rendered search pages (Redis, e.g. redis://127.0.0.1:6379/0); empty: off.
    CACHE_URL: str = ""
    # The longest a cached search page lives; a change to the map empties the cache at once.
    PAGE_CACHE_SECONDS: int = 300
    # How often each worker looks for synonym groups an editor added in another worker.
    SYNONYM_RECHECK_SECONDS: int = 30
    # The thesaurus folder (``*.txt`` in the format of ``search/thesaurus.py``); empty: data/thesaurus.
    THESAURUS_DIR: str = ""
    # How often each worker catches up with index changes made elsewhere; 0: never
    # (``app/indexing.py``; not read from the environment).
    SEARCH_CATCH_UP_SECONDS: int = 60
    # The map tiles (a URL template with {z}/{x}/{y}), allowed by the Content-Security-Policy
    # (``app/security.py``; not read from the environment).
    MAP_TILES_URL: str = DEFAULT_TILES_URL
    TESTING: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def as_flask_config(self) -> dict[str, Any]:
        values = asdict(self)
        extra = values.pop("extra")
        values.update(
            # hide_parameters: SQL errors in the log never show values (e-mail, free text).
            SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True, "hide_parameters": True},
            SESSION_COOKIE_HTTPONLY=True,
            SESSION_COOKIE_SAMESITE="Lax",
            WTF_CSRF_TIME_LIMIT=None,
            MAX_CONTENT_LENGTH=self.MAX_REQUEST_KB * 1024,
            BABEL_TRANSLATION_DIRECTORIES=str(Path(__file__).parent / "translations"),
        )
        values.update(extra)
        return values

    @classmethod
    def from_env(cls, instance_path: str | Path, env: Mapping[str, str] | None = None) -> Config:
        env = dict(os.environ if env is None else env)
        instance = Path(instance_path)
        instance.mkdir(parents=True, exist_ok=True)
        # Checked in this order (the first wrong setting is named), the secret key last: a
        # wrong setting never leaves a new key file behind.
        database_url, backend = _database_and_backend(env, instance)
        index_dir = env.get("SEARCH_INDEX_DIR") or str(instance / "search-index")
        locale = _choice(env, "BABEL_DEFAULT_LOCALE", cls.BABEL_DEFAULT_LOCALE, SUPPORTED_LOCALES,
                         "is not supported; use one of: " + ", ".join(SUPPORTED_LOCALES) + ".",
                         casefold=False)
        geocoder = _choice(env, "GEOCODER", cls.GEOCODER, ("offline", "pdok"),
                           "is not known; use 'offline' or 'pdok'.")
        interval = _review_interval(env, cls.REVIEW_INTERVAL_DAYS)
        counts: dict[str, Any] = _positive_ints(env, cls, _STAFF_COUNTS)
        totp_key = _totp_key(env)
        counts.update(_positive_ints(env, cls, _MAINTENANCE_COUNTS))
        secure_cookie = _flag(env, "SESSION_COOKIE_SECURE", "0", "must be 1 (behind HTTPS) or 0.")
        review = _flag(env, "EDITOR_REVIEW_REQUIRED", "1",
                       "must be 1 (a second editor approves) or 0.")
        log_format = _choice(env, "LOG_FORMAT", cls.LOG_FORMAT, ("text", "json"),
                             "is not known; use 'text' or 'json'.")
        proxies = _proxy_count(env)
        cache_url = _cache_url(env)
        counts.update(_positive_ints(env, cls, _CACHE_COUNTS))
        thesaurus = _thesaurus_dir(env)
        config = cls(
            SQLALCHEMY_DATABASE_URI=database_url,
            SEARCH_BACKEND=backend,
            SEARCH_INDEX_DIR=index_dir,
            SECRET_KEY=env.get("SECRET_KEY") or _instance_secret(instance),
            BABEL_DEFAULT_LOCALE=locale,
            GEOCODER=geocoder,
            PDOK_URL=env.get("PDOK_URL", cls.PDOK_URL).rstrip("/"),
            REVIEW_INTERVAL_DAYS=interval,
            SESSION_COOKIE_SECURE=secure_cookie,
            TOTP_ENCRYPTION_KEY=totp_key,
            EDITOR_REVIEW_REQUIRED=review,
            LOG_FORMAT=log_format,
            PROXY_COUNT=proxies,
            CACHE_URL=cache_url,
            THESAURUS_DIR=thesaurus,
            CONTACT_PHONE=env.get("CONTACT_PHONE", "").strip() or cls.CONTACT_PHONE,
        )
        return replace(config, **counts)  # the whole numbers, each checked above


#: Settings read from the environment as a whole number of 1 or more (default: the field's).
_STAFF_COUNTS = ("STAFF_IDLE_MINUTES", "STAFF_SESSION_MAX_HOURS", "STAFF_LOGIN_MAX_FAILURES",
                 "STAFF_LOGIN_MAX_FAILURES_PER_ADDRESS", "STAFF_LOGIN_WINDOW_MINUTES")
_MAINTENANCE_COUNTS = ("FRESHNESS_GRACE_DAYS", "REPORT_RATE_LIMIT", "REPORT_RATE_WINDOW_MINUTES",
                       "CASE_RETENTION_DAYS", "SIGNAL_RETENTION_DAYS", "MAX_REQUEST_KB")
_CACHE_COUNTS = ("PAGE_CACHE_SECONDS", "SYNONYM_RECHECK_SECONDS")
_YES_NO = ("0", "1", "true", "false", "yes", "no")


def _positive_ints(env: dict[str, str], config: type[Config], names: tuple[str, ...]
                   ) -> dict[str, int]:
    return {name: _positive_int(env, name, getattr(config, name)) for name in names}


def _database_and_backend(env: dict[str, str], instance: Path) -> tuple[str, str]:
    database_url = env.get("DATABASE_URL") or f"sqlite:///{instance / 'berkellandwijzer.db'}"
    database_url = _normalise_database_url(database_url)
    backend = env.get("SEARCH_BACKEND", "whoosh").strip().lower()
    if backend not in SEARCH_BACKENDS:
        raise ConfigError(
            f"SEARCH_BACKEND={backend!r} is not known; use one of: {', '.join(SEARCH_BACKENDS)}."
        )
    if backend == "postgres" and not database_url.startswith("postgresql"):
        raise ConfigError(
            "SEARCH_BACKEND='postgres' searches in the database: DATABASE_URL must be postgresql://."
        )
    return database_url, backend


def _choice(env: dict[str, str], name: str, default: str, choices: tuple[str, ...],
            otherwise: str, *, casefold: bool = True) -> str:
    value = env.get(name, default).strip()
    if casefold:
        value = value.lower()
    if value not in choices:
        raise ConfigError(f"{name}={value!r} {otherwise}")
    return value


def _flag(env: dict[str, str], name: str, default: str, otherwise: str) -> bool:
    value = env.get(name, default).strip().lower()
    if value not in _YES_NO:
        raise ConfigError(f"{name}={value!r} {otherwise}")
    return value in ("1", "true", "yes")


def _review_interval(env: dict[str, str], default: int) -> int:
    interval = env.get("REVIEW_INTERVAL_DAYS", str(default))
    if not interval.isdigit() or int(interval) < 1:
        raise ConfigError(
            f"REVIEW_INTERVAL_DAYS={interval!r} must be a whole number of days (1 or more)."
        )
    return int(interval)


def _totp_key(env: dict[str, str]) -> str:
    totp_key = env.get("TOTP_ENCRYPTION_KEY", "").strip()
    if totp_key:
        from cryptography.fernet import Fernet

        try:
            for part in totp_key.split(","):
                Fernet(part.strip().encode())
        except ValueError:
            raise ConfigError(
                "TOTP_ENCRYPTION_KEY must be one or more Fernet keys (32 url-safe base64 "
                "bytes each), separated by commas."
            ) from None
    return totp_key


def _proxy_count(env: dict[str, str]) -> int:
    proxies = env.get("PROXY_COUNT", "0").strip()
    if not proxies.isdigit():
        raise ConfigError(
            f"PROXY_COUNT={proxies!r} must be the number of reverse proxies in front (0 or more)."
        )
    return int(proxies)


def _cache_url(env: dict[str, str]) -> str:
    cache_url = env.get("CACHE_URL", "").strip()
    if cache_url and not cache_url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(
            f"CACHE_URL={cache_url!r} must be a Redis URL (redis://host:6379/0) or empty (no cache)."
        )
    return cache_url


def _thesaurus_dir(env: dict[str, str]) -> str:
    thesaurus = env.get("THESAURUS_DIR", "").strip()
    if thesaurus and not Path(thesaurus).is_dir():
        raise ConfigError(f"THESAURUS_DIR={thesaurus!r} is not a folder.")
    return thesaurus


def _positive_int(env: dict[str, str], name: str, default: int) -> int:
    value = env.get(name, str(default)).strip()
    if not value.isdigit() or int(value) < 1:
        raise ConfigError(f"{name}={value!r} must be a whole number (1 or more).")
    return int(value)


def _normalise_database_url(url: str) -> str:
    url = url.strip()
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if not (url.startswith("sqlite:") or url.startswith("postgresql+psycopg://")):
        raise ConfigError(
            f"DATABASE_URL must start with sqlite:/// or postgresql://, not {url.split(':')[0]!r}."
        )
    return url


def _instance_secret(instance: Path) -> str:
    """Read the secret key from the instance folder, creating it on first run.

    Several workers may start at once on an empty instance folder: each writes a candidate
    key to a file of its own and publishes it with ``os.link``, which fails when the key
    file already exists.  So exactly one candidate wins, nobody ever reads a half-written
    file, and every worker returns the winner's key.
    """
    path = instance / "secret_key"
    try:
        key = _read_secret(path)
        if key is not None:
            return key
        candidate = instance / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(candidate, path)  # atomic: exactly one worker creates the key file
        except FileExistsError:
            pass  # another worker was first: use its key
        finally:
            candidate.unlink(missing_ok=True)
        key = _read_secret(path)
        if key is None:
            raise ConfigError(
                f"SECRET_KEY is not set and {path} holds no usable key (under 32 characters); "
                "set SECRET_KEY or remove the file so a new one is generated."
            )
        return key
    except OSError as exc:
        raise ConfigError(
            f"SECRET_KEY is not set and {path} cannot be written ({exc.strerror}); "
            "set SECRET_KEY or make the instance folder writable."
        ) from exc


def _read_secret(path: Path) -> str | None:
    try:
        key = path.read_text().strip()
    except FileNotFoundError:
        return None
    return key if len(key) >= 32 else None
