"""Account mail: delivery through Flask-Mailman, off the request path, and the security notices.

Messages are built with Flask-Mailman (its ``EmailMessage`` refuses header injection) and handed
to a ``Postman``: one background thread per worker that sends them, so a request that sends mail
answers in the time of one that does not (a password-reset request for a known address must not
be told apart from one for an unknown address by its duration), and a slow SMTP server never
holds a request. Development writes every message to a folder (``flask mail outbox`` reads it);
the test suite keeps them in memory; production sends over SMTP with verified TLS.

Security notices are listeners of the security events (``events.emit``): a password changed or
reset, two-step verification turned on or off, a recovery code used, an API token created, an
account locked, a registration attempt with an address that has an account. The emitters do not
know about mail, so a project without this option has none of it.
"""

from __future__ import annotations

import hashlib
import logging
import smtplib
import ssl
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

import click
from flask import Flask, current_app, redirect, render_template, request, session, url_for
from flask.cli import AppGroup
from flask_mailman import EmailMessage, Mail
from flask_mailman.backends.base import BaseEmailBackend
from flask_mailman.message import sanitize_address
from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.wrappers import Response

from ..db import db
from ..events import security_event, unproxied
from ..users import User, find_by_email
from . import checks
from .checks import Finding

# --8<-- [start:defaults]
DEFAULTS: dict[str, Any] = {
    # Where links in mail point: the site's address as its users reach it, for example
    # "https://app.example.com"; unset, https:// and the first of TRUSTED_HOSTS. Never taken from
    # a request's Host header (reset poisoning).
    "PUBLIC_URL": None,
    # "{{ cookiecutter.package_name }}.security.mail": SMTP with verified TLS (EmailBackend below);
    # "file" writes to MAIL_FILE_PATH, "locmem" keeps messages in memory, "console" prints them.
    "MAIL_BACKEND": "{{ cookiecutter.package_name }}.security.mail",
    "MAIL_SERVER": None,
    "MAIL_PORT": 587,
    "MAIL_USE_TLS": True,  # STARTTLS on MAIL_PORT (587); MAIL_USE_SSL for implicit TLS (465)
    "MAIL_USE_SSL": False,
    "MAIL_CA_FILE": None,  # a private CA's certificates for the SMTP server; the system's when unset
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_TIMEOUT": 10,  # seconds for each SMTP connection and command
    "MAIL_DEFAULT_SENDER": None,  # unset: no-reply@ the host of PUBLIC_URL
    "MAIL_FILE_PATH": None,  # the "file" backend's folder: instance/outbox when unset
}
# With rate limiting: the views that send mail on request (password reset, a new confirmation
# link, a change of address), per client, a class of their own.
RATE_LIMIT_DEFAULTS: dict[str, Any] = {"RATELIMIT_RECOVERY": "5 per hour;20 per day"}
PROFILE_DEFAULTS: dict[str, dict[str, Any]] = {
    "development": {
        "MAIL_BACKEND": "file",
        "MAIL_DEFAULT_SENDER": "no-reply@localhost",
        "PUBLIC_URL": "http://127.0.0.1:5000",
    },
    "testing": {
        "MAIL_BACKEND": "locmem",
        "MAIL_DEFAULT_SENDER": "no-reply@localhost",
        "PUBLIC_URL": "https://localhost",
    },
}
# --8<-- [end:defaults]

#: ``app.extensions`` key of the app's ``Postman``.
POSTMAN = "mail_postman"
#: The SMTP backend, as MAIL_BACKEND names it.
SMTP_BACKEND = __name__
LOCAL_SERVERS = {"localhost", "127.0.0.1", "::1"}
#: ``app.extensions`` keys this module reads: the rate limiter's shared ``limits`` storage, and the
#: table of endpoint -> rate-limit class (both written by security/ratelimit.py when present).
LIMIT_STORAGE, LIMIT_CLASSES = "rate_limit_storage", "rate_limit_classes"

log = logging.getLogger(__name__)
T = TypeVar("T")


