"""The product's URLs and ``/ping``, a view that touches no database: the baseline the bench compares pages to."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from sip.urls import urlpatterns as product


@never_cache
def ping(request):
    return HttpResponse("pong\n", content_type="text/plain")


# The product's patterns themselves, not included: the feeds' language prefixes are allowed only in a root URLconf.
urlpatterns = [path("ping", ping), *product]
