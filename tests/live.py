"""Run a baked project for real: production profile, gunicorn on loopback, optional TLS.

Shared by the template's live tests (header grade, browser flow) and the benchmarks in ``bench/``.
Everything runs from this environment's interpreter with the project's ``src`` on ``PYTHONPATH``,
as the baked test suites do; nothing is installed.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import ipaddress
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

PYTHON = sys.executable
PACKAGE = "secure_ai_app"  # the defaults' package name


def free_port() -> int:
    """A TCP port that was free a moment ago on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Tls:
    """A throwaway CA and a server certificate it signed for ``localhost`` and 127.0.0.1."""

    ca_file: Path
    cert_file: Path
    key_file: Path


def make_tls(folder: Path) -> Tls:
    """Write a CA and a server certificate (ECDSA P-256, one day) into ``folder``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)

    def name(common: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("test CA"))
        .issuer_name(name("test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("localhost"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    tls = Tls(folder / "ca.pem", folder / "cert.pem", folder / "key.pem")
    tls.ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    tls.cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    tls.key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    tls.key_file.chmod(0o600)
    return tls


# Every app this run starts keeps its counters and IP blocks under this run's own Redis key prefix:
# a block left by an earlier run (or another suite on the same Redis) can never refuse this one.
RUN_KEY_PREFIX = f"test-{secrets.token_hex(8)}"
STORAGE_OPTIONS = json.dumps(
    {"key_prefix": RUN_KEY_PREFIX, "socket_connect_timeout": 0.5, "socket_timeout": 0.5}
)


def production_env(project: Path, database_uri: str, **settings: object) -> dict[str, str]:
    """Environment for the production profile: strong secrets, trusted hosts, the given database.

    Extra ``settings`` become ``FLASK_<KEY>`` variables (JSON-encoded unless already strings).
    """
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "GUNICORN_", "WEB_CONCURRENCY"))
    }
    env |= {
        "PYTHONPATH": str(project / "src"),
        "FLASK_APP": PACKAGE,
        "FLASK_SKIP_DOTENV": "1",
        "FLASK_PROFILE": "production",
        "FLASK_SECRET_KEY": secrets.token_urlsafe(64),
        "FLASK_TRUSTED_HOSTS": json.dumps(["localhost", "127.0.0.1"]),
        "FLASK_SQLALCHEMY_DATABASE_URI": database_uri,
        # Encryption at rest needs its own key in production (never the SECRET_KEY).
        "FLASK_DATA_ENCRYPTION_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "FLASK_AUDIT_HMAC_KEYS": secrets.token_urlsafe(32),  # the audit chain's own key
        "FLASK_MAIL_SERVER": "localhost",  # account mail: a relay on this machine (tests send none)
        "FLASK_RATELIMIT_STORAGE_OPTIONS": STORAGE_OPTIONS,
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for key, value in settings.items():
        env[f"FLASK_{key}"] = value if isinstance(value, str) else json.dumps(value)
    return env


def flask(
    project: Path, env: Mapping[str, str], *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run ``flask <args>`` for the baked app; raise with its output when it fails."""
    result = subprocess.run(
        [PYTHON, "-m", "flask", *args],
        cwd=project,
        env=dict(env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def with_pinned_model(project: Path, env: Mapping[str, str]) -> dict[str, str]:
    """Train the local model as a deployment does and pin the hash it prints (production refuses
    an unpinned local model, SFA-X008); ``env`` unchanged for a project without one."""
    if "ai" not in flask(project, env, "--help").stdout.split():
        return dict(env)
    printed = flask(project, env, "ai", "train").stdout
    pins = [
        line.split("=", 1)[1] for line in printed.splitlines() if line.startswith("FLASK_AI_MODEL_SHA256=")
    ]
    return dict(env) | ({"FLASK_AI_MODEL_SHA256": pins[0]} if pins else {})


class Server:
    """gunicorn serving the baked app with its own ``gunicorn.conf.py``."""

    def __init__(
        self,
        project: Path,
        env: Mapping[str, str],
        workers: int = 1,
        tls: Tls | None = None,
        port: int | None = None,
        log: Path | None = None,
        wsgi_app: str | None = None,
    ) -> None:
        self.project = project
        self.port = port or free_port()
        self.tls = tls
        self.env = dict(env) | {
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(workers),
        }
        if tls:
            self.env |= {"GUNICORN_CERTFILE": str(tls.cert_file), "GUNICORN_KEYFILE": str(tls.key_file)}
        self.log_path = log or project / f"gunicorn-{self.port}.log"
        self.wsgi_app = wsgi_app
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> Server:
        # No control socket: its default path is shared by every gunicorn of this user.
        args = [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--no-control-socket"]
        if self.wsgi_app:
            args.append(self.wsgi_app)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(  # own process group: stopped as a group, by pid
                args, cwd=self.project, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_path.read_text()[-4000:]}")
            # No idle probe connection: a sync worker would sit on it until its timeout.
            if self._ready():
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn did not start:\n{self.log_path.read_text()[-4000:]}")

    def _ready(self) -> bool:
        """Any HTTP answer from /healthz (a redirect to HTTPS included) means a worker serves."""
        import http.client
        import ssl

        if self.tls:
            context = ssl.create_default_context(cafile=str(self.tls.ca_file))
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                "127.0.0.1", self.port, timeout=2, context=context
            )
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
        try:
            conn.request("GET", "/healthz", headers={"Host": "localhost"})
            return conn.getresponse().status < 500
        except OSError:
            return False
        finally:
            conn.close()

    def worker_pids(self) -> list[int]:
        """The pids of the gunicorn workers (children of the arbiter)."""
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the arbiter's own group, started above
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def serving(*servers: Server) -> Iterator[tuple[Server, ...]]:
    """Start servers together; stop them all on the way out."""
    started: list[Server] = []
    try:
        for server in servers:
            started.append(server.start())
        yield servers
    finally:
        for server in started:
            server.stop()
