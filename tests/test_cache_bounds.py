"""The cache cannot be flooded: an address with parameters a page does not read makes no entry, and a
worker's own cache stays within its byte budget, however many distinct pages are asked for."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from recommendations import caching
from recommendations.models import Status
from sip import settings as project_settings


@pytest.fixture
def shown(make_recommendation):
    make_recommendation(status=Status.EXECUTED)


@pytest.fixture
def writes(monkeypatch):
    """The keys the pages write to the cache."""
    written = []
    kept_set = caching.cache.set

    def spy(key, *args, **kwargs):
        written.append(key)
        return kept_set(key, *args, **kwargs)

    monkeypatch.setattr(caching.cache, "set", spy)
    return written


def test_unknown_parameters_make_no_new_entries(client, shown, writes):
    assert client.get("/recommendations/?status=executed").status_code == 200
    assert client.get("/themes/consolidating-my-activity/").status_code == 200
    made = len(writes)
    assert made > 0
    for number in range(2000):
        path = "/recommendations/?status=executed" if number % 2 else "/themes/consolidating-my-activity/"
        joiner = "&" if "?" in path else "?"
        response = client.get(f"{path}{joiner}x{number}={number}&utm_source=mail")
        assert response.status_code == 302
        assert response["Location"] == path
    assert len(writes) == made


def test_the_redirect_keeps_the_parameters_the_page_reads(client, shown):
    response = client.get("/recommendations/?fbclid=1&status=executed&q=a+b&page=2&status=ongoing")
    assert response["Location"] == "/recommendations/?status=executed&status=ongoing&q=a+b&page=2"
    assert client.get("/recommendations/2020-BE-01/?ref=x")["Location"] == "/recommendations/2020-BE-01/"
    assert client.get("/?theme=x&cycle=2019-2020")["Location"] == "/?cycle=2019-2020"


def served_from_the_cache(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries) == 1  # the data version alone


BUDGET = 300_000


def test_a_flood_of_distinct_pages_keeps_the_worker_cache_within_its_byte_budget(client, shown):
    bounded = {**project_settings.cache_settings("", max_bytes=BUDGET), "LOCATION": "flood"}
    with override_settings(CACHES={"default": bounded}):
        flood(client, caches["default"])


def flood(client, cache):
    cache.clear()
    favourite = "/recommendations/?q=Recommendation"
    client.get(favourite)
    for number in range(300):
        assert client.get(f"/recommendations/?q=word{number}").status_code == 200
        assert cache.bytes_used <= BUDGET
        if number % 5 == 0:
            assert served_from_the_cache(client, favourite), "read often, so kept"
    assert cache.bytes_used > BUDGET // 2
    assert not served_from_the_cache(client, "/recommendations/?q=word0"), "the least recently used went first"
    assert served_from_the_cache(client, "/recommendations/?q=word299")
