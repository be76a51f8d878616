"""URLs of following: the request from a page, and the pages of the mails' signed links."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    re_path(rf"^follow/(?P<kind>{views.KINDS})/(?P<key>[-A-Za-z0-9_]+)/$", views.follow, name="follow"),
    path("following/confirm/<str:token>/", views.confirm, name="following_confirm"),
    path("following/manage/<str:token>/", views.manage, name="following_manage"),
    path("following/manage/<str:token>/export.json", views.export, name="following_export"),
    path("following/unsubscribe/<str:token>/", views.unsubscribe, name="following_unsubscribe"),
]
