"""Checking a stocktaking file as a whole, then having ``services`` write it in bulk.

Every line is read through the resource's own fields and widgets (their messages are the messages) and
each field's own validation, against the cycles, themes, workgroups and recommendations the file names,
each read once: the number of queries does not grow with the lines. The outcome is a django-import-export
``Result``, which the admin's preview and confirmation and the import command read.
"""

import contextlib
import copy
import datetime
import gc
import logging

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import DEFERRED
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from import_export import exceptions, widgets
from import_export.fields import NOT_PROVIDED
from import_export.results import Result, RowResult

from workgroups.models import Cycle, Theme, Workgroup

from .. import services
from ..models import Recommendation, RecommendationWorkgroup, Status
from ..spreadsheets import WORKGROUP_SEPARATOR
from .files import StocktakingDataset, describe_problems

logger = logging.getLogger(__name__)
lazy_str = lazy(str, str)


class ImportResult(Result):
    """django-import-export's result, with every problem as one sentence naming its line and column."""

    problems = ()


def import_dataset(resource, dataset, *, dry_run, raise_errors, user):
    """Import ``dataset`` through ``resource``: every line, or none when one has a problem or on a dry run."""
    with collected_afterwards(), transaction.atomic():
        plan = ImportPlan(resource, dataset, lock=not dry_run)
        result = plan.result
        if raise_errors and result.invalid_rows:
            first = result.invalid_rows[0]
            raise exceptions.ImportError(first.error, number=first.number, row=dict(zip(dataset.headers, first.values)))
        if dry_run or result.has_errors() or result.has_validation_errors() or not plan.changes:
            # Nothing is kept, not even the moved data version, when nothing is written.
            transaction.set_rollback(True)
        else:
            try:
                plan.apply(user)
            except DatabaseError as error:
                # The file was checked as a whole: only a change of the same recommendations that
                # committed first (a reference created meanwhile) fails it here.
                logger.exception("The import could not be written.")
                transaction.set_rollback(True)
                refusal = DatabaseError(
                    _(
                        "The import could not be written: the recommendations it names were changed "
                        "at the same time. Nothing was imported; import the file again."
                    )
                )
                refusal.__cause__ = error
                resource.handle_import_error(result, refusal, raise_errors)
    lines = dataset.lines if isinstance(dataset, StocktakingDataset) else range(2, len(dataset) + 2)
    result.problems = describe_problems(result, list(lines))
    return result


@contextlib.contextmanager
def collected_afterwards():
    """Python's cycle collector paused while an import reads and writes its lines, and run again after.

    Every line's objects live until the import ends; the collector, started every few hundred new objects,
    went through all of them again and again: a fifth of the time reading 10,000 new lines took (0.53 s,
    0.41 s without it; docs/PERFORMANCE.md).
    """
    if not gc.isenabled():  # paused by a caller already, which resumes it
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class Known:
    """Cycles and themes by name or slug, and workgroups by name or slug within their cycle, each read once.

    Spellings are compared case-insensitively; when two records answer to one spelling, the first in
    the model's order wins, as a ``.first()`` of the ``iexact`` lookup would.
    """

    def __init__(self, dataset, cycles):
        """``cycles``: the keys of the cycles of the recommendations the file names, besides those it names."""
        records = {model: list(model.objects.all()) for model in (Cycle, Theme)}
        self.by_model = {model: _by_spelling(found) for model, found in records.items()}
        self.by_pk = {model: {record.pk: record for record in found} for model, found in records.items()}
        named = {self.find(Cycle, name) for name in dataset["cycle"]}
        cycles = {cycle.pk for cycle in named if cycle is not None} | set(cycles)
        self.groups = {}
        for group in Workgroup.objects.filter(cycle__in=cycles).select_related("cycle"):
            for spelling in (group.name, group.slug):
                self.groups.setdefault((group.cycle_id, spelling.casefold()), group)

    def find(self, model, spelling):
        return self.by_model[model].get(str(spelling).casefold())

    def workgroup(self, cycle, spelling):
        return self.groups.get((cycle.pk, spelling.casefold()))


