"""gunicorn settings: the app refuses unsafe production settings when the workers load it."""

import os
import tempfile

wsgi_app = "{{ cookiecutter.package_name }}.wsgi:app"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = 30
graceful_timeout = 20
keepalive = 5
# Limits on the request line and headers (the body is bounded by MAX_CONTENT_LENGTH).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# --8<-- [start:tls]
# Trust X-Forwarded-* only through the app's TRUSTED_PROXY_HOPS (ProxyFix), not gunicorn's own.
forwarded_allow_ips = ""
accesslog = None  # the app writes one structured access record per request
errorlog = "-"
# Serve TLS directly when a certificate is given; otherwise terminate TLS at the proxy.
certfile = os.environ.get("GUNICORN_CERTFILE") or None
keyfile = os.environ.get("GUNICORN_KEYFILE") or None
# --8<-- [end:tls]
# gunicorn 27's control socket sits at one shared path: several instances on one host (and the
# tests) would collide, and nothing here manages gunicorn at run time.
control_socket_disable = True

# --8<-- [start:metrics]
# /metrics adds up every worker: prometheus-client's multiprocess mode keeps each worker's values in
# a file of this directory (set before the workers import the app; a fresh one per server, under
# /tmp, the container's writable tmpfs), and forgets a worker's live gauges when it exits.
if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="prometheus-")


def child_exit(server: object, worker: object) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(getattr(worker, "pid", 0))


# --8<-- [end:metrics]