class EmailBackend(BaseEmailBackend):  # type: ignore[misc]  # Flask-Mailman has no types
    """SMTP with verified TLS: STARTTLS (``MAIL_USE_TLS``) or implicit TLS (``MAIL_USE_SSL``).

    Hand-written because Flask-Mailman's SMTP backend (a port of Django's) calls ``starttls()``
    without an SSL context, and Python then accepts any certificate: whoever sits between the app
    and the mail server could read every reset link. Here both kinds of TLS check the server's
    certificate and name against the system's CAs, or ``MAIL_CA_FILE``. The upstream change that
    would retire this class is on the account-recovery page. It uses only Flask-Mailman's public
    backend interface (``BaseEmailBackend.send_messages``) and its messages' public methods.
    """

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        messages = [message for message in email_messages if message.recipients()]
        if not messages:
            return 0
        state, config = self.mailman, current_app.config
        context = ssl.create_default_context(cafile=config["MAIL_CA_FILE"])
        timeout = float(config["MAIL_TIMEOUT"])
        if state.use_ssl:
            connection: smtplib.SMTP = smtplib.SMTP_SSL(
                state.server, state.port, timeout=timeout, context=context
            )
        else:
            connection = smtplib.SMTP(state.server, state.port, timeout=timeout)
        with connection:
            if state.use_tls and not state.use_ssl:
                connection.starttls(context=context)
            if state.username:
                connection.login(state.username, state.password or "")
            for message in messages:
                charset = message.encoding or state.default_charset
                connection.sendmail(
                    sanitize_address(message.from_email, charset),
                    [sanitize_address(address, charset) for address in message.recipients()],
                    message.message().as_bytes(linesep="\r\n"),
                )
        return len(messages)


class Postman:
    """Sends an app's mail on one background thread, in the order it was posted.

    A message that cannot be delivered is logged (its subject and the error's type, never the
    body: it may hold a link that signs someone in) and dropped; the flows that send mail let the
    user ask again. Messages still queued when the process exits are sent first
    (``concurrent.futures`` joins its threads at exit).
    """

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mail")
        self.posted: set[Future[bool]] = set()

    def post(self, message: EmailMessage) -> None:
        future = self.executor.submit(self._deliver, message)
        self.posted.add(future)
        future.add_done_callback(self.posted.discard)

    def _deliver(self, message: EmailMessage) -> bool:
        with self.app.app_context():
            try:
                message.send()
            except (OSError, smtplib.SMTPException) as error:  # ssl.SSLError is an OSError
                log.warning("mail not delivered: %r: %s", message.subject, type(error).__name__)
                return False
        return True

    def drain(self, timeout: float = 30) -> bool:
        """Wait until every posted message is delivered or dropped; whether all were delivered."""
        done, waiting = wait(list(self.posted), timeout=timeout)
        return not waiting and all(future.result() for future in done)


def postman(app: Flask | None = None) -> Postman:
    """The app's ``Postman`` (the current app's by default)."""
    found: Postman = (app or unproxied(current_app)).extensions[POSTMAN]
    return found


def link(endpoint: str, **values: Any) -> str:
    """An absolute link to ``endpoint`` for mail: on ``PUBLIC_URL``, whatever Host the request
    had, and with or without a request (a notice sent from the command line)."""
    app = unproxied(current_app)
    path = app.url_map.bind("", url_scheme="https").build(endpoint, values)
    return str(app.config["PUBLIC_URL"]).rstrip("/") + path


@dataclass(frozen=True)
class SignedLink:
    """A link sent by mail that carries a signed, expiring token (reset, confirm, change address).

    The token is signed with ``SECRET_KEY`` (its fallbacks still verify) by itsdangerous, as
    Flask's session is. Its key also holds a *binding*: account state that using the link changes
    (the password hash, the address, a pending confirmation), so a link works once without a table
    of spent tokens, and any change of that state voids every link sent before it.

    The token travels in the query string, which access records and traces never keep. Opening
    the link (a GET) moves the token into the session and redirects to the same page without it,
    so it leaves the address bar, the history and any Referer; only the page's POST acts on it, so
    a mail scanner that pre-fetches links spends nothing.
    """

    salt: str  # one per kind of link (and the session key of its token)
    timeout: str  # the setting that holds how long a link works (a timedelta)

    def _serializer(self, binding: str) -> URLSafeTimedSerializer:
        config = current_app.config
        keys = [*config["SECRET_KEY_FALLBACKS"], config["SECRET_KEY"]]  # itsdangerous signs with the last
        return URLSafeTimedSerializer(keys, salt=f"{self.salt}\x00{binding}")

    def make(self, payload: Any, binding: str) -> str:
        """A token carrying ``payload`` that verifies only while the account's state is ``binding``."""
        return self._serializer(binding).dumps(payload)

    def claimed(self, token: str) -> Any:
        """The payload a token claims, unverified: only to find the account whose binding verifies it."""
        return self._serializer("").loads_unsafe(token)[1]

    def verified(self, token: str, binding: str) -> Any:
        """The payload of a genuine, unexpired ``token`` signed for ``binding``; ``None`` otherwise."""
        max_age = current_app.config[self.timeout].total_seconds()
        try:
            return self._serializer(binding).loads(token, max_age=max_age)
        except BadSignature:  # SignatureExpired is a BadSignature
            return None

    def open(self, endpoint: str, owner: Callable[[str], T | None]) -> Opened[T]:
        """The GET of the page ``endpoint`` that a link opens; ``owner`` finds what a valid token names.

        With ``?token=``, a valid token is kept in the session and the answer is a ``303`` to the
        page without it; on the bare page, what the kept token names (if it is still valid).
        """
        token = request.args.get("token")
        if token is not None:
            if owner(token) is None:
                self.forget()
                return Opened(None, None, presented=True)
            session[self.salt] = token
            return Opened(None, redirect(url_for(endpoint), 303), presented=True)
        return Opened(self.held(owner), None, presented=False)

    def held(self, owner: Callable[[str], T | None]) -> T | None:
        """What the token kept in the session names, while it is valid (the page's POST acts on it)."""
        stored = self.stashed()
        found = owner(stored) if stored is not None else None
        if found is None:
            self.forget()
        return found

    def stashed(self) -> str | None:
        stored = session.get(self.salt)
        return stored if isinstance(stored, str) else None

    def forget(self) -> None:
        session.pop(self.salt, None)


