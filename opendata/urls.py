"""URLs of the open data API, its OpenAPI schema and the schema's documentation page."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

import recommendations.urls  # noqa: F401 - registers the ``reference`` converter

from . import docs, views

urlpatterns = [
    path("api/v1/recommendations/", views.RecommendationList.as_view(), name="api_recommendations"),
    path(
        "api/v1/recommendations/<reference:reference>/", views.RecommendationDetail.as_view(), name="api_recommendation"
    ),
    path("api/v1/decisions/", views.DecisionList.as_view(), name="api_decisions"),
    path("api/v1/progress/", views.ProgressList.as_view(), name="api_progress"),
    path("api/v1/themes/", views.ThemeList.as_view(), name="api_themes"),
    path("api/v1/themes/<slug:slug>/", views.ThemeDetail.as_view(), name="api_theme"),
    path("api/v1/cycles/", views.CycleList.as_view(), name="api_cycles"),
    path("api/v1/cycles/<slug:slug>/", views.CycleDetail.as_view(), name="api_cycle"),
    path("api/v1/workgroups/", views.WorkgroupList.as_view(), name="api_workgroups"),
    path("api/v1/workgroups/<slug:slug>/", views.WorkgroupDetail.as_view(), name="api_workgroup"),
    path("api/v1/offices/", views.OfficeList.as_view(), name="api_offices"),
    path("api/v1/offices/<slug:slug>/", views.OfficeDetail.as_view(), name="api_office"),
    path("api/v1/projects/", views.ProjectList.as_view(), name="api_projects"),
    path("api/v1/projects/<slug:slug>/", views.ProjectDetail.as_view(), name="api_project"),
    path("api/v1/figures/", views.Figures.as_view(), name="api_figures"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", docs.Documentation.as_view(url_name="api_schema"), name="api_docs"),
    # Any other address under /api/ is not found in JSON, as the API's own records are.
    re_path(r"^api/", views.NotFound.as_view()),
]
