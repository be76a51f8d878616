"""The one FilterSet of the project list, shared by the page and its CSV; ``recommendations.filters.filtered``
refuses an unknown value for both."""

import django_filters
from django.utils.translation import gettext_lazy as _

from recommendations.filters import LongSelect, NamedChoiceFilter, RecommendationFilter
from workgroups.models import Cycle, Office, Theme

from .models import Kind, Project, State


def answering(**lookups):
    """The projects that answer a published recommendation matching ``lookups``: an unpublished one never
    puts a project in a list, so that a filter cannot reveal it."""
    links = Project.recommendations.through.objects.filter(
        recommendation__published=True, **{f"recommendation__{name}": value for name, value in lookups.items()}
    )
    return links.values("project")


class ProjectFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Kind.choices, empty_label=_("Every kind"), widget=LongSelect
    )
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=State.choices, empty_label=_("Every state"), widget=LongSelect
    )
    office = NamedChoiceFilter(
        label=_("Office"),
        queryset=Office.objects.all(),
        to_field_name="slug",
        empty_label=_("All offices"),
        method="involving",
        widget=LongSelect,
    )
    theme = NamedChoiceFilter(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All themes"),
        method="answering_in",
        widget=LongSelect,
    )
    cycle = django_filters.ModelChoiceFilter(
        label=_("Cycle"),
        queryset=Cycle.objects.all(),
        to_field_name="slug",
        empty_label=_("All cycles"),
        method="answering_in",
        widget=LongSelect,
    )

    class Meta:
        model = Project
        fields = []

    def involving(self, queryset, name, value):
        # A subquery rather than a join, so that a project is listed once.
        return queryset.filter(pk__in=Project.offices.through.objects.filter(office=value).values("project"))

    def answering_in(self, queryset, name, value):
        return queryset.filter(pk__in=answering(**{name: value}))

    @property
    def active_filters(self):
        """The filters in use, as (name, value) pairs with the raw value, for the file's name."""
        if not self.is_bound:
            return []
        return [(name, self.data[name]) for name in self.filters if self.data.get(name)]


class WaitingFilter(RecommendationFilter):
    """The narrowing the list of postponed recommendations waiting to be taken up offers: a theme and a cycle."""

    # Setting an inherited filter to None removes it from this FilterSet (as with Django form fields).
    workgroup = office = country = status = decision = board = boards = q = sort = None
