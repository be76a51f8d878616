"""The one FilterSet of the recommendation list, shared by the public page, its CSV and the reports.

An unknown value is refused by ``filtered`` for all of them alike: never silently more rows.
"""

import dataclasses

import django_filters
from django import forms
from django.db import models
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from django_filters.fields import ModelChoiceField, ModelChoiceIterator

from workgroups.languages import choose, column, in_language, reader_language, shown
from workgroups.models import Country, Cycle, Office, Theme, Workgroup

from . import search
from .caching import FigureCache
from .models import BOARDS_DIFFER, Decision, Recommendation, RecommendationWorkgroup, Status, among_rows

SEARCH_MAX_LENGTH = 1000
# The value of ``boards`` that lists the recommendations both boards decided on, not alike.
DIFFER = "differ"


class StableOrderingFilter(django_filters.OrderingFilter):
    """Ties are ordered by reference, so that the list's pages and the CSV keep one order on PostgreSQL."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "reference") if value else qs


class LongSelect(forms.Select):
    """A filter's menu, written out in Python for menus of possibly thousands of choices (the workgroups of a
    federation): the markup of Django's ``Select`` template without its blank lines, at a fraction of its cost.

    A value that is not among the choices (one the filters refused) shows as the selected option, disabled,
    so that the menu does not read "All cycles" beside the message about it. Menus with option groups or
    several choices take Django's way.

    ``kept``, the request's ``FigureCache`` (``FilterForm.keep_menus``): a menu of records keeps its options'
    markup there, per language, until the next change; writing a federation's workgroups took a list page
    25–35 ms.
    """

    kept = None

    def render(self, name, value, attrs=None, renderer=None):
        if self.allow_multiple_selected:
            return super().render(name, value, attrs, renderer)
        options = self.kept_options(name)
        if options is None:
            return super().render(name, value, attrs, renderer)
        values = self.format_value(value)
        written, chosen = [], False
        for option_value, start, end in options:
            selected = not chosen and option_value in values
            chosen |= selected
            written.append(f"{start} selected{end}" if selected else start + end)
        if not chosen and any(values):
            refused = next(value for value in values if value)
            label = escape(Truncator(refused).chars(60))
            written.insert(0, f'\n  <option value="{escape(refused)}" selected disabled>{label}</option>')
        attributes = "".join(
            f" {key}" if item is True else f' {key}="{conditional_escape(item)}"'
            for key, item in self.build_attrs(self.attrs, attrs).items()
            if item is not False
        )
        return mark_safe(f'<select name="{conditional_escape(name)}"{attributes}>{"".join(written)}\n</select>')

    def kept_options(self, name):
        """``options()``, kept in the request's cache when the menu's choices are records."""
        if self.kept is None or not isinstance(self.choices, ModelChoiceIterator):
            return self.options()
        menu = f"{name} menu in {reader_language()}"
        return self.kept.remember(menu, self.choices.queryset, self.options)

    def options(self):
        """Each option as (value, markup before the place of ``selected``, markup after it); ``None`` for a
        menu with option groups."""
        options = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                return None
            option_value = "" if option_value is None else str(option_value)
            # A name shown in the language it was written in says so, as on the pages.
            lang = f' lang="{label.language}"' if getattr(label, "original", False) else ""
            options.append(
                (
                    option_value,
                    f'\n  <option value="{escape(option_value)}"',
                    f"{lang}>{conditional_escape(label)}</option>",
                )
            )
        return options


class WorkgroupChoices(ModelChoiceIterator):
    """The workgroup menu's choices read as (slug, name, cycle name) rows, not as model instances."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        language = reader_language()
        rows = self.queryset.order_by("cycle__start_date", in_language("name")).values_list(
            self.field.to_field_name, "name", "language", column("name", language), "cycle__name"
        )
        for slug, name, written_in, translation, cycle_name in rows:
            name = choose(name, written_in, translation, language)
            yield (slug, dataclasses.replace(name, text=Workgroup.label(name.text, cycle_name)))


class WorkgroupField(ModelChoiceField):
    iterator = WorkgroupChoices


def in_workgroups(queryset, workgroups):
    """The recommendations of ``queryset`` that came from one of ``workgroups``, each once."""
    members = RecommendationWorkgroup.objects.filter(workgroup__in=workgroups).values("recommendation_id")
    return queryset.filter(among_rows("pk", members))


def office_recommendations(queryset, office):
    """The recommendations of ``queryset`` that came from one of ``office``'s workgroups, each once."""
    return in_workgroups(queryset, Workgroup.objects.filter(office=office))