def _by_spelling(records):
    found = {}
    for record in records:
        for spelling in (record.name, record.slug):
            found.setdefault(spelling.casefold(), record)
    return found


class FieldChecks:
    """What ``full_clean`` checks field by field (required, length, pattern, choices), each distinct value once.

    A reference is unique within a file (``read_dataset`` refuses the file otherwise), and a reference
    found in the register updates that recommendation.
    """

    def __init__(self, names):
        concrete = {field.name: field for field in Recommendation._meta.concrete_fields}
        self.fields = [concrete[name] for name in dict.fromkeys(names) if name in concrete]
        self.cleaned = {field.name: {} for field in self.fields}

    def values(self, instance):
        return [getattr(instance, field.attname) for field in self.fields]

    def validate(self, instance, errors):
        for field in self.fields:
            raw = getattr(instance, field.attname)
            if field.name in errors or (raw is not None and field.is_relation):
                continue
            if field.blank and raw in field.empty_values:
                continue
            cleaned = self.cleaned[field.name]
            if raw not in cleaned:
                try:
                    cleaned[raw] = field.clean(raw, instance)
                except ValidationError as error:
                    cleaned[raw] = error
            outcome = cleaned[raw]
            if isinstance(outcome, ValidationError):
                errors[field.name] = outcome.messages
            elif outcome is not raw:
                setattr(instance, field.attname, outcome)


# The workgroups a new recommendation had before the file: none, one tuple for all.
NO_GROUPS = ()


def check_status_date(instance, before, errors, *, dated_by_file):
    """The file's date counts only when the status changes, and must then be later than the current one's.

    A file exported earlier still holds the current status's date: taken as it is, a new status would
    date from the same day as the one it follows, and the figures over the years would change. An empty
    cell (``dated_by_file`` false) dates the change today, which may be the current status's day too.
    """
    status, date = before
    if instance.status == status:
        instance.status_date = date
        return
    new_date = instance.status_date
    if "status_date" in errors or date is None or new_date is None:
        return
    if new_date > date or (new_date == date and not dated_by_file):
        return
    errors.setdefault("status_date", []).append(
        _(
            "The new status %(new)s would date from %(new_date)s, not after the current status %(current)s of "
            "%(date)s. Write the day the change took effect, or leave the cell empty to date it today."
        )
        % {
            "new": Status(instance.status).label,
            "new_date": new_date.isoformat(),
            "current": Status(status).label,
            "date": date.isoformat(),
        }
    )


