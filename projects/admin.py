"""Staff admin of projects: each project with its updates, the recommendations it answers and its offices.

The cooperative life team manages everything; board secretaries add updates, on the update list.
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from workgroups.admin_history import HistoryReadersOnlyMixin
from workgroups.admin_languages import NeedsTranslationFilter, TranslatedAdminMixin, WrittenLanguageMixin
from workgroups.admin_widgets import ValidatingAutocompleteMixin

from .models import Project, ProjectUpdate

UPDATE_FIELDS = ["date", "language", ("text", "text_nl", "text_fr", "text_en"), "link"]
# Links typed without a scheme are taken as https, as Django 6 will.
HTTPS = {models.URLField: {"assume_scheme": "https"}}


class ProjectUpdateInline(WrittenLanguageMixin, admin.StackedInline):
    model = ProjectUpdate
    extra = 0
    fields = UPDATE_FIELDS
    verbose_name_plural = _("public updates, newest first")
    formfield_overrides = HTTPS


@admin.register(Project)
class ProjectAdmin(TranslatedAdminMixin, HistoryReadersOnlyMixin, ValidatingAutocompleteMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "state", "start_date", "end_date", "published"]
    list_filter = ["kind", "state", "published", "offices", NeedsTranslationFilter]
    search_fields = ["title", "contact_name", "recommendations__reference"]
    autocomplete_fields = ["recommendations", "offices"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ProjectUpdateInline]
    formfield_overrides = HTTPS
    fieldsets = [
        (None, {"fields": ["kind", "language", "title", "slug", "description", "state", "start_date", "end_date"]}),
        (_("Taking part"), {"fields": ["taking_part", "contact_name", "contact_email", "contact_url"]}),
        (_("What it answers, where"), {"fields": ["recommendations", "offices", "published"]}),
    ]


@admin.register(ProjectUpdate)
class ProjectUpdateAdmin(WrittenLanguageMixin, HistoryReadersOnlyMixin, ValidatingAutocompleteMixin, admin.ModelAdmin):
    list_display = ["date", "project", "link"]
    list_filter = ["project__kind", "project__state"]
    list_select_related = ["project"]
    search_fields = ["text", "project__title"]
    autocomplete_fields = ["project"]
    fields = ["project", *UPDATE_FIELDS]
    date_hierarchy = "date"
    formfield_overrides = HTTPS