@dataclass(frozen=True)
class Opened(Generic[T]):
    """What ``SignedLink.open`` found: the link's subject, or a redirect, or neither (invalid)."""

    found: T | None
    redirect: Response | None
    presented: bool  # ``?token=`` was given (an invalid one is a security event; a bare page is not)


def per_address_allowed(app: Flask, scope: str, email: str, limits_text: str) -> bool:
    """Whether ``email`` may get another mail of ``scope`` under ``limits_text`` ("3 per hour;...").

    Counted in the rate limiter's shared storage (every worker and instance) under a hash of the
    address; without rate limiting, or while its storage does not answer, the per-client limit is
    what remains.
    """
    storage = app.extensions.get(LIMIT_STORAGE)
    if storage is None or not limits_text:
        return True
    # `limits` is installed whenever its storage is (the rate limiter or the IP filter brought it).
    from limits import parse
    from limits.strategies import FixedWindowRateLimiter

    account = hashlib.sha256(email.encode()).hexdigest()[:32]
    limiter = FixedWindowRateLimiter(storage)
    try:
        # Every limit counts the attempt: `all` would stop at the first full one.
        hits = [limiter.hit(parse(text), scope, account) for text in limits_text.split(";")]
    except Exception as exc:  # an unreachable storage must neither refuse nor reveal anything
        log.warning("%s address limit not counted: %s", scope, type(exc).__name__)
        return True
    return all(hits)


def limit_per_client(app: Flask, *endpoints: str) -> None:
    """With rate limiting, put ``endpoints`` (views that send mail) in the RECOVERY class."""
    if LIMIT_CLASSES in app.extensions:
        for key, value in RATE_LIMIT_DEFAULTS.items():
            app.config.setdefault(key, value)
        for endpoint in endpoints:
            app.extensions[LIMIT_CLASSES][endpoint] = "RECOVERY"


def send(to: str, subject: str, template: str, **context: Any) -> None:
    """Render ``mail/<template>.txt`` and post it to ``to``; returns before it is sent."""
    title = current_app.config["APP_TITLE"]
    body = render_template(f"mail/{template}.txt", app_title=title, **context)
    postman().post(EmailMessage(f"{title}: {subject}", body, to=[to]))


# --8<-- [start:notices]
#: Security notices: (event, outcome) -> the subject of the mail sent to the account's owner.
NOTICES: dict[tuple[str, str], str] = {
    ("password_change", "success"): "your password was changed",
    ("password_reset", "success"): "your password was reset",
    ("mfa_enrol", "success"): "two-step verification was turned on",
    ("mfa_disable", "success"): "two-step verification was turned off",
    ("mfa_recovery_used", "success"): "a recovery code was used",
    ("token_create", "success"): "a new API token was created",
    ("lockout", "locked"): "your account was locked",
    ("register", "duplicate"): "someone tried to register with your address",
}
# --8<-- [end:notices]


def _notify(sender: Flask, **event: Any) -> None:
    """Mail a security notice for the events in ``NOTICES`` to the account concerned.

    The event has happened (the password is changed, the token exists) before its notice is
    built: a failure here is logged, never raised into the request that did it.
    """
    notice = NOTICES.get((event["event"], event["outcome"]))
    if notice is None:
        return
    try:
        user = db.session.get(User, event["user_id"]) if event["user_id"] is not None else None
        if user is None and event["event"] == "register":
            user = find_by_email(event["details"].get("email", ""))
        if user is None:  # a lockout of an address with no account: nobody to tell
            return
        send(
            user.email, notice, "notice", event=event["event"], notice=notice, forgot=link("recovery.forgot")
        )
    except Exception:  # a bug or an outage must not turn a completed action into a 500
        log.exception("security notice not sent: %s", notice)


