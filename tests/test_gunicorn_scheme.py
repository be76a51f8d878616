"""Gunicorn as production runs it: a request counts as HTTPS only by the header Django is told to trust.

Each case starts ``gunicorn -c gunicorn.conf.py`` (``scripts/serving.py``) on its own SQLite file.
"""

import http.client
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from serving import gunicorn  # noqa: E402

SPOOFS = [{"X-Forwarded-Ssl": "on"}, {"X-Forwarded-Proto": "https"}, {"X-Forwarded-Protocol": "ssl"}]


def answer(port, path, headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Strict-Transport-Security")
    finally:
        connection.close()


def seen_as_secure(port, headers):
    """HSTS comes only with a secure request; an insecure one to a page is redirected to HTTPS."""
    healthz_status, hsts = answer(port, "/healthz", headers)
    assert healthz_status == 200
    page_status, _ = answer(port, "/no-such-page/", headers)
    assert (hsts is not None) == (page_status == 404), (hsts, page_status)
    return hsts is not None


@pytest.mark.parametrize("proxy_header", ["False", "True"])
def test_only_the_trusted_proxy_header_makes_a_request_secure(tmp_path, proxy_header):
    env = {"SECURE_PROXY_SSL_HEADER": proxy_header, "SECURE_SSL_REDIRECT": "True"}
    with gunicorn(f"sqlite:///{tmp_path / 'db.sqlite3'}", workers=1, env=env) as (port, _server):
        assert not seen_as_secure(port, {})
        spoofs = SPOOFS if proxy_header == "False" else SPOOFS[0::2]
        for headers in spoofs:
            assert not seen_as_secure(port, headers), headers
        if proxy_header == "True":
            assert seen_as_secure(port, {"X-Forwarded-Proto": "https"})
            assert not seen_as_secure(port, {"X-Forwarded-Proto": "http", "X-Forwarded-Ssl": "on"})
