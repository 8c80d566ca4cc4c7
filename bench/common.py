"""What the benchmarks share: a baked project, the protected and bare apps, a prepared database.

The routes are in ``ROUTES``: an echo route registered here behind the app's own ``api_auth``
(``security/tokens.py``), and the AI module's ``POST /api/v1/predict`` (a stand-in echo when the
AI module is absent). The bare app is plain Flask with the same routes and body and nothing else.
"""

from __future__ import annotations

import json
import os
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import bake  # noqa: E402
from live import PACKAGE, flask, production_env, with_pinned_model  # noqa: E402

EMAIL = "bench@example.com"
PASSWORD = "benchmark passphrase for the overhead run"
PREDICT_BODY = {"text": "The service was quick and the staff were friendly."}
# The JSON the stand-in route answers (the shape of a predict answer).
STAND_IN_ANSWER = {"label": "positive", "score": 0.93, "model": "stand-in", "ai_generated": True}

#: The benchmarks' routes. ``echo`` does the same work in both apps (parse the JSON body, answer a
#: fixed JSON document), so protected - bare is the security stack and nothing else. ``predict`` is
#: the AI module's real endpoint: the model, the daily quota and the history come on top.
ROUTES = {"echo": "/api/v1/echo", "predict": "/api/v1/predict"}

PROTECTED_APP = textwrap.dedent(
    f'''
    """The generated app, plus the benchmark's token-protected echo route (and a stand-in predict
    route when the AI module is absent). Written into the bake by the benchmark, not generated."""
    from flask import request

    from {PACKAGE} import create_app
    from {PACKAGE}.security.tokens import api_auth

    app = create_app()


    @app.post("/api/v1/echo")
    @api_auth("ai:predict")
    def echo():
        request.get_json()
        return {STAND_IN_ANSWER!r}


    if not any(rule.rule == "/api/v1/predict" for rule in app.url_map.iter_rules()):
        app.add_url_rule("/api/v1/predict", "predict", echo, methods=["POST"])
    '''
)

BARE_APP = textwrap.dedent(
    f'''
    """Bare Flask: the same JSON route, no extension, no hook, no logging."""
    from flask import Flask, request

    app = Flask(__name__)


    @app.post("/api/v1/echo")
    @app.post("/api/v1/predict")
    def echo():
        request.get_json()
        return {STAND_IN_ANSWER!r}
    '''
)


@dataclass
class Prepared:
    project: Path
    env: dict[str, str]
    token: str
    real_predict: bool  # the AI module's endpoint (else the stand-in route)


def prepare(workdir: Path, template: Path | None = None, **settings: object) -> Prepared:
    """Bake the defaults into ``workdir``, write the bench apps, create the schema, a user, a token.

    ``template`` bakes another checkout of the template (to measure a before/after pair).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    project = workdir / "secure-ai-app"
    if not project.exists():
        project = bake_from(template, workdir) if template else bake(workdir)
    (project / "src" / "bench_protected.py").write_text(PROTECTED_APP)
    (project / "src" / "bench_bare.py").write_text(BARE_APP)
    db = settings.pop("SQLALCHEMY_DATABASE_URI", None) or f"sqlite:///{workdir / 'bench.db'}"
    env = production_env(project, str(db), **settings)
    if str(db).startswith("sqlite:///"):
        Path(str(db).removeprefix("sqlite:///")).unlink(missing_ok=True)
    flask(project, env, "init-db")
    routes = flask(project, env, "routes").stdout
    env = with_pinned_model(project, env)
    flask(project, env, "users", "create", EMAIL, stdin=f"{PASSWORD}\n{PASSWORD}\n")
    created = flask(project, env, "tokens", "create", EMAIL, "--scope", "ai:predict").stdout
    token = created.strip().splitlines()[-1]
    return Prepared(project, env, token, "/api/v1/predict" in routes)


def bake_from(template: Path, output: Path) -> Path:
    from cookiecutter.main import cookiecutter

    context = {"init_git": False, "use_pre_commit": False}
    return Path(cookiecutter(str(template), no_input=True, output_dir=str(output), extra_context=context))


def request_headers(token: str) -> dict[str, str]:
    """Headers of one protected API call as a machine client behind the TLS proxy sends it."""
    return {
        "Host": "localhost",
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": "203.0.113.7",
    }


def body() -> bytes:
    return json.dumps(PREDICT_BODY).encode()


def cpu_count() -> int:
    return len(os.sched_getaffinity(0))
