"""The product's URLs and ``/ping``, a view that touches no database: the baseline the bench compares pages to."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache


@never_cache
def ping(request):
    return HttpResponse("pong\n", content_type="text/plain")


urlpatterns = [path("ping", ping), path("", include("sip.urls"))]
