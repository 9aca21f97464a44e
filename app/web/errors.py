"""Error pages that stay pages: calm, in the visitor's language, no internals."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError


def init_app(app: Flask) -> None:
    @app.errorhandler(404)
    def not_found(error):
        return render_template("errors/error.html", code=404), 404

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_template("errors/error.html", code=400, csrf=True), 400

    @app.errorhandler(500)
    def server_error(error):
        return render_template("errors/error.html", code=500), 500
