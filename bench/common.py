"""What the benchmarks share: a baked project, the protected and bare apps, a prepared database.

The routes are in ``ROUTES``: an echo route registered here behind the app's own ``api_auth``
(``security/tokens.py``), and the AI module's ``POST /api/v1/predict`` (a stand-in echo when the
AI module is absent). The bare app is plain Flask with the same routes and body and nothing else.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
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


# The naive reference of issue 16: bare Flask plus the stock extensions, each set up the way its
# own README shows, on the same database file and the same Redis as the generated app. Flask-Login
# with database loaders (the session's user id; a bearer token's digest for machine clients),
# Flask-WTF (CSRF checked on every request that does not carry a bearer token, as its docs show
# for an API beside a browser app), Flask-Talisman's defaults, Flask-Limiter keyed on the client
# address with one default limit, and one JSON access-log line per request (python-json-logger).
NAIVE_APP = textwrap.dedent(
    f'''
    """The naive reference: stock extensions as their READMEs configure them. Written into the bake
    by the benchmark (bench/common.py), not generated."""
    import hashlib
    import logging
    import os
    import time

    from flask import Flask, g, render_template_string, request
    from flask_limiter import Limiter
    from flask_limiter.util import get_remote_address
    from flask_login import LoginManager, UserMixin, login_required, login_user
    from flask_sqlalchemy import SQLAlchemy
    from flask_talisman import Talisman
    from flask_wtf.csrf import CSRFProtect
    from pythonjsonlogger.json import JsonFormatter
    from werkzeug.middleware.proxy_fix import ProxyFix
    from werkzeug.security import check_password_hash, generate_password_hash

    # The layers this process leaves out (bench/micro.py measures each one's cost): some of login,
    # csrf, talisman, limiter, log.
    WITHOUT = set(os.environ.get("NAIVE_WITHOUT", "").split(","))

    app = Flask(__name__)
    app.config["SECRET_KEY"] = os.environ["NAIVE_SECRET_KEY"]
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["NAIVE_DATABASE_URI"]
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # checked below, for cookie-authenticated calls
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    app.before_request(lambda: setattr(g, "started", time.perf_counter()))  # first: before any refusal
    app.config["LOGIN_DISABLED"] = "login" in WITHOUT  # Flask-Login's switch: login_required passes
    db = SQLAlchemy(app)
    login_manager = LoginManager(app)
    csrf = CSRFProtect(app) if "csrf" not in WITHOUT else None
    if "talisman" not in WITHOUT:
        Talisman(app)
    if "limiter" not in WITHOUT:
        Limiter(
            get_remote_address,
            app=app,
            default_limits=["1000000 per minute"],
            storage_uri=os.environ["NAIVE_LIMITER_STORAGE"],
            strategy="moving-window",
            key_prefix="naive",
        )
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    access = logging.getLogger("naive.access")
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    access.propagate = False
    LOGIN_FORM = '<form method="post"><input name="csrf_token" value="{{{{ csrf_token() }}}}"></form>'


    class User(UserMixin, db.Model):
        __tablename__ = "naive_user"
        id = db.Column(db.Integer, primary_key=True)
        email = db.Column(db.String(255), unique=True, nullable=False)
        password_hash = db.Column(db.String(255), nullable=False)


    class Token(db.Model):
        __tablename__ = "naive_token"
        id = db.Column(db.Integer, primary_key=True)
        digest = db.Column(db.String(64), unique=True, nullable=False)
        user_id = db.Column(db.Integer, db.ForeignKey("naive_user.id"), nullable=False)


    @login_manager.user_loader
    def load_user(user_id):
        return db.session.get(User, int(user_id))


    @login_manager.request_loader
    def load_user_from_request(req):
        header = req.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return None
        digest = hashlib.sha256(header[7:].encode()).hexdigest()
        token = db.session.execute(db.select(Token).filter_by(digest=digest)).scalar_one_or_none()
        return db.session.get(User, token.user_id) if token else None


    @app.before_request
    def check_csrf():
        if csrf is not None and not request.headers.get("Authorization", "").startswith("Bearer "):
            csrf.protect()


    def log_request(response):
        access.info(
            "request",
            extra={{
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "client_ip": request.remote_addr,
                "latency_ms": round((time.perf_counter() - g.started) * 1000, 2),
            }},
        )
        return response


    if "log" not in WITHOUT:
        app.after_request(log_request)


    @app.route("/login", methods=["GET", "POST"])
    def login():
        if request.method == "POST":
            user = db.session.execute(db.select(User).filter_by(email=request.form["email"])).scalar_one()
            if check_password_hash(user.password_hash, request.form["password"]):
                login_user(user)
                return "", 204
            return "", 401
        return render_template_string(LOGIN_FORM if csrf is not None else "<form></form>")


    @app.post("/api/v1/echo")
    @app.post("/api/v1/predict")
    @login_required
    def echo():
        request.get_json()
        return {STAND_IN_ANSWER!r}


    def seed(email, password, token):
        """The naive app's own user and token (its own tables, in the same database)."""
        with app.app_context():
            db.create_all()
            if db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none() is None:
                user = User(email=email, password_hash=generate_password_hash(password))
                db.session.add(user)
                db.session.flush()
                db.session.add(Token(digest=hashlib.sha256(token.encode()).hexdigest(), user_id=user.id))
                db.session.commit()
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
    (project / "src" / "bench_naive.py").write_text(NAIVE_APP)
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
    storage = str(settings.get("RATELIMIT_STORAGE_URI", "memory://"))
    env |= {
        "NAIVE_SECRET_KEY": secrets.token_urlsafe(32),
        "NAIVE_DATABASE_URI": str(db),
        "NAIVE_LIMITER_STORAGE": storage,
    }
    seed = f"import bench_naive; bench_naive.seed({EMAIL!r}, {PASSWORD!r}, {token!r})"
    subprocess.run([sys.executable, "-c", seed], cwd=project, env=env, check=True, capture_output=True)
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
