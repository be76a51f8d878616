"""Whole public pages kept in the cache under the data version, so that a page asked again costs one query.

A public page is the same for every visitor: it depends on its address, its language, the day (the
current year's figures are "so far") and the data, and on nothing else (no CSRF token, no user). Its
HTML is kept under exactly those, with the data version read before the page is built, like the
figures in ``stats.FigureCache``: every change moves the version on in its own transaction, so a page
built from older data is never served once the change has committed.
"""

import functools
import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation

from . import stats


def _key(request, version):
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{version}:{translation.get_language()}:{timezone.localdate().isoformat()}:{address}"


def _keepable(response):
    """Only a complete, successful page that sets no cookie: errors and personal answers are built each time."""
    return response.status_code == 200 and not response.streaming and not response.cookies


def cached_page(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        version = stats.data_version() if request.method in ("GET", "HEAD") else None
        if version is None:
            return view(request, *args, **kwargs)
        key = _key(request, version)
        kept = cache.get(key)
        if kept is not None:
            content_type, content = kept
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if _keepable(response):
            cache.set(key, (response["Content-Type"], response.content), stats.CACHE_TIMEOUT)
        return response

    return wrapper
