"""Starts the application under gunicorn on the loopback, with production settings, for the scripts.

DEBUG is off and every protection on, except the redirect to HTTPS: on the loopback the
TLS-terminating proxy is left out.
"""

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sip_scripts"


def free_port():
    """A free loopback port: any, or one of ``SIP_PORTS`` (``first-last``) on a machine whose ports are shared out."""
    first, _dash, last = os.environ.get("SIP_PORTS", "0-0").partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError(f"no free port in SIP_PORTS={os.environ['SIP_PORTS']}")


def ensure_postgresql_database(database_url):
    """Create the PostgreSQL database named in the URL when it does not exist yet."""
    import psycopg2

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def production_env(database_url, static_root, workers):
    env = dict(os.environ)
    env.update(
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        GUNICORN_WORKERS=str(workers),
    )
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def get(port, path, timeout=5.0):
    """One GET on the loopback; returns the status code, or the exception's name when it failed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__
    finally:
        connection.close()


@contextlib.contextmanager
def gunicorn(database_url=None, workers=2, demo=False, settings_module=None, env=None):
    """Migrate, collect static files, start gunicorn on a free loopback port; yield (port, process).

    ``settings_module``: a settings module of ``scripts/`` to serve with instead of the product's;
    ``env``: further environment variables of the application (``REDIS_URL``, ...).
    """
    database_url = database_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if database_url.startswith(("postgres://", "postgresql://")):
        ensure_postgresql_database(database_url)
    with tempfile.TemporaryDirectory(prefix="sip-static-") as static_root:
        env = {**production_env(database_url, static_root, workers), **(env or {})}
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        if demo:
            manage(env, "load_demo")
        port = free_port()
        env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
        if settings_module:
            env.update(DJANGO_SETTINGS_MODULE=settings_module, PYTHONPATH=str(ROOT / "scripts"))
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 30
            while get(port, "/healthz", timeout=1) != 200:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start answering /healthz within 30 s")
                time.sleep(0.2)
            yield port, server
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@contextlib.contextmanager
def redis_server(*options, port=None):
    """Start a Redis of our own on a free loopback port (or ``port``), without persistence; yield (port, process).

    ``options`` are further ``redis-server`` arguments, e.g. ``"--maxmemory", "1mb"``. It is killed on
    the way out, woken first if it was stopped.
    """
    port = port or free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 10
        while not redis_answers(port):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start answering within 10 s")
            time.sleep(0.05)
        yield port, server
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGCONT)
            server.kill()
        server.wait(timeout=10)


def redis_answers(port, timeout=0.5):
    """Whether the Redis on ``port`` answers PING."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def worker_pids(server):
    """The gunicorn workers' process ids, to show that none was restarted."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    return sorted(int(pid) for pid in children.read_text().split()) if children.exists() else []
