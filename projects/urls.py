"""URLs of the projects app: the project list and its CSV, one project, one office, their feeds, and the
postponed recommendations waiting to be taken up."""

from django.urls import path

from . import feeds, views

urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/export.csv", views.project_export, name="project_export_csv"),
    path("projects/<slug:slug>/", views.project_detail, name="project_detail"),
    path("offices/<slug:slug>/", views.office, name="office"),
    path("waiting/", views.waiting, name="waiting"),
]

# With their language in their address, as the recommendations' feeds (see ``sip.urls``).
feed_urlpatterns = [
    path("projects/<slug:slug>/feed/", feeds.project_feed, name="project_feed"),
    path("offices/<slug:slug>/feed/", feeds.office_feed, name="office_feed"),
]
