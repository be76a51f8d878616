"""The forms of following: the request on a page, and the settings reached from a mail."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import targets
from .models import Frequency


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Give the e-mail address the summaries should go to.")},
    )
    frequency = forms.ChoiceField(
        label=_("A summary of the changes"),
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )


class SettingsForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("A summary of the changes"), choices=Frequency.choices, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(label=_("Language of the mails"), choices=settings.LANGUAGES)
    dropped = forms.MultipleChoiceField(
        label=_("Stop following"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, subscriptions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dropped"].choices = [
            (str(sub.pk), targets.labelled(sub.kind, name)) for sub, name, _url in subscriptions
        ]
