"""Figures and whole public pages kept in Django's cache under the data version, so that none is stale.

Every change moves the data version on in its own transaction (``services.note_change``). The version
is read before anything is computed, and entries are kept under it: an entry is only ever read for the
data it was computed from, and one computed from data newer than its version is never read, since that
version is already past. The cache's key prefix also names the release (``sip.release``).
"""

import functools
import hashlib
import threading
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.exceptions import DisallowedRedirect, EmptyResultSet
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.http.request import split_domain_port
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.encoding import escape_uri_path

from . import stats
from .models import DataVersion

# Entries of older data versions are never read again; they expire after this many seconds.
TIMEOUT = 24 * 3600
# Browsers and proxies may reuse a public page this many seconds: a change shows after that at most.
PUBLIC_MAX_AGE = 60
# Threads of a worker asking for the same missing entry wait for one of them to compute it; pages and
# figures have locks of their own, since a page being built asks for figures.
_FIGURES_COMPUTING = [threading.Lock() for _ in range(16)]
_PAGES_COMPUTING = [threading.Lock() for _ in range(16)]
# Workers and servers sharing the cache wait for one of them to compute a missing entry, as long as its
# lock lives: then the lock holder is presumed gone, and they compute it themselves.
LOCK_SECONDS = 2
POLL_SECONDS = 0.01
_DATA_VERSION_SQL = f"SELECT epoch, number FROM {DataVersion._meta.db_table} WHERE id = 1"


def _copies():
    """The worker's own copies of the entries it read from a shared cache (the ``copies`` cache, set up
    beside Redis), or ``None`` without one.

    An entry never changes (its key names its data version), so a copy is never stale: a kept page read
    again costs no round trip to Redis, nor a wait while Redis does not answer.
    """
    return caches["copies"] if "copies" in settings.CACHES else None


def _read(key):
    copies = _copies()
    value = None if copies is None else copies.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None and copies is not None:
            copies.set(key, value, TIMEOUT)
    return value


def _write(key, value):
    cache.set(key, value, TIMEOUT)
    copies = _copies()
    if copies is not None:
        copies.set(key, value, TIMEOUT)


def _computed_once(key, locks, compute, kept=lambda value: value):
    """The entry of ``key``, or what ``compute`` returns when one thread of one worker of all those that
    share the cache had to compute it; ``kept`` makes the entry of it, or ``None`` when it is not kept.

    The lock is an entry of the cache itself, added only when absent and living ``LOCK_SECONDS``: a holder
    that dies holds the others up no longer than that. A failing cache neither adds the lock nor shows it,
    so then each computes at once, as without one.
    """
    value = _read(key)
    if value is not None:
        return value
    with locks[int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % len(locks)]:
        value = _read(key)
        if value is not None:
            return value
        lock = f"computing:{key}"
        deadline = time.monotonic() + LOCK_SECONDS
        absent = False
        while not cache.add(lock, True, LOCK_SECONDS):
            if cache.get(lock) is not None:
                absent = False
                time.sleep(POLL_SECONDS)
            elif absent:
                # Not added, yet absent twice running: the cache fails.
                return _keep(key, compute, kept)
            else:
                # Released between the two calls, perhaps with its entry kept.
                absent = True
            if time.monotonic() >= deadline:
                return _keep(key, compute, kept)
            value = _read(key)
            if value is not None:
                return value
        try:
            # The holder that released the lock just before it was added again may have kept the entry.
            value = _read(key)
            return _keep(key, compute, kept) if value is None else value
        finally:
            # After a computation longer than LOCK_SECONDS this may remove another's lock: one more computes.
            cache.delete(lock)


def _keep(key, compute, kept):
    value = compute()
    entry = kept(value)
    if entry is not None:
        _write(key, entry)
    return value


def data_version():
    """The data version as text ("epoch.number"), or ``None`` while no change has created its row.

    Every kept page reads it: one plain query, without the ORM's work of building one.
    """
    with connection.cursor() as cursor:
        cursor.execute(_DATA_VERSION_SQL)
        row = cursor.fetchone()
    return f"{row[0]}.{row[1]}" if row else None