class ImportPlan:
    """What importing a dataset does, line by line, read with a fixed number of queries; ``apply`` writes it."""

    def __init__(self, resource, dataset, *, lock):
        self.resource = resource
        self.result = ImportResult()
        self.result.diff_headers = resource.get_diff_headers()
        self.result.total_rows = len(dataset)
        self.lines = []
        self.import_fields = resource.get_import_fields()
        self.preview = Preview(self.import_fields)
        # A new recommendation's values before the file's: each field's default, worked out once when
        # all are constants (then given in field order, as ``from_db`` does), else anew for each line.
        fields = Recommendation._meta.concrete_fields
        constant = all(
            not (field.has_default() and callable(field.default)) and field.db_default is NOT_PROVIDED
            for field in fields
        )
        self.defaults = [DEFERRED if field.generated else field.get_default() for field in fields] if constant else None
        columns = [field for field in self.import_fields if field.column_name in dataset.headers]
        # A plain field's widget reads the cell's text alone: each distinct text is read once (a dict),
        # and the text of a plain widget is taken as it is (None). The workgroups column reads its own.
        self.readers = [
            (field, "workgroups" if field.column_name == "workgroups" else None if _takes_text_as_is(field) else {})
            for field in columns
        ]
        self.checks = FieldChecks([field.attribute for field in columns if field.column_name != "workgroups"])
        # The workgroups of each distinct (cycle, cell text), read once and shared by its lines: a list of
        # groups, or the ``ValueError`` that says why not.
        self.workgroups = {}
        references = [reference for reference in dataset["reference"] if reference]
        if lock:
            existing = services.lock_for_import(references)
        else:
            found = Recommendation.objects.with_references(references).order_by()
            existing = {item.reference: item for item in found}
        self.known = Known(dataset, [item.cycle_id for item in existing.values()])
        self.groups_before = self._groups_of(existing.values())
        self.today = timezone.localdate()
        for number, values in enumerate(dataset, 1):
            row = dict(zip(dataset.headers, values))
            line = self._read(number, row, existing.get(row["reference"]))
            if line.problems:
                line.import_type = RowResult.IMPORT_TYPE_INVALID
            self.lines.append(line)
            self._report(line)

    def _groups_of(self, recommendations):
        groups = {item.pk: [] for item in recommendations}
        if groups:
            links = RecommendationWorkgroup.objects.filter(recommendation_id__in=groups).select_related("workgroup")
            for link in links.order_by("workgroup__name"):
                groups[link.recommendation_id].append(link.workgroup)
        return groups

    def _read(self, number, row, found):
        """The line's recommendation with the file's values, as the resource's fields read them."""
        if found is None:
            instance = Recommendation() if self.defaults is None else Recommendation(*self.defaults)
            line = LineResult(self.preview, number, row, instance, None, NO_GROUPS)
        else:
            self._attach(found)
            line = LineResult(self.preview, number, row, found, copy.copy(found), self.groups_before[found.pk])
        instance = line.instance
        before = (instance.status, instance.status_date)
        values_before = None if found is None else self.checks.values(instance)
        for field, read in self.readers:
            text = row[field.column_name]
            if read == "workgroups":
                if instance.cycle_id is not None:  # else the cycle column has its own error
                    groups = self._read_workgroups(field, row, instance.cycle)
                    if isinstance(groups, ValueError):
                        line.problems["workgroups"] = [str(groups)]
                    else:
                        line.groups = groups
                continue
            if read is None:
                setattr(instance, field.attribute, text)
                continue
            if text not in read:
                read[text] = self._read_cell(field, text)
            value = read[text]
            if isinstance(value, ValueError):
                line.problems[field.attribute] = [str(value)]
            elif value is not None or field.saves_null_values:
                setattr(instance, field.attribute, value)
        dated_by_file = bool(row.get("status_date"))
        if instance.status != before[0] and not dated_by_file:
            instance.status_date = self.today  # a status change the file does not date is dated today
        if found is not None:
            check_status_date(instance, before, line.problems, dated_by_file=dated_by_file)
            if line.groups is not None and {group.pk for group in line.groups} == {
                group.pk for group in line.groups_before
            }:
                line.groups = None
            if not line.problems and line.groups is None and self.checks.values(instance) == values_before:
                line.import_type = RowResult.IMPORT_TYPE_SKIP
                return line
        self.checks.validate(instance, line.problems)
        if not line.problems:
            changed = found is None or instance.status != before[0]
            if found is None and line.groups is None:
                line.groups = []
            line.entry = services.Imported(
                instance,
                workgroups=line.groups,
                status=instance.status if changed else None,
                date=(instance.status_date or self.today) if changed else None,
            )
        return line

    def _read_workgroups(self, field, row, cycle):
        key = (cycle.pk, row[field.column_name])
        if key not in self.workgroups:
            try:
                self.workgroups[key] = field.read(row, cycle, self.known)
            except ValueError as error:
                self.workgroups[key] = error
        return self.workgroups[key]

    def _read_cell(self, field, text):
        """What ``field`` reads in a cell holding ``text``: a value, or the ``ValueError`` that says why not."""
        try:
            return field.clean({field.column_name: text}, known=self.known)
        except ValueError as error:
            return error

    def _attach(self, instance):
        # The cycle and theme are known already: showing them in the preview costs no query.
        for model, name in ((Cycle, "cycle"), (Theme, "theme")):
            record = self.known.by_pk[model].get(getattr(instance, f"{name}_id"))
            if record is not None:
                setattr(instance, name, record)

    def _report(self, line):
        # Written when shown (the preview's lines, the history's entries), not for each of thousands of lines.
        line.object_id, line.object_repr = line.instance.pk, lazy_str(line.instance)
        if line.problems:
            line.validation_error = ValidationError(line.problems)
            self.result.append_invalid_row(line.number, line.row, line.validation_error)
        self.result.increment_row_result_total(line)
        self.result.append_row_result(line)

    @property
    def changes(self):
        return [line.entry for line in self.lines if line.entry is not None]

    def apply(self, user):
        services.import_recommendations(self.changes, user=user)
        # New recommendations have their keys now; what each line shows of its recommendation is unchanged.
        for row_result in self.result.rows:
            row_result.object_id = row_result.instance.pk


