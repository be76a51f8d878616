"""URLs of the recommendations app: the public pages, the public CSV and the staff reports."""

from django.urls import path

from . import export_views, views

urlpatterns = [
    path("", views.overview, name="overview"),
    path("recommendations/", views.recommendation_list, name="recommendation_list"),
    path("recommendations/export.csv", export_views.recommendation_export_csv, name="recommendation_export_csv"),
    path("recommendations/<str:reference>/", views.recommendation_detail, name="recommendation_detail"),
    path("themes/<slug:slug>/", views.theme, name="theme"),
    path("cycles/<slug:slug>/", views.cycle, name="cycle"),
    path("workgroups/<slug:slug>/", views.workgroup, name="workgroup"),
    path("exports/", export_views.export_list, name="exports"),
    path("exports/<slug:report>.<slug:file_format>", export_views.export_report, name="export_report"),
]
