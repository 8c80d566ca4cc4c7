"""A small OpenAI-compatible chat-completions server on loopback, for tests and the benchmark.

It speaks the real wire format (``POST /v1/chat/completions``, JSON or server-sent events when the
request says ``"stream": true``, usage in the last chunk when ``stream_options.include_usage``),
records every request it receives, and can be told to misbehave: answer slowly, drip, fail with
a status a number of times, echo the system prompt, or answer a fixed text such as a script tag.
It is a fake at the process boundary only: the app's own provider code talks to it over HTTP.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# The app wraps each client message between markers with a per-request boundary (spotlighting).
SPOTLIGHT = re.compile(r"^<<untrusted-[0-9a-f]+>>\n|\n<</untrusted-[0-9a-f]+>>$")


@dataclass
class Behaviour:
    """What the next answers look like; tests change these fields."""

    mode: str = "echo"  # echo (last user message), system (the system prompt), fixed (``reply``)
    reply: str = ""
    delay: float = 0.0  # seconds before the status line
    drip: float = 0.0  # seconds between streamed chunks
    fail: list[int] = field(default_factory=list)  # statuses to answer first, one per request
    fail_body: str = ""  # body of those failures (e.g. one that quotes the key)
    ignore_max_tokens: bool = False
    chunk: int = 8  # characters per streamed chunk
    flag_words: list[str] = field(default_factory=list)  # /moderations flags inputs holding one


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up (the timeout tests) is expected: no traceback on stderr."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FakeOpenAI:
    """Start with ``start()``; ``base_url`` is what ``AI_OPENAI_BASE_URL`` should be."""

    def __init__(self) -> None:
        self.behaviour = Behaviour()
        self.requests: list[dict[str, Any]] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append({"path": self.path, "headers": dict(self.headers), "json": body})
                if self.path.endswith("/moderations"):
                    fake._moderate(self, body)
                else:
                    fake._answer(self, body)

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def last(self) -> dict[str, Any]:
        """The last request received."""
        return self.requests[-1]

    def _text(self, body: dict[str, Any]) -> str:
        messages = body.get("messages", [])
        b = self.behaviour
        if b.mode == "fixed":
            return b.reply
        if b.mode == "system":
            return next((m["content"] for m in messages if m["role"] == "system"), "")
        last = next((m["content"] for m in reversed(messages) if m["role"] == "user"), "")
        return SPOTLIGHT.sub("", last)  # as a model that read the spotlighting markers as such

    def _moderate(self, handler: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        """``POST /v1/moderations`` in OpenAI's format: flagged when the input holds a flag word."""
        b = self.behaviour
        if b.delay:
            time.sleep(b.delay)
        text = str(body.get("input", "")).lower()
        hit = any(word.lower() in text for word in b.flag_words)
        result = {
            "flagged": hit,
            "categories": {"illicit": hit, "harassment": False},
            "category_scores": {"illicit": 0.97 if hit else 0.01, "harassment": 0.0},
        }
        data = json.dumps({"id": "modr-fake", "model": body.get("model"), "results": [result]}).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def _answer(self, handler: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        b = self.behaviour
        if b.delay:
            time.sleep(b.delay)
        if b.fail:
            status = b.fail.pop(0)
            data = (
                b.fail_body or json.dumps({"error": {"message": "failure", "type": "server_error"}})
            ).encode()
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            handler.send_header("Retry-After", "0")
            handler.end_headers()
            handler.wfile.write(data)
            return
        text = self._text(body)
        limit = body.get("max_tokens") or body.get("max_completion_tokens")
        finish = "stop"
        words = text.split(" ")
        if b.ignore_max_tokens:
            text = text * 1000
        elif limit and len(words) > limit:
            text, finish = " ".join(words[:limit]), "length"
        usage = {"prompt_tokens": 11, "completion_tokens": max(1, len(text.split())), "total_tokens": 0}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        base = {"id": "chatcmpl-fake", "created": int(time.time()), "model": body.get("model")}
        if not body.get("stream"):
            data = json.dumps(
                base
                | {
                    "object": "chat.completion",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": text},
                            "finish_reason": finish,
                        }
                    ],
                    "usage": usage,
                }
            ).encode()
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
            return
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.send_header("Cache-Control", "no-cache")
        handler.end_headers()

        def event(payload: dict[str, Any] | str) -> None:
            line = (
                payload
                if isinstance(payload, str)
                else json.dumps(base | {"object": "chat.completion.chunk"} | payload)
            )
            handler.wfile.write(f"data: {line}\n\n".encode())
            handler.wfile.flush()
            if b.drip:
                time.sleep(b.drip)

        try:
            handler.wfile.write(b": keep-alive\n\n")
            event(
                {
                    "choices": [
                        {"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}
                    ]
                }
            )
            for start in range(0, len(text), b.chunk):
                piece = text[start : start + b.chunk]
                event({"choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]})
            event({"choices": [{"index": 0, "delta": {}, "finish_reason": finish}]})
            if (body.get("stream_options") or {}).get("include_usage"):
                event({"choices": [], "usage": usage})
            event("[DONE]")
        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading: fine
            pass
