"""WSGI-level microbenchmark: what each layer of the security stack costs per request.

No server, no sockets: the WSGI callable is invoked in a loop with a prepared environ, in a
process per variant (forked from one that has imported the libraries: see ``Zygote``). Variants
of the generated app are built by the app's own structure: every control is a module of
``security/`` bound by ``security.init_app``, so a variant leaves some of them out; ``logs`` (and
any other top-level concern with an ``init_app``) can be left out too.
A layer's cost is (full stack) - (full stack without that layer); the whole stack's overhead is
(full stack) - (bare Flask with the same route).

Two request profiles: ``api`` (a machine client: bearer token, JSON body) and ``browser`` (the
playground: session cookie, CSRF header, JSON body), both to ``POST /api/v1/echo`` (``--route``; see
``bench/common.py``: the same work in the bare app, so full - bare is the stack). Without the
layer that authenticates the profile (``tokens`` for api, ``login`` for browser) the route is
served unprotected, so the difference is the price of authentication.

    python bench/micro.py [--profile api|browser|both] [--requests 2000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import dataclasses
import functools
import importlib
import inspect
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import EMAIL, PASSWORD, ROUTES, Prepared, body, prepare, request_headers

AUTH_LAYER = {"api": "tokens", "browser": "login"}
# The full stack with one setting changed: what each change would save (its "cost" column;
# negative: what it would add). Not recommendations: they show where the stack's cost sits (the
# round trip that X-RateLimit headers on served responses add, the Redis client, two log records
# per request).
SETTING_VARIANTS = {
    "X-RateLimit headers on served responses": {"FLASK_RATELIMIT_HEADERS_ENABLED": "true"},
    "limiter storage in process": {"FLASK_RATELIMIT_STORAGE_URI": "memory://", "WEB_CONCURRENCY": "1"},
    "INFO log records off": {"FLASK_LOG_LEVEL": "WARNING"},
}


# ---------------------------------------------------------------------------------------------
# Worker: one variant, in its own process
# ---------------------------------------------------------------------------------------------


def build_app(package: str, disabled: set[str], unprotect: bool, path: str) -> Any:
    """The generated app without the ``disabled`` layers (``bare``: plain Flask; ``naive``: the
    naive reference, without the layers its ``NAIVE_WITHOUT`` names)."""
    if "bare" in disabled:
        return importlib.import_module("bench_bare").app
    if "naive" in disabled:
        return importlib.import_module("bench_naive").app
    pkg = importlib.import_module(package)
    security = importlib.import_module(f"{package}.security")
    every = security.controls

    def controls():  # type: ignore[no-untyped-def]
        return [m for m in every() if m.__name__.rsplit(".", 1)[-1] not in disabled]

    security.controls = controls
    for name in disabled:  # top-level concerns: logs, audit...
        module = sys.modules.get(f"{package}.{name}") or _maybe_import(f"{package}.{name}")
        if module is not None and hasattr(module, "init_app") and not hasattr(module, "ORDER"):
            module.init_app = lambda app, *a, **k: None
    app = importlib.import_module("bench_protected").app if not unprotect else pkg.create_app()
    if "csrf" in disabled:  # a bake without CSRF has no csrf/ templates; these ones stay, inert
        app.jinja_env.globals.setdefault("csrf_token", lambda: "")
    if disabled - {"bare"}:  # the bake's templates still link to the removed layers' views
        app.url_build_error_handlers.append(lambda error, endpoint, values: "#")
    if unprotect:
        from flask import request

        endpoint = _endpoint(app, path)
        if endpoint is None:

            @app.post(path)
            def predict():  # type: ignore[no-untyped-def]
                request.get_json()
                from common import STAND_IN_ANSWER

                return dict(STAND_IN_ANSWER)

        else:
            app.view_functions[endpoint] = inspect.unwrap(app.view_functions[endpoint])
            from flask import g

            @app.before_request
            def as_bench_user() -> None:
                g.user_id = 1  # who the removed authentication layer would have named (quotas)

    return app


def _maybe_import(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _endpoint(app: Any, path: str) -> str | None:
    for rule in app.url_map.iter_rules():
        if rule.rule == path:
            return rule.endpoint
    return None


def browser_credentials(app: Any) -> dict[str, str]:
    """Log in through the real form; return the headers a logged-in playground call sends."""
    import re

    client = app.test_client()
    base = "https://localhost"
    # The same client identity as the timed requests: Flask-Login's session protection compares it.
    who = {"X-Forwarded-For": "203.0.113.8", "X-Forwarded-Proto": "https", "User-Agent": "bench"}
    page = client.get("/auth/login", base_url=base, headers=who).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    form = {"email": EMAIL, "password": PASSWORD, "csrf_token": token.group(1) if token else ""}
    done = client.post(
        "/auth/login", data=form, base_url=base, headers=who | {"Referer": f"{base}/auth/login"}
    )
    if done.status_code != 302:
        raise RuntimeError(f"login failed: {done.status_code}")
    home = client.get("/", base_url=base, headers=who).get_data(as_text=True)
    meta = re.search(r'name="csrf-token" content="([^"]+)"', home)
    return logged_in_headers(app, client, meta.group(1) if meta else "")


def naive_browser_credentials(app: Any) -> dict[str, str]:
    """The naive reference's login form, then the headers of a logged-in call."""
    import re

    client = app.test_client()
    who = {"X-Forwarded-For": "203.0.113.8", "X-Forwarded-Proto": "https", "User-Agent": "bench"}
    page = client.get("/login", base_url="https://localhost", headers=who).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    csrf = token.group(1) if token else ""
    form = {"email": EMAIL, "password": PASSWORD, "csrf_token": csrf}
    referer = {"Referer": "https://localhost/login"}  # Flask-WTF checks it on HTTPS
    done = client.post("/login", data=form, base_url="https://localhost", headers=who | referer)
    if done.status_code != 204:
        raise RuntimeError(f"naive login failed: {done.status_code}")
    return logged_in_headers(app, client, csrf)