# --8<-- [start:checks]
def mail_checks(app: Flask) -> Iterable[Finding]:
    """Production mail reaches users, over TLS, with links to the real site."""
    c = app.config
    public = urlsplit(c["PUBLIC_URL"] or "")
    if public.scheme != "https" or not public.hostname:
        yield Finding(
            "SFA-M001",
            "error",
            "PUBLIC_URL is not an https:// address: links in mail (password reset) cannot be built.",
            "Set FLASK_PUBLIC_URL to the site's address (https://...), or FLASK_TRUSTED_HOSTS.",
        )
    if c["MAIL_BACKEND"] in ("file", "locmem", "console", "dummy"):
        yield Finding(
            "SFA-M002",
            "error",
            f"MAIL_BACKEND is {c['MAIL_BACKEND']!r}: no account mail reaches its users.",
            f"Unset FLASK_MAIL_BACKEND (the default is {SMTP_BACKEND!r}).",
        )
        return
    if c["MAIL_BACKEND"] != SMTP_BACKEND:
        yield Finding(
            "SFA-M005",
            "warning",
            f"MAIL_BACKEND is {c['MAIL_BACKEND']!r}: this project does not check how it protects mail.",
            f"Unset FLASK_MAIL_BACKEND: the default, {SMTP_BACKEND!r}, verifies the server's certificate.",
        )
        return
    if not c["MAIL_SERVER"] or "@" not in parseaddr(c["MAIL_DEFAULT_SENDER"] or "")[1]:
        yield Finding(
            "SFA-M003",
            "error",
            "MAIL_SERVER is not set, or MAIL_DEFAULT_SENDER is not an address: no account mail can be sent.",
            "Set FLASK_MAIL_SERVER (and FLASK_MAIL_PORT, _USERNAME, _PASSWORD as your provider says).",
        )
    if not (c["MAIL_USE_TLS"] or c["MAIL_USE_SSL"]) and c["MAIL_SERVER"] not in LOCAL_SERVERS:
        yield Finding(
            "SFA-M004",
            "error",
            "Mail leaves for a remote MAIL_SERVER without TLS: reset links could be read on the way.",
            "Set FLASK_MAIL_USE_TLS=true (STARTTLS, port 587) or FLASK_MAIL_USE_SSL=true (port 465).",
        )


# --8<-- [end:checks]

mail_cli = AppGroup("mail", help="Account mail: the development outbox and a test message.")


@mail_cli.command("outbox")
@click.option("--all", "show_all", is_flag=True, help="Every message, oldest first, not only the newest.")
def outbox_command(show_all: bool) -> None:
    """Print the messages the "file" backend wrote (development: instance/outbox)."""
    folder = Path(current_app.config["MAIL_FILE_PATH"])
    files = sorted(folder.glob("*.log"), key=lambda path: path.stat().st_mtime) if folder.is_dir() else []
    if not files:
        click.echo(f"No messages in {folder}.")
        return
    for path in files if show_all else files[-1:]:
        click.echo(f"==> {path}")
        click.echo(path.read_text(encoding="utf-8", errors="replace"))


@mail_cli.command("test")
@click.argument("address")
def test_command(address: str) -> None:
    """Send a test message to ADDRESS now, through the configured backend, and report the outcome."""
    message = EmailMessage(
        f"{current_app.config['APP_TITLE']}: test message", "Mail delivery works.", to=[address]
    )
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as error:
        raise click.ClickException(f"Not sent: {type(error).__name__}: {error}") from error
    click.echo(f"Sent to {address} through {current_app.config['MAIL_BACKEND']}.")


def init_app(app: Flask) -> None:
    """Bind Flask-Mailman, the app's ``Postman``, the notices and the ``flask mail`` commands."""
    for key, value in PROFILE_DEFAULTS.get(app.config["PROFILE"], {}).items():
        app.config.setdefault(key, value)
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    config = app.config
    hosts = config["TRUSTED_HOSTS"] or []
    hosts = [hosts] if isinstance(hosts, str) else list(hosts)
    if not config["PUBLIC_URL"] and hosts and not hosts[0].startswith("."):  # ".example.com": a pattern
        config["PUBLIC_URL"] = f"https://{hosts[0]}"
    host = urlsplit(config["PUBLIC_URL"] or "").hostname
    if not config["MAIL_DEFAULT_SENDER"] and host:
        config["MAIL_DEFAULT_SENDER"] = f"no-reply@{host}"
    if not config["MAIL_BACKEND"]:  # set empty (FLASK_MAIL_BACKEND=""): the default, whatever the profile
        config["MAIL_BACKEND"] = SMTP_BACKEND
    if not config["MAIL_FILE_PATH"]:
        config["MAIL_FILE_PATH"] = str(Path(app.instance_path) / "outbox")
    Mail().init_app(app)
    app.extensions[POSTMAN] = Postman(app)
    security_event.connect(_notify, sender=app, weak=False)
    app.cli.add_command(mail_cli)
    checks.register(app, mail_checks)
