"""Two servers on one database and one Redis: a change recorded through one shows on the other's next
request, and the pages and figures it calls for are computed once in all, not once per worker.

Each server is gunicorn with production settings and two workers (``scripts/serving.py``), with a Redis
of the test's own. Computations are counted by what the servers write to Redis, as Redis's ``MONITOR``
reports it: every computed page or figure is kept with one ``SET`` of its entry, so an entry written
twice was computed twice. Skipped only where ``redis-server`` is not installed.
"""

import datetime
import http.client
import re
import shutil
import socket
import sys
import threading
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import psycopg2
import pytest
from django.db import connection

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from serving import gunicorn, manage, production_env, redis_server  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")

CHANGELIST = "/admin/recommendations/recommendation/"
PASSWORD = "root-Pa55word!"
# Requests released together: the overview, and the list under addresses of its own for each, whose
# pages are therefore built each time while their figures are the same.
OVERVIEWS = 8
LISTS = 8


class Browser:
    """Requests to one server, keeping its cookies; each on a new connection, which no wait can close."""

    def __init__(self, port):
        self.port = port
        self.cookies = SimpleCookie()

    def request(self, method, path, form=None):
        headers = {"Cookie": "; ".join(f"{name}={morsel.value}" for name, morsel in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies["csrftoken"].value}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(header)
            return response.status, response.read().decode()
        finally:
            connection.close()


def executed(port, path="/"):
    """The number of executed recommendations the overview, or the list of executed ones, shows."""
    status, page = Browser(port).request("GET", path)
    assert status == 200, path
    shown = (
        r"implemented \(([\d,]+) executed\)" if path == "/" else r'list-summary__heading">\s*([\d,]+) recommendation'
    )
    return int(re.search(shown, page)[1].replace(",", ""))


def change_a_status_in_the_admin(staff):
    """Record through the admin that one ongoing recommendation was executed today."""
    _status, changelist = staff.request("GET", f"{CHANGELIST}?status__exact=ongoing")
    chosen = re.search(r'name="_selected_action" value="(\d+)"', changelist)[1]
    form = {
        "action": "change_status",
        "_selected_action": chosen,
        "apply": "1",
        "status": "executed",
        "date": datetime.date.today().isoformat(),
    }
    status, _page = staff.request("POST", CHANGELIST, form)
    assert status == 302, "the status change was recorded"


TOKEN = re.compile(rb'"((?:[^"\\]|\\.)*)"')


class Monitor:
    """Every command Redis runs, from now until ``written`` is read, as Redis's MONITOR reports it."""

    END = "end-of-the-requests"

    def __init__(self, port):
        self.port = port
        self.socket = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.socket.sendall(b"MONITOR\r\n")
        self.lines = self.socket.makefile("rb")
        assert self.lines.readline() == b"+OK\r\n"

    def written(self):
        """How many times each key was written (``SET`` without ``NX``: the locks are added with it)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as other:
            other.sendall(f"ECHO {self.END}\r\n".encode())
            other.recv(64)
        writes = Counter()
        for line in self.lines:
            # +<time> [<db> <client>] "<command>" "<argument>" ..., quotes and bytes escaped.
            command, *arguments = TOKEN.findall(line)
            if command.upper() == b"ECHO" and arguments == [self.END.encode()]:
                break
            if command.upper() == b"SET" and b"NX" not in (argument.upper() for argument in arguments[2:]):
                writes[arguments[0].decode()] += 1
        self.socket.close()
        return writes


def released_together(requests):
    """Ask for every (port, path) at the same moment, each on its own connection; the pages' figures."""
    barrier = threading.Barrier(len(requests))
    shown = [None] * len(requests)

    def ask(index, port, path):
        barrier.wait()
        try:
            shown[index] = executed(port, path)
        except Exception as error:  # noqa: BLE001 - said in the assertion on ``shown``
            shown[index] = f"{path}: {error!r}"

    threads = [threading.Thread(target=ask, args=(index, *request)) for index, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return shown


@pytest.fixture
def database_url(tmp_path):
    """The servers' database, of their own: a file, or a PostgreSQL database made for the test and dropped
    after it, so that what they write never meets the other tests' data."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'db.sqlite3'}"
        return
    settings = connection.settings_dict
    name = f"{settings['NAME']}_servers"
    server = psycopg2.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname="postgres",
    )
    server.autocommit = True

    def drop():
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop()
    yield f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{name}"
    drop()
    server.close()


def test_a_change_through_one_server_shows_on_the_other_and_is_computed_once(database_url, tmp_path):
    with redis_server() as (redis_port, _redis):
        env = {"REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"}
        with (
            gunicorn(database_url, workers=2, demo=True, env=env) as (a, _server_a),
            gunicorn(database_url, workers=2, env=env) as (b, _server_b),
        ):
            manage(
                {**production_env(database_url, tmp_path, 1), "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
                *("createsuperuser", "--no-input", "--username", "root", "--email", "root@example.org"),
            )
            staff = Browser(a)
            staff.request("GET", "/admin/login/")
            status, _page = staff.request("POST", "/admin/login/", {"username": "root", "password": PASSWORD})
            assert status == 302, "logged in"

            before = executed(b)
            assert executed(b) == before, "kept"
            change_a_status_in_the_admin(staff)
            assert executed(b) == before + 1, "server B shows the change recorded through server A at once"

            requests = [((a, b)[index % 2], "/") for index in range(OVERVIEWS)] + [
                ((a, b)[index % 2], "/recommendations/?status=executed&page=" + "0" * index + "1")
                for index in range(LISTS)
            ]
            # Every worker has answered these pages once before the requests that are counted.
            released_together(requests)
            change_a_status_in_the_admin(staff)
            monitor = Monitor(redis_port)
            shown = released_together(requests)
            writes = monitor.written()

    assert shown == [before + 2] * len(requests), "every server shows the new figures"
    pages = [key for key in writes if ":page:" in key]
    figures = [key for key in writes if ":figures:" in key]
    assert len(pages) == 1 + LISTS, "the overview once, and each address of the list once"
    assert figures, "the figures were kept"
    assert {key: count for key, count in writes.items() if count > 1} == {}, "each computed once in all"
