"""A failing Redis takes no page down: killed, frozen or full, the pages are computed, once logged, and
``/healthz`` says the cache is degraded while still answering 200.

Each test starts a Redis of its own on a free port (``scripts/serving.py``); they are skipped only where
``redis-server`` is not installed.
"""

import logging
import shutil
import signal
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from recommendations.caching import LOCK_SECONDS
from recommendations.models import Status
from sip import settings as project_settings
from sip.cache import RETRY_AFTER

from .support import PUBLIC_PAGES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from serving import redis_server  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")

PAGES = PUBLIC_PAGES


def redis_caches(port):
    return {"default": project_settings.cache_settings(f"redis://127.0.0.1:{port}/0")}


def queries_of(client, url):
    """The number of queries that answering ``url`` took; 1 (the data version) for a kept page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    # The overview counts recommendations; every other page names the one shown.
    assert (b"implemented" if urlsplit(url).path == "/" else b"Recommendation 1") in response.content, url
    return len(queries)


def cache_warnings(caplog):
    return [record for record in caplog.records if record.name == "sip.cache" and record.levelno >= logging.WARNING]


def test_a_killed_redis_takes_no_page_down(client, shown, caplog):
    with redis_server() as (port, server), override_settings(CACHES=redis_caches(port)):
        for url in PAGES:
            queries_of(client, url)
        assert all(queries_of(client, url) == 1 for url in PAGES), "kept in Redis"
        assert client.get("/healthz").content == b"ok\n"
        server.kill()
        server.wait()
        with caplog.at_level(logging.WARNING):
            for _ in range(3):
                assert all(queries_of(client, url) > 1 for url in PAGES), "computed"
            health = client.get("/healthz")
        assert health.status_code == 200
        assert health.content == b"ok\ncache: degraded\n"
        assert len(cache_warnings(caplog)) == 1, "one line for the whole outage, not one per request"


def test_a_frozen_redis_costs_little_and_is_used_again_once_it_wakes(client, shown, caplog):
    with redis_server() as (port, server), override_settings(CACHES=redis_caches(port)):
        for url in PAGES:
            queries_of(client, url)
        server.send_signal(signal.SIGSTOP)
        with caplog.at_level(logging.WARNING):
            started = time.monotonic()
            for _ in range(3):
                for url in PAGES:
                    queries_of(client, url)
            frozen_for = time.monotonic() - started
            health = client.get("/healthz")
        # Each call that waited on the frozen Redis is a failure: the first is logged, the others counted since.
        # Between two waits at least RETRY_AFTER passes in computing pages, however fast the machine is.
        waited = 1 + caches["default"]._outage.unlogged
        computing = frozen_for - waited * project_settings.REDIS_TIMEOUT
        assert waited <= 1 + computing / RETRY_AFTER, "the pages wait on the frozen Redis at most once per retry"
        assert (health.status_code, health.content) == (200, b"ok\ncache: degraded\n")
        assert len(cache_warnings(caplog)) == 1, [record.getMessage() for record in cache_warnings(caplog)]
        server.send_signal(signal.SIGCONT)
        woke = time.monotonic()
        while queries_of(client, PAGES[1]) != 1:
            assert time.monotonic() - woke < 2.0, "pages come from the cache again within 2 s"
            time.sleep(0.05)
        assert client.get("/healthz").content == b"ok\n"


def test_a_full_redis_that_refuses_writes_takes_no_page_down(client, shown, caplog):
    with redis_server("--maxmemory", "1mb", "--maxmemory-policy", "noeviction") as (port, server):
        filler = redis.Redis(port=port)
        with pytest.raises(redis.exceptions.ResponseError, match="maxmemory"):  # noqa: PT012
            for number in range(10_000):
                filler.set(f"filler:{number}", b"x" * 10_000)
        filler.close()
        with override_settings(CACHES=redis_caches(port)), caplog.at_level(logging.WARNING):
            # Long enough for Redis to be tried again: it still answers reads, never writes.
            started = time.monotonic()
            while time.monotonic() - started < 2.5:
                for url in PAGES:
                    queries_of(client, url)
            health = client.get("/healthz")
        assert (health.status_code, health.content) == (200, b"ok\ncache: degraded\n")
        assert len(cache_warnings(caplog)) == 1, [record.getMessage() for record in cache_warnings(caplog)]


def test_a_lock_left_by_a_server_that_died_while_building_a_page_lapses(client, shown):
    """A server that took the lock of a missing page and died holds the others up only while it lives."""
    with redis_server() as (port, _server), override_settings(CACHES=redis_caches(port)):
        queries_of(client, "/")
        store = redis.Redis(port=port)
        [page] = store.keys("*:page:*")
        store.delete(page)
        kept_under, _, address = page.partition(b":page:")
        store.set(kept_under + b":computing:page:" + address, 1, ex=LOCK_SECONDS)
        assert queries_of(client, "/") > 1, "computed once the lock lapsed"
        assert store.exists(page), "and kept again"
        assert queries_of(client, "/") == 1
        store.close()


def test_each_worker_keeps_copies_of_the_entries_it_read_from_redis(client, shown, make_recommendation):
    """A page read again comes from the worker's own copy, without a round trip to Redis; a change still
    shows on the next request, since its entry is under the new data version."""
    with (
        redis_server() as (port, _server),
        override_settings(CACHES=project_settings.caches_settings(f"redis://127.0.0.1:{port}/0")),
    ):
        watched = redis.Redis(port=port)

        def commands():
            return watched.info("stats")["total_commands_processed"]

        for url in PAGES:
            queries_of(client, url)
        before = commands()
        assert all(queries_of(client, url) == 1 for url in PAGES), "kept"
        # The INFO of ``commands()`` itself is the only command Redis saw.
        assert commands() == before + 1
        make_recommendation(status=Status.EXECUTED)
        assert "implemented (2 executed)" in client.get("/").content.decode()
        assert commands() > before + 2, "the new page was read from Redis and written there"