class WorkgroupFilter(django_filters.ModelChoiceFilter):
    field_class = WorkgroupField

    def filter(self, qs, value):
        return qs if value in EMPTY_VALUES else in_workgroups(qs, [value.pk])


class NamedChoices(ModelChoiceIterator):
    """Themes or offices in the alphabetical order of their names in the reader's language."""

    def __iter__(self):
        self.queryset = self.queryset.order_by(in_language("name"))
        yield from super().__iter__()


class NamedChoiceField(ModelChoiceField):
    """A menu of themes or offices by their names in the reader's language."""

    iterator = NamedChoices

    def label_from_instance(self, obj):
        return shown(obj, "name")


class NamedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = NamedChoiceField


class OfficeFilter(NamedChoiceFilter):
    def filter(self, qs, value):
        return qs if value in EMPTY_VALUES else office_recommendations(qs, value)


class FilterForm(forms.Form):
    """The filters' form. Once a cycle is chosen, the menus offer only what that cycle has, and keep the value
    chosen in each, which may be absent from the cycle: an empty list then shows it and the way to remove
    it. Validation is left whole: a theme absent from the cycle is a valid filter with no rows."""

    def clean(self):
        cleaned_data = super().clean()
        if cycle := cleaned_data.get("cycle"):
            in_cycle = {
                "theme": Theme.objects.in_cycle(cycle),
                "workgroup": Workgroup.objects.filter(cycle=cycle),
                "office": Office.objects.in_cycle(cycle),
            }
            for name, narrowed in in_cycle.items():
                if name in self.fields:
                    self.fields[name].widget.choices = self.menu_of(name, narrowed)
            if "country" in self.fields:
                kept = [*cycle.countries, cleaned_data.get("country")]
                self.fields["country"].widget.choices = [
                    (value, label) for value, label in self.fields["country"].choices if not value or value in kept
                ]
        return cleaned_data

    def keep_menus(self, cached):
        """Keep the menus' options in ``cached``, the request's ``FigureCache`` (see ``LongSelect``)."""
        for field in self.fields.values():
            field.widget.kept = cached

    def menu_of(self, name, narrowed):
        """The choices of a menu of model instances: those of ``narrowed`` and the one chosen, in one query."""
        field, chosen = self.fields[name], self.cleaned_data.get(name)
        choices = field.iterator(field)
        choices.queryset = narrowed | narrowed.model.objects.filter(pk=chosen.pk) if chosen else narrowed
        return choices


class RecommendationFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(
        label=_("Cycle"),
        queryset=Cycle.objects.all(),
        to_field_name="slug",
        empty_label=_("All cycles"),
        widget=LongSelect,
    )
    theme = NamedChoiceFilter(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All themes"),
        widget=LongSelect,
    )
    workgroup = WorkgroupFilter(
        label=_("Workgroup"),
        field_name="workgroups",
        queryset=Workgroup.objects.all(),
        to_field_name="slug",
        empty_label=_("All workgroups"),
        widget=LongSelect,
    )
    office = OfficeFilter(
        label=_("Office"),
        field_name="workgroups__office",
        queryset=Office.objects.all(),
        to_field_name="slug",
        empty_label=_("All offices"),
        widget=LongSelect,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=Country.choices, empty_label=_("Both countries"), widget=LongSelect
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("Every status"), widget=LongSelect
    )
    board = django_filters.ChoiceFilter(
        label=_("Board of directors"),
        field_name="board",
        choices=[
            (Country.BELGIUM, _("Board of directors, Belgium")),
            (Country.FRANCE, _("Board of directors, France")),
        ],
        empty_label=_("Either board"),
        method="by_board",
        widget=LongSelect,
    )
    # With a board, the decision is that board's newest; without one, the newest of either board.
    decision = django_filters.ChoiceFilter(
        label=_("Latest decision"),
        field_name="latest_decision",
        choices=Decision.choices,
        empty_label=_("Every decision"),
        method="by_decision",
        widget=LongSelect,
    )
    boards = django_filters.ChoiceFilter(
        label=_("The two boards"),
        field_name="boards",
        choices=[(DIFFER, _("The boards decided differently"))],
        empty_label=_("Whether or not they agree"),
        method="by_boards",
        widget=LongSelect,
    )
    # A search is a few words; SQLite refuses a LIKE pattern of more than 50,000 bytes with an error.
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=SEARCH_MAX_LENGTH)
    sort = StableOrderingFilter(
        label=_("Sort by"),
        empty_label=_("Newest cycle first"),
        fields=[("reference", "reference"), ("title", "title"), ("status", "status"), ("status_date", "date")],
        field_labels={
            "reference": _("Reference"),
            "title": _("Title"),
            "status": _("Status"),
            "status_date": _("Status date"),
            # Named here: the filter would word these once, at start-up, in the default language.
            "-reference": _("Reference, last first"),
            "-title": _("Title, Z to A"),
            "-status": _("Status, in reverse order"),
            "-date": _("Status date, newest first"),
        },
        widget=LongSelect,
    )

    class Meta:
        model = Recommendation
        fields = []
        form = FilterForm

    def board_column(self):
        """The column of the chosen board's newest decision, or ``None`` without a board."""
        board = self.form.cleaned_data.get("board")
        return f"decision_{board.lower()}" if board else None

    def by_decision(self, queryset, name, value):
        return queryset.filter(**{self.board_column() or "latest_decision": value})

    def by_board(self, queryset, name, value):
        # Those this board decided on; with a decision, ``by_decision`` narrows them to it.
        return queryset.exclude(**{self.board_column(): ""})

    def by_boards(self, queryset, name, value):
        return queryset.filter(BOARDS_DIFFER)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        ranked = not self.form.cleaned_data.get("sort")
        found, self._ranked = search.found(queryset, value, ranked, keep=FigureCache().remember)
        return found

    _ranked = None

    @property
    def ranked(self):
        """The rows a search ranked and put first, in their order; ``None`` when every row is in order."""
        self.qs  # noqa: B018 - the search finds them while filtering
        return self._ranked

    @property
    def active_filters(self):
        """The filters in use, as (name, value) pairs with the raw value, for file names and messages."""
        if not self.is_bound:
            return []
        return [(name, self.data[name]) for name in self.filters if self.data.get(name)]

    @property
    def shown(self):
        """What the valid filters narrow the list to, in the reader's words: ["2019-2020", "Ongoing"]."""
        return [str(words) for _name, words, _without in self.in_use()]

    @property
    def removable(self):
        """Each filter in use, in the reader's words marked up for a page, with the query string of the same
        list without it."""
        return [(marked(name, words), without) for name, words, without in self.in_use()]

    @property
    def shown_marked(self):
        """``shown`` marked up for a page heading."""
        return [words for words, _without in self.removable]

    def in_use(self):
        if not self.is_bound or not self.is_valid():
            return []
        found = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", []) or name == "sort":
                continue
            if name == "q":
                words = gettext("“%(words)s”") % {"words": value}
            elif isinstance(value, models.Model):
                words = shown(value, "name")
            else:
                words = str(dict(self.form.fields[name].choices).get(value, value))
            without = self.data.copy()
            for dropped in (name, "page"):
                without.pop(dropped, None)
            found.append((name, words, f"?{without.urlencode()}" if without else "?"))
        return found


def marked(name, words):
    """A filter's value for a page: a name shown as written says its language, a cycle keeps its hyphen."""
    if name == "cycle":
        return format_html('<span class="cycle-name">{}</span>', words)
    if getattr(words, "original", False):
        return format_html('<span lang="{}">{}</span>', words.language, words)
    return conditional_escape(words)


class InvalidFilters(ValueError):
    """Some filter values were not understood; ``problems`` lists (parameter, value given, message)."""

    def __init__(self, filterset):
        self.filterset = filterset
        self.problems = [
            (name, filterset.data.get(name), plain_message(filterset, name, errors))
            for name, errors in filterset.form.errors.as_data().items()
        ]
        described = " ".join(message for _name, _value, message in self.problems)
        super().__init__(gettext("These filters are not valid: %(problems)s") % {"problems": described})


def plain_message(filterset, name, errors):
    """What is wrong with a filter value, in the reader's words: "There is no cycle “1999”."."""
    if all(error.code == "invalid_choice" for error in errors):
        value = Truncator(str(filterset.data.get(name, ""))).chars(60)
        if name == "sort":
            return gettext("This list cannot be sorted by “%(value)s”.") % {"value": value}
        label = str(filterset.filters[name].label).lower()
        return gettext("There is no %(filter)s “%(value)s”.") % {"filter": label, "value": value}
    return " ".join(message for error in errors for message in error.messages)


def filtered(data, queryset, filterset_class=None):
    """The FilterSet of ``data`` (query parameters) on ``queryset``; raises ``InvalidFilters`` for a value
    it does not understand, since django-filter would drop that filter and return more rows."""
    filterset = (filterset_class or RecommendationFilter)(data or None, queryset=queryset)
    if filterset.is_bound and not filterset.is_valid():
        raise InvalidFilters(filterset)
    return filterset


class OverviewFilter(RecommendationFilter):
    """The narrowing the overview offers: a cycle and a country; the list's other filters are left out."""

    # Setting an inherited filter to None removes it from this FilterSet (as with Django form fields).
    theme = workgroup = office = status = decision = board = boards = q = sort = None