class FigureCache:
    """The figures of one request, kept under the data version read when it is made."""

    def __init__(self):
        self.version = data_version()

    def remember(self, kind, recommendations, compute):
        """What ``compute`` returns for ``recommendations`` (a ``stats.Selection`` or a queryset), kept under
        ``kind`` and their query: also for figures of apps built on this one (``sections``)."""
        try:
            sql, params = stats.rows_of(recommendations).order_by().query.sql_with_params()
        except EmptyResultSet:
            return compute()
        if self.version is None:
            return compute()
        digest = hashlib.sha256(repr((kind, sql, params)).encode()).hexdigest()
        return _computed_once(f"figures:{self.version}:{digest}", _FIGURES_COMPUTING, compute)

    def figures(self, recommendations, as_of=None):
        if _kept_today(recommendations, as_of):
            return self.kept_breakdowns(recommendations)[None]
        return self.remember(_kind("figures", as_of), recommendations, lambda: stats.figures(recommendations, as_of))

    def figures_by(self, recommendations, field_name, objects, as_of=None):
        if _kept_today(recommendations, as_of) and field_name in stats.KEPT_BREAKDOWNS:
            by_key = self.kept_breakdowns(recommendations)[field_name]
        else:
            by_key = self.remember(
                _kind(f"by {field_name}", as_of),
                recommendations,
                lambda: stats.counts_by(recommendations, field_name, as_of),
            )
        return stats.figures_by(recommendations, field_name, objects, by_key)

    def kept_breakdowns(self, selection):
        """``stats.kept_breakdowns``: a page's figures and breakdowns, computed together after a change."""
        return self.remember("kept breakdowns", selection, lambda: stats.kept_breakdowns(selection))

    def changes_by(self, recommendations, field_name, day, first):
        return self.remember(
            _kind(f"changes by {field_name}, first {first}", day),
            recommendations,
            lambda: stats.changes_by(recommendations, field_name, day, first),
        )

    def yearly_implementation(self, recommendations, as_of=None):
        return self.remember(
            _kind("yearly", as_of), recommendations, lambda: stats.yearly_implementation(recommendations, as_of)
        )

    def board_figures(self, recommendations):
        """The boards' decisions on ``recommendations`` (``stats.BoardFigures``)."""
        return self.remember(
            "boards", recommendations, lambda: stats.BoardFigures(stats.board_decision_rows(recommendations))
        )


def _kept_today(recommendations, as_of):
    """Whether today's figures of ``recommendations`` are read from the kept counts (``stats.kept_breakdowns``)."""
    return as_of is None and isinstance(recommendations, stats.Selection) and recommendations.kept


def _kind(kind, as_of):
    """The kind of a figure, and the day it is asked for: today's figures and a day's are kept apart."""
    return kind if as_of is None else f"{kind} as of {as_of.isoformat()}"


def _page_key(request, version):
    # The host's name too: a page may show its own address whole (the code to show its badge on another
    # site). Not its port: servers behind one proxy, reached on their own ports, share their pages.
    host, _port = split_domain_port(request.get_host())
    place = hashlib.sha256(f"{host}{request.get_full_path()}".encode()).hexdigest()
    return f"page:{version}:{translation.get_language()}:{timezone.localdate().isoformat()}:{place}"


def _keepable(response):
    """Only a complete, successful page that sets no cookie: errors and personal answers are built each time."""
    return response.status_code == 200 and not response.streaming and not response.cookies


def _canonical_address(request, parameters):
    """The request's address without the query parameters the page does not read, or ``None`` if it has none."""
    if all(name in parameters for name in request.GET):
        return None
    kept = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if name in parameters:
            kept.setlist(name, values)
    query = kept.urlencode()
    return escape_uri_path(request.path) + (f"?{query}" if query else "")


def _public_headers(response):
    """The same headers on a page built now and on one read from the cache.

    The language comes from the cookie or the browser's languages; a shared cache must keep a page per both.
    """
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    if response.status_code == 200 and not settings.DEBUG:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def cached_page(*parameters):
    """Keep a public page whole under its address, language, day and the data version.

    ``parameters`` are the query parameters the page reads. An address with any other is redirected to
    the one without them, rather than kept under its own key or served as if they were not there: a
    random parameter would otherwise fill the cache, and the page shows its own address in its links
    (pages, downloads, the language switch), so it differs when built for another address.

    A public page is the same for every visitor (no CSRF token, no user). Under ``DEBUG`` pages are
    built each time, so that an edited template shows at once.
    """
    parameters = frozenset(parameters)

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            canonical = _canonical_address(request, parameters)
            if canonical is not None:
                try:
                    # Temporary: browsers would keep following a permanent one once a page reads the parameter.
                    return HttpResponseRedirect(canonical)
                except DisallowedRedirect:
                    # Too long to redirect to (only a value no page understands is that long): built, not kept.
                    return _public_headers(view(request, *args, **kwargs))
            version = None if settings.DEBUG else data_version()
            if version is None:
                return _public_headers(view(request, *args, **kwargs))
            page = _computed_once(
                _page_key(request, version),
                _PAGES_COMPUTING,
                lambda: view(request, *args, **kwargs),
                lambda response: (response["Content-Type"], response.content) if _keepable(response) else None,
            )
            if isinstance(page, tuple):
                content_type, content = page
                page = HttpResponse(content, content_type=content_type)
            return _public_headers(page)

        return wrapper

    return decorator