def logged_in_headers(app: Any, client: Any, csrf: str) -> dict[str, str]:
    """The headers a logged-in playground call sends: the session (and remember-me) cookies the
    test client holds, and the CSRF header."""
    names = [app.config["SESSION_COOKIE_NAME"], app.config.get("REMEMBER_COOKIE_NAME", "remember_token")]
    held = [cookie for name in names if (cookie := client.get_cookie(name, domain="localhost"))]
    return {
        "Host": "localhost",
        "Cookie": "; ".join(f"{c.key}={c.value}" for c in held),
        "X-CSRFToken": csrf,
        "Referer": "https://localhost/ai/playground",
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": "203.0.113.8",
        "User-Agent": "bench",
    }


def worker(config: dict[str, Any]) -> None:
    """Build the variant, then time one batch per ``go`` line on stdin; print µs per request."""
    from werkzeug.test import EnvironBuilder

    # Every variant on the same CPU: the loopback traffic to Redis is partly processed, and
    # charged, on whichever CPU the process runs, and the CPU Redis runs on is busier; unpinned,
    # two processes of the very same variant differed by up to a quarter.
    os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})

    disabled = set(config["disabled"])
    profile = config["profile"]
    unprotect = AUTH_LAYER[profile] in disabled
    path = ROUTES[config["route"]]
    app = build_app(config["package"], disabled, unprotect, path)
    if profile == "browser" and "naive" in disabled:  # its CSRF token lives in the session
        headers = naive_browser_credentials(app)
    elif profile == "browser" and "bare" not in disabled and "login" not in disabled:
        headers = browser_credentials(app)
    else:
        headers = request_headers(config["token"])
        if "bare" in disabled or unprotect:
            headers.pop("Authorization")
    payload = body()
    environ = EnvironBuilder(
        path=path,
        method="POST",
        headers=headers,
        data=payload,
        base_url="https://localhost",
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    ).get_environ()
    statuses: list[str] = []

    def start_response(status: str, response_headers: list, exc_info: Any = None) -> None:
        statuses.append(status)

    def one() -> None:
        env = dict(environ)
        env["wsgi.input"] = io.BytesIO(payload)
        result = app(env, start_response)
        for _ in result:
            pass
        if hasattr(result, "close"):
            result.close()

    spent = time_inside_layers(app, config["package"]) if config.get("inside") else None
    one()
    if not statuses[0].startswith("200"):
        raise RuntimeError(f"{config['name']}: first request answered {statuses[0]}")
    for _ in range(config["warmup"]):
        one()
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() != "go":
            break
        statuses.clear()
        if spent is not None:
            spent.clear()
        # CPU time of this thread, not wall time: a busy machine descheduling the worker must not
        # count as cost of the variant that happened to be running.
        started = time.thread_time_ns()
        for _ in range(config["requests"]):
            one()
        elapsed = (time.thread_time_ns() - started) / config["requests"] / 1000
        bad = sum(not s.startswith("200") for s in statuses)
        inside = {k: v / config["requests"] / 1000 for k, v in (spent or {}).items()}
        print(json.dumps({"us": elapsed, "non_200": bad, "inside": inside}), flush=True)


