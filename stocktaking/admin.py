"""Staff admin of the stocktaking editions: each edition with its analyses per theme, inline.

The cooperative life team writes them; board secretaries and coordinators read them.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from workgroups.admin_history import HistoryReadersOnlyMixin
from workgroups.admin_languages import NeedsTranslationFilter, TranslatedAdminMixin, WrittenLanguageMixin

from .models import Edition, ThemeAnalysis


class ThemeAnalysisInline(WrittenLanguageMixin, admin.StackedInline):
    model = ThemeAnalysis
    extra = 0
    fields = ["theme", "language", ("analysis", "analysis_nl", "analysis_fr", "analysis_en")]
    verbose_name_plural = _("analyses per theme, written by the team")


@admin.register(Edition)
class EditionAdmin(TranslatedAdminMixin, HistoryReadersOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "as_of", "published"]
    list_filter = ["published", NeedsTranslationFilter]
    search_fields = ["title", "title_nl", "title_fr", "title_en"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "as_of"
    inlines = [ThemeAnalysisInline]
    fieldsets = [(None, {"fields": ["language", "title", "slug", "as_of", "introduction", "published"]})]
