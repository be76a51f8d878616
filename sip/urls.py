"""Root URLs: the public pages, the open data API, the staff admin, the language switch and the health
check, and the feeds."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from projects.urls import feed_urlpatterns as project_feeds
from recommendations.urls import feed_urlpatterns as recommendation_feeds

from .views import healthz, switch_language

admin.site.site_header = "Smart in Progress"
admin.site.site_title = "Smart in Progress"
admin.site.index_title = _("Recommendation tracker")
# The register's lists are wide; breadcrumbs and the home page lead everywhere the sidebar would.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("admin/", admin.site.urls),
    path("language/<slug:code>/", switch_language, name="switch_language"),
    path("healthz", healthz, name="healthz"),
    path("", include("recommendations.urls")),
    path("", include("projects.urls")),
    path("", include("stocktaking.urls")),
    path("", include("following.urls")),
    path("", include("opendata.urls")),
]
# The feeds, under the prefix of their language: /nl/themes/<slug>/feed/. A page links the one in its
# reader's language; an address without a prefix is sent to the one in the asker's.
urlpatterns += i18n_patterns(*recommendation_feeds, *project_feeds)
