"""Staff admin of recommendations: the register, board decisions, progress and the admin's own history.

Every status or decision written here goes through ``services``; the recommendation list imports the
stocktaking file (``stocktaking``).
"""

import calendar
import datetime
import re

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportActionMixin, ImportMixin

from workgroups.admin_history import HistoryReadersOnlyMixin
from workgroups.admin_languages import NeedsTranslationFilter, TranslatedAdminMixin, WrittenLanguageMixin
from workgroups.admin_widgets import ValidatingAutocompleteMixin
from workgroups.models import Workgroup

from . import services
from .forms import (
    BoardDecisionForm,
    ChangeStatusForm,
    NewRecommendationForm,
    RecommendationForm,
    RecordDecisionForm,
    StocktakingImportForm,
    WorkgroupFormSet,
)
from .models import (
    REFERENCE_PATTERN,
    BoardDecision,
    ProgressUpdate,
    Recommendation,
    RecommendationWorkgroup,
    Status,
)
from .stocktaking.files import ImportFileError
from .stocktaking.resource import EXPORT_FORMATS, IMPORT_FORMATS, RecommendationResource
from .stocktaking.uploads import PreviewStorage, UploadGone

REFERENCE = re.compile(REFERENCE_PATTERN)


def validation_message(error):
    return " ".join(error.messages)


class VersionedAdminMixin:
    """Shows the hidden version field only to those who may save: read-only pages would list it."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": [field for field in options["fields"] if field != "seen_version"]})
            for name, options in fieldsets
        ]


class OwnsItsHistoryMixin:
    """Deleting a record takes what it owns with it (``owned``: a decision's progress update, a recommendation's
    decisions and history): the right to delete the record is enough, although those cannot go on their own."""

    owned = ()

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        owned = {str(model._meta.verbose_name) for model in self.owned}
        return deleted, counts, {name for name in perms_needed if str(name) not in owned}, protected


class WorkgroupInline(ValidatingAutocompleteMixin, admin.TabularInline):
    model = RecommendationWorkgroup
    formset = WorkgroupFormSet
    extra = 0
    autocomplete_fields = ["workgroup"]
    verbose_name = _("workgroup")
    verbose_name_plural = _("workgroups it came from")


class BoardDecisionInline(WrittenLanguageMixin, VersionedAdminMixin, admin.StackedInline):
    model = BoardDecision
    form = BoardDecisionForm
    extra = 0
    fields = [
        "board",
        "language",
        "meeting_date",
        "decision",
        "motivation",
        "reformulated_text",
        "recorded_by",
        "recorded_at",
        "seen_version",
    ]
    readonly_fields = ["recorded_by", "recorded_at"]


class ProgressUpdateInline(WrittenLanguageMixin, admin.TabularInline):
    """The history, read-only: a status is corrected by a new update, never rewritten."""

    model = ProgressUpdate
    extra = 0
    fields = ["date", "status", "language", "note", "decision", "recorded_by", "recorded_at"]
    readonly_fields = ["decision", "recorded_by", "recorded_at"]
    can_delete = False
    verbose_name_plural = _("progress history")

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recorded_by", "decision")


def is_key(value):
    """Whether a query value is a primary key: ASCII digits only, since ``str.isdigit`` also takes "²"."""
    return value.isascii() and value.isdigit()


class WorkgroupFilter(admin.SimpleListFilter):
    """Workgroups of the chosen cycle: a federation has thousands of groups, a cycle a few dozen."""

    title = _("workgroup (choose a cycle first)")
    parameter_name = "workgroup"

    def lookups(self, request, model_admin):
        cycle = request.GET.get("cycle__id__exact", "")
        if not is_key(cycle):
            return []
        return list(Workgroup.objects.filter(cycle_id=cycle).values_list("pk", "name"))

    def has_output(self):
        # Shown even before a cycle is chosen, so staff learn how to reach it.
        return True

    def queryset(self, request, queryset):
        if self.value() and is_key(self.value()):
            return queryset.filter(workgroups=self.value())
        return queryset


class LatestDecisionFilter(admin.SimpleListFilter):
    title = _("latest decision")
    parameter_name = "latest_decision"

    def lookups(self, request, model_admin):
        return [*Recommendation._meta.get_field("latest_decision").choices, ("none", _("No decision yet"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(latest_decision="")
        if self.value():
            return queryset.filter(latest_decision=self.value())
        return queryset


def months_before(day, months):
    """The same day ``months`` months earlier, or the month's last day when it has no such day."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


