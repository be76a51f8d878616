"""URLs of the stocktaking editions: their list, one edition, and the changes of one theme since it."""

from django.urls import path

from . import views

urlpatterns = [
    path("stocktaking/", views.edition_list, name="edition_list"),
    path("stocktaking/<slug:slug>/", views.edition_detail, name="edition_detail"),
    path("stocktaking/<slug:slug>/changes/<slug:theme>/", views.theme_changes, name="edition_theme_changes"),
]
