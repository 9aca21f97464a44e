"""The guided path for residents who cannot name their need: tiles, three questions, results.

Works without JavaScript: every step is a link or a GET form.  The rules (which tile means
which life domains, which answer means which target groups) live in ``app.domain.guide``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for

from app.domain import guide, queries
from app.extensions import db

bp = Blueprint("guide", __name__)


@bp.get("/wegwijzer")
def tiles():
    return render_template("public/guide_tiles.html", tiles=guide.TILES)


@bp.get("/wegwijzer/<code>")
def questions(code: str):
    tile = guide.TILES_BY_CODE.get(code) or abort(404)
    return render_template("public/guide_questions.html", tile=tile, for_whom=guide.FOR_WHOM,
                           when=guide.WHEN, kernen=queries.kernen(db.session))


@bp.get("/wegwijzer/<code>/resultaten")
def results(code: str):
    tile = guide.TILES_BY_CODE.get(code) or abort(404)
    kernen = queries.kernen(db.session)
    answers = guide.answers_from(tile, request.args, {k.slug for k in kernen})
    args: dict[str, Any] = guide.search_args(answers)
    if answers.urgent:
        return render_template("public/guide_urgent.html", tile=tile,
                               results_url=url_for("public.search", **args),
                               open_now_url=url_for("public.search", **args, nu_open="1"))
    return redirect(url_for("public.search", **args), code=303)
