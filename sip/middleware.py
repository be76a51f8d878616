"""Middleware of the project: the admin refuses query values that no filter or search can mean."""

from django.contrib.admin.views.main import ERROR_FLAG
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils.translation import gettext as _

# Longer than any search or filter value staff type; SQLite refuses a LIKE pattern over 50,000 bytes.
ADMIN_QUERY_MAX_CHARS = 1000


def _unusable(key, value):
    # PostgreSQL refuses NUL in any text, and every admin filter and search reaches the database.
    return "\x00" in key or "\x00" in value or len(value) > ADMIN_QUERY_MAX_CHARS


class AdminQueryMiddleware:
    """An admin list asked with such a value gets Django's own answer to a filter it cannot apply (the
    "?e=1" redirect); any other admin page, 400. Every list filter of every model is covered at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "admin" not in match.namespaces:
            return None
        if not any(_unusable(key, value) for key, values in request.GET.lists() for value in values):
            return None
        if (match.url_name or "").endswith("_changelist"):
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        return HttpResponseBadRequest(
            _("This address holds a value the admin cannot use."), content_type="text/plain; charset=utf-8"
        )
