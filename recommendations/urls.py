"""The public pages; every figure on them comes from ``stats``."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="overview"),
    path("recommendations/", views.recommendation_list, name="recommendation_list"),
    path("recommendations/export.csv", views.recommendation_export_csv, name="recommendation_export_csv"),
    path("recommendations/<str:reference>/", views.recommendation_detail, name="recommendation_detail"),
    path("themes/<slug:slug>/", views.theme, name="theme"),
    path("cycles/<slug:slug>/", views.cycle, name="cycle"),
    path("workgroups/<slug:slug>/", views.workgroup, name="workgroup"),
]