class Preview:
    """What a line changes, in the reader's words: one (column, before, after) per column that changes.

    The lines' results hold this, not the plan: nothing a result holds leads back to it, so an import's
    lines are freed as soon as its result is, without waiting for the cycle collector.
    """

    def __init__(self, import_fields):
        self.import_fields = import_fields
        concrete = {field.name: field for field in Recommendation._meta.get_fields()}
        self.model_fields = [concrete.get(field.attribute) for field in import_fields]

    def cells(self, instance, groups):
        """The line's values, one per import column, as a reader would write them."""
        return [self._cell(field, model_field, instance, groups) for field, model_field in self.columns]

    @property
    def columns(self):
        return zip(self.import_fields, self.model_fields, strict=True)

    @staticmethod
    def _cell(field, model_field, instance, groups):
        if field.column_name == "workgroups":
            return WORKGROUP_SEPARATOR.join(group.name for group in groups)
        value = getattr(instance, field.attribute, None)
        if model_field is not None and model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value or ""))
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, datetime.date):
            return formats.date_format(value, "DATE_FORMAT")
        return field.export(instance)

    def changes(self, line):
        after = self.cells(line.instance, line.groups_before if line.groups is None else line.groups)
        before = [""] * len(after) if line.original is None else self.cells(line.original, line.groups_before)
        changes = []
        for (field, model_field), old, new in zip(self.columns, before, after, strict=True):
            if old == new or field.column_name == "status_date":
                continue
            heading = capfirst(model_field.verbose_name) if model_field is not None else field.column_name
            if field.column_name == "status" and line.entry is not None and line.entry.status is not None:
                # A status change is a new entry in the history, not an edit of a cell: it has its day.
                new = _("%(status)s, dated %(date)s") % {
                    "status": new,
                    "date": formats.date_format(line.entry.date, "DATE_FORMAT"),
                }
            changes.append((heading, old, new))
        return changes


def _takes_text_as_is(field):
    return type(field.widget) is widgets.Widget and field.default is NOT_PROVIDED and field.saves_null_values


class LineResult(RowResult):
    """One line of the file: its recommendation with the file's values, what importing it does, and its
    outcome for the admin and the command. What it changes is worked out when the preview reads it, not
    for each of thousands of lines.

    ``problems`` are the line's messages by field; ``groups`` may be shared with other lines naming the
    same workgroups in the same cycle, and is never changed.
    """

    def __init__(self, preview, number, row, instance, original, groups_before):
        super().__init__()
        self.preview = preview
        self.number = number
        self.row = row
        self.instance = instance
        self.original = original
        self.groups_before = groups_before
        # The workgroups the file gives; None when it leaves them as they are.
        self.groups = None
        self.problems = {}
        self.import_type = RowResult.IMPORT_TYPE_NEW if original is None else RowResult.IMPORT_TYPE_UPDATE
        self.entry = None

    @property
    def changes(self):
        """(column, before, after) for each column the line changes; every filled column of a new one."""
        return self.preview.changes(self) if self.is_valid() else []
