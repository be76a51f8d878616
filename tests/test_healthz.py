"""The health check that load balancers and monitors probe."""

from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper


def test_healthz_answers_200_when_the_database_works(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response.headers["Cache-Control"]


def test_healthz_answers_503_when_the_database_fails(client, db, monkeypatch):
    def refuse(connection, *args, **kwargs):
        raise OperationalError("connection to server failed: Connection refused")

    # The failure starts where a dropped database would start: opening a cursor.
    with monkeypatch.context() as patched:
        patched.setattr(BaseDatabaseWrapper, "cursor", refuse)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


def test_healthz_needs_no_log_in_and_only_reads(client, db):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
