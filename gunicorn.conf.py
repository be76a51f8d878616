"""Gunicorn, the production server: `gunicorn -c gunicorn.conf.py` from the project folder.

Every setting comes from the environment; without any it serves on the loopback, behind the
TLS-terminating proxy that faces the internet.
"""

import os

wsgi_app = "sip.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1)))
# Threads let a worker wait on the database for one request while serving another.
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 10
keepalive = 5
# Whether a request came over HTTPS is taken from a header only when Django is told to trust one
# (the same SECURE_PROXY_SSL_HEADER variable): gunicorn's default list would otherwise let anyone
# on the machine claim HTTPS through X-Forwarded-Ssl or X-Forwarded-Proto.
if os.environ.get("SECURE_PROXY_SSL_HEADER", "False").strip().lower() in ("1", "true", "yes", "on"):
    secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
    # Only the proxy on this machine may say so.
    forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
else:
    secure_scheme_headers = {}
    forwarded_allow_ips = ""
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