#: Hooks that libraries register, by top-level module: the layer that binds the library.
LIBRARY_LAYERS = {
    "flask_limiter": "ratelimit",
    "flask_login": "login",
    "flask_wtf": "csrf",
    "flask_talisman": "headers",
    "flask_sqlalchemy": "db",
}
VIEW = "the view (api_auth + the route's work)"


def _layer_of(function: Any, package: str) -> str:
    target = function.func if isinstance(function, functools.partial) else function
    module = getattr(target, "__module__", "") or ""
    if module.startswith(f"{package}."):
        return module.rsplit(".", 1)[1]  # security.<control>, or logs, db, pages...
    return LIBRARY_LAYERS.get(module.partition(".")[0], module or "?")


def time_inside_layers(app: Any, package: str) -> collections.Counter[str]:
    """Wrap every request hook and view so that the CPU time spent inside it is added to its
    layer's account: a direct measure, unlike full - (full without the layer), which on a busy
    machine subtracts two noisy totals. What runs outside any hook (Flask and Werkzeug, sessions,
    ProxyFix, error handlers) is the total minus these."""
    spent: collections.Counter[str] = collections.Counter()

    def timed(function: Any, layer: str) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            started = time.thread_time_ns()
            try:
                return function(*args, **kwargs)
            finally:
                spent[layer] += time.thread_time_ns() - started

        return run

    for registry in (app.before_request_funcs, app.after_request_funcs, app.teardown_request_funcs):
        for key, hooks in registry.items():
            registry[key] = [timed(f, _layer_of(f, package)) for f in hooks]
    teardowns = app.teardown_appcontext_funcs
    teardowns[:] = [timed(f, _layer_of(f, package)) for f in teardowns]
    for endpoint, view in list(app.view_functions.items()):
        app.view_functions[endpoint] = timed(view, VIEW)
    return spent


# ---------------------------------------------------------------------------------------------
# Orchestrator
# ---------------------------------------------------------------------------------------------


def layers_of(prepared: Prepared) -> list[str]:
    """The layers present in this bake: security controls by module name, then logs and audit."""
    probe = (
        "import json, importlib; from secure_ai_app import security; "
        "names = [m.__name__.rsplit('.', 1)[-1] for m in security.controls()]; "
        "print(json.dumps(names))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        env=prepared.env,
        cwd=prepared.project,
        capture_output=True,
        text=True,
        check=True,
    )
    names = json.loads(out.stdout)
    names.append("logs")
    if (prepared.project / "src" / "secure_ai_app" / "audit.py").exists():
        names.append("audit")
    return names


def removed_with(layer: str) -> list[str]:
    """What leaves a bake together with ``layer``: the modules that the post-gen hook removes
    under the option whose first module it is (rate limiting takes the lockout with it)."""
    from conftest import load_hook

    by_option: dict[str, list[str]] = {}
    for condition, paths in load_hook("post_gen_project").REMOVE_PATHS:
        for path in paths:
            if path.startswith("{pkg}/security/") and path.endswith(".py"):
                by_option.setdefault(condition.partition("=")[0], []).append(Path(path).stem)
    # An option that requires this one goes with it (use_mfa requires use_login).
    requires = load_hook("pre_gen_project").COMBINATION_RULES
    for option, modules in by_option.items():
        if modules[0] == layer:
            dependent = [m for c, r, _ in requires if r == option for m in by_option.get(c, [])]
            return list(dict.fromkeys(modules + dependent))
    return [layer]


