"""URLs of the recommendations app: the public pages, the public CSV and the staff reports."""

from django.urls import path, register_converter

from . import badges, feeds, views
from .models import REFERENCE_PATTERN
from .reports import views as report_views


class ReferenceConverter:
    """A reference as the model allows it (2020-BE-07): anything else is not found before any query,
    so that no character the database refuses (NUL) reaches it."""

    regex = REFERENCE_PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ReferenceConverter, "reference")

urlpatterns = [
    path("", views.overview, name="overview"),
    path("recommendations/", views.recommendation_list, name="recommendation_list"),
    path(
        "recommendations/export.csv",
        report_views.recommendation_export,
        {"file_format": "csv"},
        name="recommendation_export_csv",
    ),
    path(
        "recommendations/export.xlsx",
        report_views.recommendation_export,
        {"file_format": "xlsx"},
        name="recommendation_export_xlsx",
    ),
    path("recommendations/<reference:reference>/", views.recommendation_detail, name="recommendation_detail"),
    path("boards/", views.boards, name="boards"),
    path("themes/<slug:slug>/", views.theme, name="theme"),
    path("cycles/<slug:slug>/", views.cycle, name="cycle"),
    path("workgroups/<slug:slug>/", views.workgroup, name="workgroup"),
    path("badges/<slug:kind>/<slug:slug>.svg", badges.badge, name="badge"),
    path("embed/<slug:kind>/<slug:slug>/", badges.card, name="card"),
    path("exports/", report_views.export_list, name="exports"),
    path("exports/<slug:report>.<slug:file_format>", report_views.export_report, name="export_report"),
]

# Feeds carry their language in their address (``/nl/themes/…/feed/``, see ``sip.urls``): a feed reader
# asks for them without the reader's own languages.
feed_urlpatterns = [
    path("recommendations/feed/", feeds.recommendation_list_feed, name="recommendation_list_feed"),
    path("recommendations/<reference:reference>/feed/", feeds.recommendation_feed, name="recommendation_feed"),
    path("themes/<slug:slug>/feed/", feeds.theme_feed, name="theme_feed"),
    path("cycles/<slug:slug>/feed/", feeds.cycle_feed, name="cycle_feed"),
    path("workgroups/<slug:slug>/feed/", feeds.workgroup_feed, name="workgroup_feed"),
]
