"""Staff admin of the participatory process: offices, cycles, themes and workgroups."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .admin_history import HistoryReadersOnlyMixin
from .admin_languages import NeedsTranslationFilter, TranslatedAdminMixin
from .admin_widgets import ValidatingAutocompleteMixin
from .models import Country, Cycle, Office, Theme, Workgroup


@admin.register(Office)
class OfficeAdmin(TranslatedAdminMixin, HistoryReadersOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "country", "workgroup_count"]
    list_filter = ["country", NeedsTranslationFilter]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(workgroup_count=Count("workgroups"))

    @admin.display(description=_("workgroups"), ordering="workgroup_count")
    def workgroup_count(self, office):
        return office.workgroup_count


class CountryFilter(admin.SimpleListFilter):
    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        return Country.choices

    def queryset(self, request, queryset):
        if self.value() in Country.values:
            return queryset.in_country(self.value())
        return queryset


@admin.register(Cycle)
class CycleAdmin(TranslatedAdminMixin, HistoryReadersOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "edition", "start_date", "end_date", "ran_in_belgium", "ran_in_france", "is_demo"]
    list_filter = [CountryFilter, "is_demo", NeedsTranslationFilter]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themes"]


@admin.register(Theme)
class ThemeAdmin(TranslatedAdminMixin, HistoryReadersOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    list_filter = ["cycles", NeedsTranslationFilter]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Workgroup)
class WorkgroupAdmin(TranslatedAdminMixin, HistoryReadersOnlyMixin, ValidatingAutocompleteMixin, admin.ModelAdmin):
    list_display = ["name", "cycle", "theme", "office", "moderator", "participants"]
    list_filter = ["cycle", "theme", "office", "office__country", NeedsTranslationFilter]
    list_select_related = ["cycle", "theme", "office"]
    search_fields = ["name", "moderator", "office__name", "cycle__name"]
    autocomplete_fields = ["cycle", "theme", "office"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        # The label of a workgroup names its cycle: autocomplete lists would query it per row. (A
        # queryset that selects related rows itself makes the list ignore list_select_related.)
        return super().get_queryset(request).select_related(*self.list_select_related)