#: Imported once by the zygote, before it forks the workers: the libraries the variants import
#: (the app's own modules are not among them: the workers change some of them, see build_app).
PRELOAD = (
    "flask",
    "werkzeug.test",
    "sqlalchemy",
    "flask_sqlalchemy",
    "flask_migrate",
    "flask_limiter",
    "limits.storage",
    "redis",
    "flask_login",
    "flask_wtf.csrf",
    "flask_talisman",
    "argon2",
    "cryptography.fernet",
    "pydantic",
    "prometheus_client",
    "pythonjsonlogger.json",
    "nh3",
    "sklearn.pipeline",
    "skops.io",
)


class Zygote:
    """One process that imports the libraries every variant uses, then forks a worker per variant
    (the zygote pattern): importing them is a second or more of CPU per worker, and a run starts
    about thirty workers per profile. A forked worker then builds its variant of the app from the
    same modules a fresh process would import, so what is timed is unchanged. The orchestrator
    talks to each worker through two named pipes, as it would through a child's stdin and stdout.

    Hand-written: multiprocessing's ``forkserver`` does the forking, but pickles each target from
    the orchestrator's ``__main__`` and gives the worker the orchestrator's environment, where each
    variant needs its own (the database copy, the settings it changes)."""

    def __init__(self, prepared: Prepared, workdir: Path) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="zygote-", dir=workdir))
        self.forked = 0
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--zygote", ",".join(PRELOAD)],
            env=self.env(prepared),
            cwd=prepared.project,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    @staticmethod
    def env(prepared: Prepared) -> dict[str, str]:
        """The environment of a worker of ``prepared``: the bake's src/ and the bench apps importable."""
        src = os.pathsep.join([str(prepared.project / "src"), str(Path(__file__).parent)])
        return prepared.env | {"PYTHONPATH": src}

    def fork(self, config: dict[str, Any], env: dict[str, str]) -> tuple[Any, Any, Path]:
        """Start a worker for ``config`` in ``env``; return its input (to write), its output (to
        read) and the file its stderr goes to."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.forked += 1
        into, out = self.folder / f"{self.forked}.in", self.folder / f"{self.forked}.out"
        log = self.folder / f"{self.forked}.log"
        os.mkfifo(into)
        os.mkfifo(out)
        order = {"config": config, "env": env, "stdin": str(into), "stdout": str(out), "log": str(log)}
        self.process.stdin.write(json.dumps(order) + "\n")
        self.process.stdin.flush()
        if not self.process.stdout.readline():
            raise RuntimeError("the zygote ended (see the traceback above)")
        # The worker opens them in the same order: its input first, then its output.
        return open(into, "w"), open(out), log

    def __enter__(self) -> Zygote:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


def zygote_main(preload: str) -> None:
    """Import ``preload`` (a comma-separated list; what is not installed is skipped), then fork a
    worker for each order read from stdin and answer its process id."""
    import signal

    for name in preload.split(","):
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the workers
    for line in sys.stdin:
        order = json.loads(line)
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                # The named pipes become the worker's file descriptors 0 and 1, its log 2, as
                # for a child process; new file objects, since the zygote's may hold read-ahead.
                os.dup2(os.open(order["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
                os.dup2(os.open(order["stdin"], os.O_RDONLY), 0)
                os.dup2(os.open(order["stdout"], os.O_WRONLY), 1)
                sys.stdin = open(0, closefd=False)  # noqa: SIM115 (the worker's, until it exits)
                sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
                sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
                os.environ.clear()
                os.environ.update(order["env"])
                worker(order["config"])
                status = 0
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                sys.stderr.flush()
                os._exit(status)
        print(pid, flush=True)


class Variant:
    """A worker process holding one variant, timed a batch at a time."""

    def __init__(
        self,
        zygote: Zygote,
        prepared: Prepared,
        name: str,
        disabled: list[str],
        profile: str,
        args: argparse.Namespace,
        inside: bool = False,
    ):
        self.name = name
        config = {
            "inside": inside,
            "name": name,
            "package": "secure_ai_app",
            "disabled": disabled,
            "profile": profile,
            "token": prepared.token,
            "route": args.route,
            "requests": args.requests,
            "warmup": args.requests,
        }
        env = zygote.env(prepared)
        database = env["FLASK_SQLALCHEMY_DATABASE_URI"]
        if database.startswith("sqlite:///"):
            # A copy per variant: this measures the CPU cost of a request, not fifteen processes
            # queueing for one SQLite write lock.
            original = Path(database.removeprefix("sqlite:///"))
            copy = original.with_name(f"{original.stem}-{name}.db")
            shutil.copyfile(original, copy)
            env["FLASK_SQLALCHEMY_DATABASE_URI"] = env["NAIVE_DATABASE_URI"] = f"sqlite:///{copy}"
        self.stdin, self.stdout, self.log = zygote.fork(config, env)
        self.samples: list[float] = []
        self.inside: list[dict[str, float]] = []

    def _line(self) -> str:
        line = self.stdout.readline()
        if not line:
            raise RuntimeError(f"variant {self.name} failed:\n{self.log.read_text()[-3000:]}")
        return line.strip()

    def ready(self) -> None:
        assert self._line() == "ready"

    def batch(self) -> None:
        self.stdin.write("go\n")
        self.stdin.flush()
        result = json.loads(self._line())
        if result["non_200"]:
            raise RuntimeError(f"variant {self.name}: {result['non_200']} answers were not 200")
        self.samples.append(result["us"])
        self.inside.append(result["inside"])

    @property
    def us(self) -> float:
        return statistics.median(self.samples)

    def close(self) -> None:
        """End the worker: it leaves its loop at the end of its input, and its output ends when
        it has exited."""
        self.stdin.close()
        self.stdout.read()
        self.stdout.close()


def measure(
    zygote: Zygote, prepared: Prepared, profile: str, args: argparse.Namespace
) -> list[tuple[str, float, float]]:
    """Rows (what, µs per request, cost attributed). Variants are timed in interleaved rounds, so
    a load spike on the machine lands on every variant alike, not on one."""
    layers = layers_of(prepared)
    if profile == "browser" and "login" not in layers:
        return []
    plan = [("full", []), ("bare", ["bare"]), ("core", [*layers])]
    plan += [(layer, removed_with(layer)) for layer in layers]
    variants = [Variant(zygote, prepared, name, disabled, profile, args) for name, disabled in plan]
    variants += [
        Variant(zygote, dataclasses.replace(prepared, env=prepared.env | env), name, [], profile, args)
        for name, env in SETTING_VARIANTS.items()
    ]
    timed = Variant(zygote, prepared, "full, timed inside", [], profile, args, inside=True)
    variants.append(timed)
    variants += naive_variants(zygote, prepared, profile, args)
    try:
        for variant in variants:
            variant.ready()
        for _ in range(args.repeat):
            for variant in variants:
                variant.batch()
    finally:
        for variant in variants:
            variant.close()
    by_name = {v.name: v.us for v in variants}
    full, bare, core = by_name["full"], by_name["bare"], by_name["core"]
    rows = [
        (f"full stack ({profile})", full, full - bare),
        ("bare Flask, same route", bare, 0.0),
        ("app core: no security controls, no logging", core, core - bare),
    ]
    for layer in layers:
        label = " + ".join(removed_with(layer))
        rows.append((f"  {label}", by_name[layer], full - by_name[layer]))
    rows += [(f"  full, {name}", by_name[name], full - by_name[name]) for name in SETTING_VARIANTS]
    accounts = {layer for sample in timed.inside for layer in sample}
    inside = {a: statistics.median(sample.get(a, 0.0) for sample in timed.inside) for a in accounts}
    rows.append((INSIDE_HEADER, timed.us, sum(inside.values())))
    rows += [(f"  in {a}", us, us) for a, us in sorted(inside.items(), key=lambda item: -item[1])]
    naive = by_name["naive"]
    rows.append((NAIVE_HEADER, naive, naive - bare))
    for layer, ours in NAIVE_LAYERS.items():
        ours = AUTH_LAYER[profile] if ours == "auth" else ours
        ours_cost = full - by_name[ours] if ours in by_name else float("nan")
        label = f"  {layer} (ours: {ours} {ours_cost:.0f} µs)"
        rows.append((label, by_name[f"naive-{layer}"], naive - by_name[f"naive-{layer}"]))
    return rows


NAIVE_HEADER = "naive reference: stock extensions, full"
#: The naive reference's layers, and the layer of ours that does the same job ("auth": the token
#: layer for the api profile, the browser login for the browser profile).
NAIVE_LAYERS = {"login": "auth", "csrf": "csrf", "talisman": "headers", "limiter": "ratelimit", "log": "logs"}


def naive_variants(
    zygote: Zygote, prepared: Prepared, profile: str, args: argparse.Namespace
) -> list[Variant]:
    """The naive reference whole, and without each of its layers in turn."""
    plan = {"naive": ""} | {f"naive-{layer}": layer for layer in NAIVE_LAYERS}
    return [
        Variant(
            zygote,
            dataclasses.replace(prepared, env=prepared.env | {"NAIVE_WITHOUT": without}),
            name,
            ["naive"],
            profile,
            args,
        )
        for name, without in plan.items()
    ]


INSIDE_HEADER = "full stack, CPU inside each layer's hooks:"


def table(profile: str, rows: list[tuple[str, float, float]], route: str = "echo") -> str:
    lines = [
        f"\nWSGI microbenchmark, profile {profile!r}, POST {ROUTES[route]}"
        " (CPU µs per request, median of batches)"
    ]
    lines.append(f"  {'variant / layer':<48} {'µs/req':>9} {'cost µs':>9}")
    for what, us, cost in rows:
        lines.append(f"  {what:<48} {us:>9.1f} {cost:>9.1f}")
    lines.append(
        "  (a layer's cost = full stack - full stack without it; a setting's = what changing it saves;"
        " full stack's cost = overhead vs bare; 'inside' rows: CPU measured within each layer's"
        " hooks, total in the header row, the rest is Flask, Werkzeug and the WSGI middleware;"
        " naive rows: the stock extensions as their READMEs set them up, each layer's cost ="
        " naive - naive without it, beside ours' cost for the same job)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, list]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--zygote", help=argparse.SUPPRESS)
    parser.add_argument("--profile", choices=["api", "browser", "both"], default="both")
    parser.add_argument("--route", choices=sorted(ROUTES), default="echo", help="see bench/common.py")
    parser.add_argument("--requests", type=int, default=300, help="requests per timed batch")
    parser.add_argument("--repeat", type=int, default=7, help="timed batches per variant (median)")
    parser.add_argument("--template", type=Path, default=None, help="bake from this template checkout")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.zygote:
        zygote_main(args.zygote)
        return {}
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-micro-"))
    prepared = prepare(workdir, template=args.template, TRUSTED_PROXY_HOPS=1, **bench_settings())
    results = {}
    with Zygote(prepared, workdir) as zygote:
        for profile in ["api", "browser"] if args.profile == "both" else [args.profile]:
            rows = measure(zygote, prepared, profile, args)
            if rows:
                print(table(profile, rows, args.route), flush=True)
                results[profile] = rows
    return results


def bench_settings(redis: str = "redis://127.0.0.1:6379/0") -> dict[str, object]:
    """Production's limiter storage (Redis, shared by the workers), under a key prefix of this
    run's own, and limits and quotas high enough that a benchmark measures served requests, not
    429s: every request is still counted and checked."""
    import secrets

    return {
        "RATELIMIT_STORAGE_URI": redis,
        "RATELIMIT_STORAGE_OPTIONS": {
            "key_prefix": f"bench-{secrets.token_hex(4)}",
            "socket_connect_timeout": 0.5,
            "socket_timeout": 0.5,
        },
        # The IP filter's blocks in Redis too, for the variants without the limiter (SFA-I002).
        "IPFILTER_STORAGE_URI": redis,
        "RATELIMIT_AI": "1000000 per minute",
        "RATELIMIT_DEFAULT": "1000000 per minute",
        "RATELIMIT_LOGIN": "1000000 per minute",  # every browser variant logs in through the form
        # ... all at once, to one account: each login counts toward the lockout until it succeeds,
        # so more than LOCKOUT_THRESHOLD (5) of them in flight would get 429.
        "LOCKOUT_THRESHOLD": 100,
        # The daily AI quota is still reserved and counted on every request, just never reached.
        "AI_DAILY_REQUESTS": 1_000_000_000,
        "AI_DAILY_TOKENS": 1_000_000_000_000,
    }


if __name__ == "__main__":
    main()
