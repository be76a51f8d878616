"""Forms of the staff admin: a recommendation with its first status, board decisions, the bulk actions, the
import upload. An edit made on an older version of its record is refused, saying what is saved now."""

from django import forms
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.forms import ImportForm

from workgroups.models import Country

from . import services
from .models import BoardDecision, Decision, Recommendation, Status
from .stocktaking import files


def shown_value(instance, name):
    """A field's value as an editor reads it: labels for choices, names for related records."""
    field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if field.choices:
        value = getattr(instance, f"get_{name}_display")()
    elif isinstance(value, bool):
        value = gettext("yes") if value else gettext("no")
    elif value is None or value == "":
        return gettext("(empty)")
    return Truncator(str(value)).chars(200)


class VersionedForm(forms.ModelForm):
    """Refuses to save an edit made on an older version of the record, saying what is saved now."""

    # Bounded like the model's field: a forged number outside it never reaches the database.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["seen_version"].initial = self.instance.version

    def lock_first(self):
        """Lock the rows that every change locks before this one, so that concurrent saves cannot deadlock."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        seen = cleaned.get("seen_version")
        # The lock is held until the admin's transaction ends, so nobody saves between this check and ours.
        with transaction.atomic():
            self.lock_first()
            current = services.lock_version(self.instance)
        if seen is None:
            raise forms.ValidationError(_("This form is incomplete: reload the page and make your change again."))
        if seen != current:
            self._explain_conflict(seen, current)
        return cleaned

    def _explain_conflict(self, seen, current):
        saved = type(self.instance).objects.get(pk=self.instance.pk)
        own_fields = {field.name for field in saved._meta.concrete_fields}
        for name in self.changed_data:
            if name in own_fields:
                self.add_error(name, _("Saved meanwhile: %(value)s") % {"value": shown_value(saved, name)})
        entries = (
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(saved), object_id=str(saved.pk), action_flag=CHANGE
            )
            .select_related("user")
            .order_by("-action_time")[: max(current - seen, 1)]
        )
        edits = "; ".join(
            _("%(user)s at %(time)s: %(change)s")
            % {
                "user": entry.user.get_username(),
                "time": formats.date_format(timezone.localtime(entry.action_time), "DATETIME_FORMAT"),
                "change": entry.get_change_message(),
            }
            for entry in entries
        )
        # Saving once more, after reading this, is a deliberate choice to replace what is saved now.
        self.data = self.data.copy()
        self.data[self.add_prefix("seen_version")] = current
        self.add_error(
            None,
            _(
                "Someone else saved this %(record)s while you were editing it (%(edits)s). Your changes were "
                "not saved. The fields marked below differ from what is saved now; save again to replace it "
                "with your values."
            )
            % {"record": saved._meta.verbose_name, "edits": edits or _("no details recorded")},
        )


class WorkgroupFormSet(forms.BaseInlineFormSet):
    """The workgroups a recommendation came from must have met in its cycle."""

    def clean(self):
        super().clean()
        cycle_id = self.instance.cycle_id
        strays = [
            form.cleaned_data["workgroup"].name
            for form in self.forms
            if form.cleaned_data.get("workgroup")
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data["workgroup"].cycle_id != cycle_id
        ]
        if cycle_id and strays:
            raise forms.ValidationError(
                _("These workgroups met in another cycle: %(names)s.") % {"names": ", ".join(strays)}
            )


class RecommendationForm(VersionedForm):
    class Meta:
        model = Recommendation
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields shown


class NewRecommendationForm(RecommendationForm):
    """Adding a recommendation also records its first status, the start of its history."""

    seen_version = None

    initial_status = forms.ChoiceField(label=_("status"), choices=Status.choices, initial=Status.NOT_EXECUTED)
    initial_status_date = forms.DateField(label=_("status date"), initial=timezone.localdate)
    initial_note = forms.CharField(label=_("public note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class BoardDecisionForm(VersionedForm):
    class Meta:
        model = BoardDecision
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields shown

    def lock_first(self):
        services.lock_recommendation(self.instance.recommendation)


class BulkForm(forms.Form):
    """The form of a bulk action on the selected ``recommendations``: fields shared by all of them, and
    per recommendation the fields of its own row (none unless a form adds them)."""

    def __init__(self, *args, recommendations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendations = list(recommendations)

    def row_field_name(self, recommendation):
        return None

    def shared_fields(self):
        row_fields = {self.row_field_name(recommendation) for recommendation in self.recommendations}
        return [field for field in self if field.name not in row_fields]

    def rows(self):
        """Each selected recommendation with the field of its own row, or None."""
        return [
            (recommendation, self[name] if (name := self.row_field_name(recommendation)) else None)
            for recommendation in self.recommendations
        ]


def required_choice(choices):
    """Choices that start empty: nothing is decided until staff choose."""
    return [("", "---------"), *choices]


class RecordDecisionForm(BulkForm):
    board = forms.ChoiceField(label=_("board of directors"), choices=required_choice(Country.choices))
    meeting_date = forms.DateField(label=_("meeting date"), widget=forms.DateInput(attrs={"type": "date"}))
    decision = forms.ChoiceField(label=_("decision"), choices=required_choice(Decision.choices))
    motivation = forms.CharField(label=_("motivation"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A board reformulates each recommendation in its own words: one text per recommendation.
        for recommendation in self.recommendations:
            self.fields[self.row_field_name(recommendation)] = forms.CharField(
                label=_("reformulated text of %(reference)s") % {"reference": recommendation.reference},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                help_text=_("Only when the board reformulated it."),
            )

    def row_field_name(self, recommendation):
        return f"reformulated_text-{recommendation.pk}"

    def clean(self):
        cleaned = super().clean()
        reformulated = cleaned.get("decision") == Decision.REFORMULATED
        texts = {}
        for recommendation in self.recommendations:
            name = self.row_field_name(recommendation)
            text = cleaned.pop(name, "").strip()
            if reformulated and not text:
                self.add_error(name, _("Give the reformulated text."))
            elif text and not reformulated and cleaned.get("decision"):
                self.add_error(name, _("Only a reformulation has a reformulated text."))
            texts[recommendation.pk] = text
        cleaned["reformulated_texts"] = texts
        return cleaned


class ChangeStatusForm(BulkForm):
    status = forms.ChoiceField(label=_("new status"), choices=Status.choices)
    date = forms.DateField(label=_("date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("public note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class StocktakingImportForm(ImportForm):
    """The admin's upload: a file over the import limit is refused before it is stored or read."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            files.check_size(upload.size)
        except files.ImportFileError as error:
            raise forms.ValidationError(error.messages) from None
        return upload
