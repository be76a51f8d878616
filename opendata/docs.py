"""The schema's documentation page: Swagger UI from our own static files (drf-spectacular-sidecar), its
start-up script a file of its own and its styles in ours, so that the strict Content-Security-Policy holds."""

from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularSwaggerSplitView


# Swagger UI draws its icons from data: addresses written in its own style sheet.
@method_decorator(csp_update({"img-src": ["data:"]}), name="dispatch")
class Documentation(SpectacularSwaggerSplitView):
    template_name = "opendata/api_docs.html"
    title = "Smart in Progress open data API"
