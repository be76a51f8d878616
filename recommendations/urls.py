"""URLs of the recommendations app."""

from django.urls import path

from . import export_views

urlpatterns = [
    path("recommendations/export.csv", export_views.recommendation_export_csv, name="recommendation_export_csv"),
    path("exports/", export_views.export_list, name="exports"),
    path("exports/<slug:report>.<slug:file_format>", export_views.export_report, name="export_report"),
]
