"""A real SMTP server on loopback (aiosmtpd) for the account-mail tests: plain, STARTTLS or TLS."""

from __future__ import annotations

import re
import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller
from flask import Flask
from flask.testing import FlaskClient

from conftest import PASSWORD, form_post, free_port, self_signed_certificate
from {{ cookiecutter.package_name }}.security.mail import postman

LINK = re.compile(r"https?://\S+")


@dataclass
class Inbox:
    """What the server received: each message, parsed, with its envelope recipients."""

    port: int
    certificate: Path | None = None
    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def settings(self, **overrides: Any) -> dict[str, Any]:
        """App settings that send through this server with the project's SMTP backend."""
        return {
            "MAIL_BACKEND": "{{ cookiecutter.package_name }}.security.mail",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": self.port,
            "MAIL_USE_TLS": False,
            "MAIL_TIMEOUT": 5,
        } | overrides

    def wait(self, count: int, timeout: float = 10) -> list[tuple[list[str], EmailMessage]]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.messages

    def to(self, address: str) -> list[EmailMessage]:
        return [message for recipients, message in self.messages if address in recipients]


def body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def links(message: EmailMessage) -> list[str]:
    return LINK.findall(body(message))


def mailed_link(app: Flask, inbox: Inbox, email: str, path: str) -> str:
    """The link to ``path`` in the newest message ``inbox`` received for ``email``."""
    assert postman(app).drain()
    [message] = inbox.to(email)[-1:]
    [found] = [url for url in links(message) if f"{path}?" in url]
    return found


def local(url: str) -> str:
    """The path and query of a link in a mail, to request it from the test client."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def login(client: FlaskClient, email: str = "alice@example.com", password: str = PASSWORD) -> Any:
    return form_post(client, "/auth/login", {"email": email, "password": password})


def signed_in(client: FlaskClient) -> bool:
    return client.get("/auth/password").status_code == 200


@contextmanager
def smtp_server(folder: Path, tls: str = "none") -> Iterator[Inbox]:
    """An SMTP server on 127.0.0.1: ``tls`` is "none", "starttls" (required) or "implicit".

    With TLS it presents a self-signed certificate for 127.0.0.1 (``Inbox.certificate``), which
    no system CA vouches for: a client that checks certificates refuses it unless told to trust it.
    """
    inbox = Inbox(free_port())
    options: dict[str, Any] = {}
    if tls != "none":
        cert, key = self_signed_certificate(folder)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        inbox.certificate = cert
        options = {"tls_context": context, "require_starttls": True} if tls == "starttls" else {}
        if tls == "implicit":
            options = {"ssl_context": context}
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port, **options)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
