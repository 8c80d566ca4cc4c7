"""Container health check: GET /healthz from inside the container, as the proxy would send it.

The app sits behind exactly one trusted proxy (TRUSTED_PROXY_HOPS=1) and refuses Host headers
outside TRUSTED_HOSTS, so the probe names a trusted host and says the original request was
HTTPS, as the proxy does. Exit status 0 means healthy. Standard library only.
"""

from __future__ import annotations

import http.client
import json
import os
import sys

TIMEOUT = 4  # seconds; the HEALTHCHECK in the Dockerfile allows 5


def probe_host() -> str:
    """The first exact name in FLASK_TRUSTED_HOSTS (a JSON list), else localhost."""
    try:
        hosts = json.loads(os.environ.get("FLASK_TRUSTED_HOSTS", "[]"))
    except ValueError:
        hosts = []
    names = [h for h in hosts if isinstance(h, str) and h and not h.startswith(".")]
    return names[0] if names else "localhost"


def main() -> int:
    """Return 0 when /healthz answers 200, else 1 with the reason on stderr."""
    port = int(os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").rsplit(":", 1)[-1])
    host = probe_host()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.request(
            "GET",
            "/healthz",
            headers={"Host": host, "X-Forwarded-Proto": "https", "X-Forwarded-Host": host},
        )
        status = connection.getresponse().status
    except OSError as exc:
        print(f"healthcheck: {exc}", file=sys.stderr)
        return 1
    finally:
        connection.close()
    if status != 200:
        print(f"healthcheck: /healthz answered {status}", file=sys.stderr)
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
