"""Forms of the staff admin: a recommendation with its first status, and the bulk actions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workgroups.models import Country

from .models import Decision, Recommendation, Status


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


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = "__all__"


class NewRecommendationForm(RecommendationForm):
    """Adding a recommendation also records its first status, the start of its history."""

    initial_status = forms.ChoiceField(label=_("status"), choices=Status.choices, initial=Status.NOT_EXECUTED)
    initial_status_date = forms.DateField(label=_("status date"), initial=timezone.localdate)
    initial_note = forms.CharField(label=_("public note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RecordDecisionForm(forms.Form):
    board = forms.ChoiceField(label=_("board of directors"), choices=Country.choices)
    meeting_date = forms.DateField(label=_("meeting date"), widget=forms.DateInput(attrs={"type": "date"}))
    decision = forms.ChoiceField(label=_("decision"), choices=Decision.choices)
    motivation = forms.CharField(label=_("motivation"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    reformulated_text = forms.CharField(
        label=_("reformulated text"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Required when the board reformulated the recommendations."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.REFORMULATED and not cleaned.get("reformulated_text", "").strip():
            self.add_error("reformulated_text", _("Give the reformulated text."))
        return cleaned


class ChangeStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("new status"), choices=Status.choices)
    date = forms.DateField(label=_("date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("public note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
