"""Configuration comes from the environment, with safe embedded defaults and clear errors."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import Config, ConfigError

ROOT = Path(__file__).resolve().parent.parent


def test_defaults_live_in_the_instance_folder(tmp_path):
    config = Config.from_env(tmp_path, env={})
    assert config.SQLALCHEMY_DATABASE_URI == f"sqlite:///{tmp_path / 'berkellandwijzer.db'}"
    assert config.SEARCH_INDEX_DIR == str(tmp_path / "search-index")
    assert config.SEARCH_BACKEND == "whoosh"
    assert config.BABEL_DEFAULT_LOCALE == "nl"


def test_secret_key_is_generated_once_and_kept_private(tmp_path):
    first = Config.from_env(tmp_path, env={}).SECRET_KEY
    second = Config.from_env(tmp_path, env={}).SECRET_KEY
    assert first == second and len(first) >= 32
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600
    assert Config.from_env(tmp_path, env={"SECRET_KEY": "x" * 40}).SECRET_KEY == "x" * 40


def test_postgres_urls_use_psycopg(tmp_path):
    config = Config.from_env(tmp_path, env={"DATABASE_URL": "postgres://u@h/db"})
    assert config.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://u@h/db"


@pytest.mark.parametrize(("env", "words"), [
    ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL must start with"),
    ({"SEARCH_BACKEND": "elastic"}, "SEARCH_BACKEND='elastic' is not known"),
    ({"BABEL_DEFAULT_LOCALE": "fr"}, "BABEL_DEFAULT_LOCALE='fr' is not supported"),
    ({"GEOCODER": "google"}, "GEOCODER='google' is not known"),
    ({"REVIEW_INTERVAL_DAYS": "soon"}, "REVIEW_INTERVAL_DAYS='soon' must be a whole number"),
    ({"CACHE_URL": "memcached://127.0.0.1"}, "CACHE_URL='memcached://127.0.0.1' must be a Redis URL"),
    ({"PAGE_CACHE_SECONDS": "0"}, "PAGE_CACHE_SECONDS"),
    ({"SYNONYM_RECHECK_SECONDS": "often"}, "SYNONYM_RECHECK_SECONDS"),
])
def test_wrong_settings_name_the_setting(tmp_path, env, words):
    with pytest.raises(ConfigError, match=words):
        Config.from_env(tmp_path, env=env)


def test_wrong_setting_stops_start_up_with_one_sentence(tmp_path):
    env = {**os.environ, "SEARCH_BACKEND": "elastic", "FLASK_INSTANCE_PATH": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "Berkellandwijzer cannot start: SEARCH_BACKEND='elastic' is not known; "
        "use one of: whoosh, memory, postgres."
    ]
