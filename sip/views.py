"""Views of the project itself, outside any app: the language switch and the health check."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """200 when the application answers and its database runs a query, 503 otherwise.

    A failing cache only slows pages down, so it is reported in the body ("cache: degraded") with 200.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer.")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    # Only the Redis backend can fail; a worker's own memory cannot.
    if getattr(cache, "degraded", lambda: False)():
        return HttpResponse("ok\ncache: degraded\n", content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@require_safe
def switch_language(request, code):
    """Remember the language chosen in the header's links, then go back to the page it was chosen on.

    A link rather than a form: pages then carry no CSRF token and are the same for every visitor, so
    they can be kept whole in the cache. Choosing a language changes nothing but this preference.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404("No such language.")
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