class FollowUpDueFilter(admin.SimpleListFilter):
    """What the responsible teams should look at: a review day reached, or no progress for months."""

    title = _("follow-up due")
    parameter_name = "due"
    MONTHS = (3, 6, 12)

    def lookups(self, request, model_admin):
        return [
            ("review", _("Review day reached")),
            *(
                (str(months), _("Open, no progress for %(months)s months") % {"months": months})
                for months in self.MONTHS
            ),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "review":
            return queryset.filter(next_review__lte=today)
        if self.value() in {str(months) for months in self.MONTHS}:
            # A note is progress too, not only a new status; executed and rejected ones need none.
            since = months_before(today, int(self.value()))
            recent = ProgressUpdate.objects.filter(recommendation=OuterRef("pk"), date__gt=since)
            return queryset.exclude(status__in=[Status.EXECUTED, Status.REJECTED]).filter(~Exists(recent))
        return queryset


@admin.register(Recommendation)
class RecommendationAdmin(
    TranslatedAdminMixin,
    HistoryReadersOnlyMixin,
    OwnsItsHistoryMixin,
    VersionedAdminMixin,
    ValidatingAutocompleteMixin,
    ImportMixin,
    ExportActionMixin,
    admin.ModelAdmin,
):
    form = RecommendationForm
    resource_classes = [RecommendationResource]
    import_formats = IMPORT_FORMATS
    export_formats = EXPORT_FORMATS
    import_template_name = "admin/recommendations/recommendation/import.html"
    import_form_class = StocktakingImportForm
    change_form_template = "admin/recommendations/recommendation/change_form.html"
    tmp_storage_class = PreviewStorage
    list_display = [
        "reference",
        "title",
        "cycle",
        "theme_name",
        "status_since",
        "latest_decision",
        "published",
    ]
    list_display_links = ["reference", "title"]
    list_filter = [
        "cycle",
        "theme",
        WorkgroupFilter,
        "workgroups__office",
        "country",
        "status",
        LatestDecisionFilter,
        "published",
        "follow_up",
        FollowUpDueFilter,
        NeedsTranslationFilter,
    ]
    list_select_related = ["cycle", "theme"]
    list_per_page = 100
    # Counting every recommendation again beside the filtered count costs a scan of the whole table.
    show_full_result_count = False
    search_fields = ["reference", "title", "text", "directorate"]
    autocomplete_fields = ["cycle", "theme", "revisits"]
    readonly_fields = ["status", "status_date", "latest_decision", "created_at", "updated_at"]
    inlines = [WorkgroupInline, BoardDecisionInline, ProgressUpdateInline]
    owned = [ProgressUpdate, BoardDecision]
    actions = ["record_board_decision", "change_status"]

    fieldsets = [
        (None, {"fields": ["reference", "language", "title", "text", "context", "seen_version"]}),
        (_("Origin"), {"fields": ["cycle", "theme", "country", "revisits"]}),
        (_("Follow-up"), {"fields": ["follow_up", "directorate", "next_review", "published"]}),
        (
            _("Progress"),
            {"fields": ["status", "status_date", "latest_decision", "created_at", "updated_at"]},
        ),
    ]
    add_fieldsets = [
        (None, {"fields": ["reference", "language", "title", "text", "context"]}),
        (_("Origin"), {"fields": ["cycle", "theme", "country", "revisits"]}),
        (_("Follow-up"), {"fields": ["follow_up", "directorate", "next_review", "published"]}),
        (_("First status"), {"fields": ["initial_status", "initial_status_date", "initial_note"]}),
    ]

    def get_list_display(self, request):
        # The review day only beside the follow-up due: one column more and the list no longer fits a laptop.
        if FollowUpDueFilter.parameter_name in request.GET:
            return [*self.list_display[:-1], "next_review", self.list_display[-1]]
        return self.list_display

    def get_search_results(self, request, queryset, search_term):
        # The minutes of a board meeting list references: several of them find exactly those recommendations.
        terms = search_term.replace(",", " ").upper().split()
        if len(terms) > 1 and all(REFERENCE.fullmatch(term) for term in terms):
            return queryset.filter(reference__in=terms), False
        return super().get_search_results(request, queryset, search_term)

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except UploadGone:
            message = _("The file of this preview is no longer kept: upload it again. Nothing was imported.")
            self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:recommendations_recommendation_import"))

    def add_data_read_fail_error_to_form(self, form, error):
        # A file that cannot be imported as a whole says why, in the words the command uses too.
        if isinstance(error, ImportFileError):
            for message in error.messages:
                form.add_error("import_file", message)
        else:
            super().add_data_read_fail_error_to_form(form, error)

    def delete_model(self, request, obj):
        services.delete_recommendations(Recommendation.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        services.delete_recommendations(queryset)

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = NewRecommendationForm
        return super().get_form(request, obj, **kwargs)

    # A method, not the field: Django keeps a related field's column on one line, and theme names are long.
    @admin.display(description=_("theme"), ordering="theme__name")
    def theme_name(self, recommendation):
        return recommendation.theme.name

    @admin.display(description=_("status"), ordering="status")
    def status_since(self, recommendation):
        if recommendation.status_date is None:
            return recommendation.get_status_display()
        return format_html(
            "{}<br>{}",
            recommendation.get_status_display(),
            date_format(recommendation.status_date, "SHORT_DATE_FORMAT"),
        )

    def save_model(self, request, obj, form, change):
        if change:
            services.save_recommendation(obj, seen_version=form.cleaned_data["seen_version"])
        else:
            services.create_recommendation(
                obj,
                status=form.cleaned_data["initial_status"],
                date=form.cleaned_data["initial_status_date"],
                note=form.cleaned_data["initial_note"],
                user=request.user,
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is BoardDecision:
            entries = formset.save(commit=False)
            seen_versions = {form.instance.pk: form.cleaned_data.get("seen_version") for form in formset.initial_forms}
            for entry in formset.deleted_objects:
                services.delete_decision(entry)
            for entry in entries:
                services.save_decision(entry, user=request.user, seen_version=seen_versions.get(entry.pk))
        elif formset.model is ProgressUpdate:
            for update in formset.save(commit=False):
                if update.pk is None:
                    services.record_progress(
                        form.instance, status=update.status, date=update.date, note=update.note, user=request.user
                    )
        else:
            super().save_formset(request, form, formset, change)

    # Bulk actions for the board secretary who comes out of a meeting.

    def _log_bulk_change(self, request, queryset, message):
        """Put a bulk action in each recommendation's admin history, beside its single edits."""
        LogEntry.objects.log_actions(
            user_id=request.user.pk, queryset=list(queryset), action_flag=CHANGE, change_message=message
        )

    def has_record_decision_permission(self, request):
        return request.user.has_perm("recommendations.add_boarddecision")

    def has_record_progress_permission(self, request):
        return request.user.has_perm("recommendations.add_progressupdate")

    def _bulk_form(self, request, queryset, form_class, title, action):
        # Each row shows the recommendation's status and every board's latest decision before one is added.
        form = form_class(request.POST if "apply" in request.POST else None, recommendations=queryset)
        if form.is_bound and form.is_valid():
            return form
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "queryset": queryset,
            "action": action,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/recommendations/recommendation/bulk_action.html", context)

    def _bulk_action(self, request, queryset, *, form_class, title, action, apply, done, log):
        """Ask for the form once, then apply it to every selected recommendation, all or nothing."""
        queryset = queryset.order_by("reference")
        form = self._bulk_form(request, queryset, form_class, title, action)
        if isinstance(form, TemplateResponse):
            return form
        try:
            results = apply(queryset, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            self.message_user(request, _("Nothing was recorded: %s") % validation_message(error), messages.ERROR)
            return None
        self._log_bulk_change(request, queryset, log(results))
        self.message_user(request, done(len(results)) % {"count": len(results)}, messages.SUCCESS)
        return None

    @admin.action(description=_("Record board decision"), permissions=["record_decision"])
    def record_board_decision(self, request, queryset):
        return self._bulk_action(
            request,
            queryset,
            form_class=RecordDecisionForm,
            title=_("Record board decision"),
            action="record_board_decision",
            apply=services.record_decisions,
            log=lambda entries: (
                _("Recorded the decision of the board of %(board)s of %(date)s: %(decision)s.")
                % {
                    "board": entries[0].get_board_display(),
                    "date": entries[0].meeting_date,
                    "decision": entries[0].get_decision_display(),
                }
            ),
            done=lambda count: ngettext(
                "Recorded the decision on %(count)d recommendation.",
                "Recorded the decision on %(count)d recommendations.",
                count,
            ),
        )

    @admin.action(description=_("Change status"), permissions=["record_progress"])
    def change_status(self, request, queryset):
        return self._bulk_action(
            request,
            queryset,
            form_class=ChangeStatusForm,
            title=_("Change status"),
            action="change_status",
            apply=services.change_statuses,
            log=lambda updates: (
                _("Changed the status to %(status)s on %(date)s.")
                % {"status": updates[0].get_status_display(), "date": updates[0].date}
            ),
            done=lambda count: ngettext(
                "Recorded the new status of %(count)d recommendation.",
                "Recorded the new status of %(count)d recommendations.",
                count,
            ),
        )


class BackToRecommendationMixin:
    """Once a decision or progress update is saved, staff see its recommendation with the status it led to."""

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        if any(key in request.POST for key in ("_addanother", "_continue", IS_POPUP_VAR)):
            return response
        return HttpResponseRedirect(
            reverse("admin:recommendations_recommendation_change", args=[obj.recommendation_id])
        )


@admin.register(BoardDecision)
class BoardDecisionAdmin(
    TranslatedAdminMixin,
    BackToRecommendationMixin,
    HistoryReadersOnlyMixin,
    OwnsItsHistoryMixin,
    VersionedAdminMixin,
    ValidatingAutocompleteMixin,
    admin.ModelAdmin,
):
    form = BoardDecisionForm
    list_display = ["recommendation", "board", "meeting_date", "decision", "recorded_by", "recorded_at"]
    list_filter = [
        "board",
        "decision",
        "meeting_date",
        "recommendation__cycle",
        "recommendation__theme",
        NeedsTranslationFilter,
    ]
    list_select_related = ["recommendation", "recorded_by"]
    search_fields = ["recommendation__reference", "recommendation__title", "motivation"]
    autocomplete_fields = ["recommendation"]
    readonly_fields = ["recorded_by", "recorded_at"]
    date_hierarchy = "meeting_date"
    owned = [ProgressUpdate]

    def get_readonly_fields(self, request, obj=None):
        # A decision belongs to its recommendation for good (see services.save_decision).
        if obj is not None:
            return [*self.readonly_fields, "recommendation"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        services.save_decision(obj, user=request.user, seen_version=form.cleaned_data.get("seen_version"))

    def delete_model(self, request, obj):
        services.delete_decision(obj)

    def delete_queryset(self, request, queryset):
        services.delete_decisions(queryset.select_related("recommendation"))


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(
    TranslatedAdminMixin,
    BackToRecommendationMixin,
    HistoryReadersOnlyMixin,
    ValidatingAutocompleteMixin,
    admin.ModelAdmin,
):
    list_display = ["recommendation", "date", "status", "decision", "recorded_by", "recorded_at"]
    list_filter = ["status", "date", "recommendation__cycle", "recommendation__theme", NeedsTranslationFilter]
    list_select_related = ["recommendation", "recorded_by", "decision"]
    search_fields = ["recommendation__reference", "recommendation__title", "note"]
    autocomplete_fields = ["recommendation"]
    readonly_fields = ["decision", "recorded_by", "recorded_at"]
    date_hierarchy = "date"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return [*self.readonly_fields, "recommendation", "status", "date"]
        return self.readonly_fields

    def get_actions(self, request):
        # Deleting history one entry at a time, from its own page, keeps each removal deliberate.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not services.can_delete_progress(obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            written = {name: form.cleaned_data[name] for name in form.changed_data if name != "note"}
            services.edit_progress_note(obj, form.cleaned_data["note"], **written)
        else:
            services.record_progress(
                obj.recommendation,
                status=obj.status,
                date=obj.date,
                note=obj.note,
                user=request.user,
                language=obj.language,
            )

    def delete_model(self, request, obj):
        services.delete_progress(obj)


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    """Who changed what and when in the admin, for the cooperative life team; nobody can alter it."""

    list_display = ["action_time", "user", "content_type", "object_link", "action_flag", "change_summary"]
    list_filter = ["action_flag", "content_type", ("user", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
    list_per_page = 100

    @admin.display(description=_("object"), ordering="object_repr")
    def object_link(self, entry):
        if entry.action_flag != DELETION and entry.get_admin_url():
            return format_html('<a href="{}">{}</a>', entry.get_admin_url(), entry.object_repr)
        return entry.object_repr

    @admin.display(description=_("change"))
    def change_summary(self, entry):
        return entry.get_change_message()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
