"""The columns of a stocktaking file: the django-import-export resource of recommendations, keyed by
``reference``, and its file formats.

Cycles, themes and workgroups go by name or slug, statuses by code or label in English, Dutch or
French; an unknown one is an error on its line, never a new record. ``status_date`` is read only when
the status changes, so a file exported earlier imports back without a change. ``title``, ``text`` and
``context`` are the texts as written, in the ``language`` column's language; ``title_nl``, ``title_fr``
and so on their translations, empty in the language written.
"""

import datetime
import functools
import io

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.fields import Field
from import_export.formats import base_formats

from workgroups.languages import LANGUAGES, column
from workgroups.models import Country, Cycle, Theme, Workgroup

from ..models import FollowUp, Recommendation, Status
from ..spreadsheets import WORKGROUP_SEPARATOR, csv_chunks, write_xlsx
from . import files, plan


class ChoiceWidget(widgets.Widget):
    """A code, or its label in any language, whatever the case and spaces; empty keeps the value."""

    def __init__(self, choices, spellings=None):
        super().__init__(coerce_to_string=True)
        self.choices = choices
        self.spellings = spellings or {}

    @functools.cached_property
    def lookup(self):
        with translation.override("en"):
            known = {normal: value for value, label in self.choices for normal in (value, str(label))}
        for value, others in self.spellings.items():
            known.update(dict.fromkeys(others, value))
        return {files.normalise_label(spelling): value for spelling, value in known.items()}

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        try:
            return self.lookup[files.normalise_label(value)]
        except KeyError:
            raise ValueError(
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(code for code, _label in self.choices)}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value or ""


class NameOrSlugWidget(widgets.Widget):
    """A cycle or theme by its name or slug, among those ``known`` (read once per import); never creates one."""

    def __init__(self, model):
        super().__init__(coerce_to_string=True)
        self.model = model

    def clean(self, value, row=None, *, known, **kwargs):
        if not value:
            return None
        found = known.find(self.model, value)
        if found is None:
            raise ValueError(
                _("There is no %(kind)s called “%(value)s” (by name or slug).")
                % {"kind": self.model._meta.verbose_name, "value": value}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class IsoDateWidget(widgets.Widget):
    """ISO dates (2020-06-01), and the day-first dates (01/06/2020) of Belgian and French spreadsheets."""

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        for parse in (datetime.date.fromisoformat, lambda text: datetime.datetime.strptime(text, "%d/%m/%Y").date()):
            try:
                return parse(value[:10])
            except ValueError:
                continue
        raise ValueError(_("“%(value)s” is not a date; write it as 2020-06-01.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        answer = files.normalise_label(value)
        if answer in files.YES:
            return True
        if answer in files.NO:
            return False
        raise ValueError(_("“%(value)s” is neither yes nor no.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "no"


class WorkgroupsField(Field):
    """The workgroups a recommendation came from, by name (within its cycle) or slug, separated by ``|``.

    The import reads them with ``read`` and writes them with the recommendation, through ``services``.
    """

    def __init__(self):
        super().__init__(attribute="workgroups", column_name="workgroups")

    def read(self, row, cycle, known):
        """The groups a row names, among those ``known`` of ``cycle``; a ``ValueError`` names a stranger."""
        groups = []
        for name in (name.strip() for name in str(row[self.column_name] or "").split("|")):
            if not name:
                continue
            # Only groups of the recommendation's own cycle, as in the admin form.
            group = known.workgroup(cycle, name)
            if group is None:
                raise ValueError(
                    _("There is no workgroup called “%(name)s” in cycle %(cycle)s.")
                    % {"name": name, "cycle": cycle.name}
                )
            groups.append(group)
        return groups

    def export(self, instance, **kwargs):
        return WORKGROUP_SEPARATOR.join(group.name for group in instance.workgroups.all())


def board_decision_field(column):
    """A board's newest decision: exported for reading, ignored on import (decisions have their own log)."""
    return Field(column_name=column, readonly=True, dehydrate_method=lambda instance: getattr(instance, column, ""))


class RecommendationResource(resources.ModelResource):
    reference = Field(attribute="reference", column_name="reference")
    title = Field(attribute="title", column_name="title")
    text = Field(attribute="text", column_name="text")
    context = Field(attribute="context", column_name="context")
    language = Field(
        attribute="language", column_name="language", widget=ChoiceWidget(settings.LANGUAGES), saves_null_values=False
    )
    cycle = Field(attribute="cycle", column_name="cycle", widget=NameOrSlugWidget(Cycle))
    theme = Field(attribute="theme", column_name="theme", widget=NameOrSlugWidget(Theme))
    workgroups = WorkgroupsField()
    country = Field(
        attribute="country", column_name="country", widget=ChoiceWidget(Country.choices, files.COUNTRY_SPELLINGS)
    )
    status = Field(
        attribute="status",
        column_name="status",
        widget=ChoiceWidget(Status.choices, files.STATUS_SPELLINGS),
        saves_null_values=False,
    )
    status_date = Field(
        attribute="status_date", column_name="status_date", widget=IsoDateWidget(), saves_null_values=False
    )
    follow_up = Field(
        attribute="follow_up", column_name="follow_up", widget=ChoiceWidget(FollowUp.choices), saves_null_values=False
    )
    directorate = Field(attribute="directorate", column_name="directorate")
    published = Field(attribute="published", column_name="published", widget=YesNoWidget(), saves_null_values=False)
    decision_be = board_decision_field("decision_be")
    decision_fr = board_decision_field("decision_fr")

    class Meta:
        model = Recommendation
        fields = [
            "reference",
            "title",
            "text",
            "context",
            "language",
            *(column(name, language) for name in Recommendation.translated_fields for language in LANGUAGES),
            "cycle",
            "theme",
            "workgroups",
            "country",
            "status",
            "status_date",
            "follow_up",
            "directorate",
            "published",
            "decision_be",
            "decision_fr",
        ]
        import_id_fields = ["reference"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        """All of the file or nothing, checked and written in bulk: see ``plan``.

        Status changes are recorded as the ``user`` of the admin or the command.
        """
        user = kwargs.get("user")
        user = user if isinstance(user, get_user_model()) else None
        return plan.import_dataset(self, dataset, dry_run=dry_run, raise_errors=raise_errors, user=user)

    def get_import_fields(self):
        return [field for field in super().get_import_fields() if not field.readonly]

    def filter_export(self, queryset, **kwargs):
        return (
            queryset.select_related("cycle", "theme")
            .prefetch_related(None)
            .prefetch_related(Prefetch("workgroups", queryset=Workgroup.objects.only("id", "name").order_by("name")))
        )


class StocktakingFormat:
    """Reads any stocktaking file through ``files`` (which detects the encoding, so: bytes)."""

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        return files.read_dataset(in_stream)

    @staticmethod
    def rows(dataset):
        return [dataset.headers, *dataset]


class StocktakingCSV(StocktakingFormat, base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        return "".join(csv_chunks(self.rows(dataset))).encode("utf-8")


class StocktakingXLSX(StocktakingFormat, base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        buffer = io.BytesIO()
        write_xlsx(self.rows(dataset), buffer)
        return buffer.getvalue()


class StocktakingFile(StocktakingFormat, base_formats.CSV):
    """The one format the import offers: ``files`` tells CSV from XLSX by the file's own bytes."""

    def get_title(self):
        return _("CSV or XLSX")


IMPORT_FORMATS = [StocktakingFile]
EXPORT_FORMATS = [StocktakingCSV, StocktakingXLSX]
