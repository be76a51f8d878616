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
# Only the proxy on this machine may say that the request came over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
