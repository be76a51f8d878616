"""The cache backends of the project: Redis that degrades instead of failing, and memory bounded in bytes.

Nothing the cache holds is needed to answer: when Redis fails, a read is a miss and a write is dropped, so
pages and figures are computed, and ``/healthz`` says the cache is degraded (``degraded()``).
"""

import logging
import pickle
import threading
import time
from collections import OrderedDict

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

logger = logging.getLogger(__name__)

# After a failure the cache is left alone this long, so that a frozen Redis costs one socket timeout
# per worker and retry, not one per cache call.
RETRY_AFTER = 1.0
# A flood of requests, or a full Redis that takes some writes and refuses others, makes one line of
# log in this many seconds at most.
LOG_EVERY = 60.0
HEALTH_PROBE = "healthz"


class _Outage:
    """Whether a cache server failed and has not taken a write since; shared by the threads of a worker."""

    def __init__(self):
        self.lock = threading.Lock()
        self.since = None
        self.last_failure = None
        self.logged_at = None
        self.unlogged = 0

    def skipping(self):
        last_failure = self.last_failure
        return last_failure is not None and time.monotonic() - last_failure < RETRY_AFTER

    def failed(self, error):
        with self.lock:
            now = time.monotonic()
            self.last_failure = now
            if self.since is None:
                self.since = now
            self.unlogged += 1
            log = self.logged_at is None or now - self.logged_at >= LOG_EVERY
            if log:
                failures, self.unlogged, self.logged_at = self.unlogged, 0, now
        if log:
            logger.warning(
                "The Redis cache fails (%s: %s; %d failures since the last message): pages are computed meanwhile.",
                type(error).__name__,
                error,
                failures,
            )

    def answered(self):
        if self.since is None:
            return
        with self.lock:
            since, self.since, self.last_failure = self.since, None, None
        if since is not None:
            logger.info("The Redis cache answers again, after %.1f s.", time.monotonic() - since)


_outages = {}
_outages_lock = threading.Lock()


class _RedisClient(RedisCacheClient):
    """Django's client of Redis, keeping one client of the library per connection pool: Django makes a new
    one for each call, which sets up all its reply handlers again, a sizeable part of a call's time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        # A client is safe to share between threads: each command takes a connection from the pool.
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """Django's Redis cache, for which any error of Redis is a miss or a dropped write."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _RedisClient
        with _outages_lock:
            self._outage = _outages.setdefault(server, _Outage())

    def _guarded(self, writes, call, fallback, *args):
        if self._outage.skipping():
            return fallback
        try:
            result = call(*args)
        except (redis.RedisError, OSError) as error:
            self._outage.failed(error)
            return fallback
        if writes:
            # A full Redis still answers reads: only a write shows that it works again.
            self._outage.answered()
        return result

    def get(self, key, default=None, version=None):
        return self._guarded(False, super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded(False, super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(False, super().has_key, False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(True, super().set, None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(True, super().add, False, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(True, super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(True, super().delete, False, key, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(True, super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guarded(True, super().delete_many, None, keys, version)

    def degraded(self):
        """Whether Redis fails now: a probe is written, unless it failed within ``RETRY_AFTER``."""
        self.set(HEALTH_PROBE, True, 60)
        return self._outage.since is not None


_stores = {}
_stores_lock = threading.Lock()


class _Store:
    def __init__(self):
        self.lock = threading.Lock()
        # key: (expiry, pickled value, size), the least recently used first.
        self.entries = OrderedDict()
        self.size = 0


class MemoryCache(BaseCache):
    """Each worker's own cache, bounded in bytes (``MAX_BYTES``) as well as in entries (``MAX_ENTRIES``):
    the least recently used entries make room. Sizes are those of the keys and pickled values."""

    pickle_protocol = pickle.HIGHEST_PROTOCOL

    def __init__(self, name, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.max_bytes = int(options.get("MAX_BYTES", 64 * 1024 * 1024))
        self.max_entries = int(options.get("MAX_ENTRIES", 300))
        with _stores_lock:
            self.store = _stores.setdefault(name, _Store())

    @property
    def bytes_used(self):
        return self.store.size

    @property
    def entry_count(self):
        return len(self.store.entries)

    def _live(self, key):
        """The entry of ``key`` unless it expired (then it is removed); under the store's lock."""
        entry = self.store.entries.get(key)
        if entry is not None and entry[0] is not None and entry[0] <= time.time():
            self._remove(key)
            return None
        return entry

    def _remove(self, key):
        entry = self.store.entries.pop(key, None)
        if entry is not None:
            self.store.size -= entry[2]
        return entry

    def _put(self, key, pickled, timeout):
        store = self.store
        self._remove(key)
        size = len(key) + len(pickled)
        if size > self.max_bytes:
            return
        store.entries[key] = (self.get_backend_timeout(timeout), pickled, size)
        store.size += size
        while store.size > self.max_bytes or len(store.entries) > self.max_entries:
            self._remove(next(iter(store.entries)))

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self.store.lock:
            entry = self._live(key)
            if entry is None:
                return default
            self.store.entries.move_to_end(key)
        return pickle.loads(entry[1])

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        pickled = pickle.dumps(value, self.pickle_protocol)
        with self.store.lock:
            self._put(key, pickled, timeout)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        pickled = pickle.dumps(value, self.pickle_protocol)
        with self.store.lock:
            if self._live(key) is not None:
                return False
            self._put(key, pickled, timeout)
            return True

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self.store.lock:
            entry = self._live(key)
            if entry is None:
                return False
            self.store.entries[key] = (self.get_backend_timeout(timeout), *entry[1:])
            return True

    def has_key(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self.store.lock:
            return self._live(key) is not None

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self.store.lock:
            return self._remove(key) is not None

    def clear(self):
        with self.store.lock:
            self.store.entries.clear()
            self.store.size = 0
