"""WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi run``."""

import sys

from app import create_app
from app.config import ConfigError

try:
    app = create_app()
except ConfigError as error:  # one clear sentence, no traceback
    sys.stderr.write(f"Berkellandwijzer cannot start: {error}\n")
    raise SystemExit(2) from None
