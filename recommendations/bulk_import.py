"""The stocktaking import in bulk: the whole file checked against what it names, then written at once.

``RecommendationResource.import_data`` reads a dataset into an :class:`ImportPlan` with a fixed
number of queries, whatever the number of lines: the cycles and themes once, the workgroups of the
cycles the file names once, and the recommendations it names in one query (locked when the import
will write). Each line goes through the resource's own fields and widgets, so their messages are
the messages, then through the model's field validation, the uniqueness of references and the
model's check constraints, in Python. A plan without problems is written by
``services.import_recommendations``; ``result`` is the django-import-export ``Result`` that the
admin's preview and confirmation and the import command read.
"""

import contextlib
import copy
import gc
import logging

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, router, transaction
from django.db.models import CheckConstraint, F, Q
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import exceptions, widgets
from import_export.fields import NOT_PROVIDED, Field
from import_export.resources import Diff
from import_export.results import Result, RowResult

from workgroups.models import Cycle, Theme, Workgroup

from . import imports, services
from .models import Recommendation, RecommendationWorkgroup

logger = logging.getLogger(__name__)


def import_dataset(resource, dataset, *, dry_run, raise_errors, user):
    """Import ``dataset`` through ``resource``: every line, or none when one has a problem or on a dry run."""
    lines = getattr(dataset, "lines", None) or list(range(2, len(dataset) + 2))
    with _no_cycle_collection(), transaction.atomic():
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
                # Checked as a whole beforehand, a file fails here only when another change of the same
                # recommendations (a reference created meanwhile) commits first: said in plain words.
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
    result.problems = imports.describe_problems(result, lines)
    return result


@contextlib.contextmanager
def _no_cycle_collection():
    """Python's cycle collector paused while an import runs.

    An import makes some ten objects a line that all live until it ends: the collector would walk the
    whole heap several times for nothing (a quarter of the time of 10,000 lines). Reference counting
    still frees what is dropped; cycles wait for the collector's next run. It is only switched back
    on by the import that switched it off, so that imports overlapping in threads end with it on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
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
        named = {self.find(Cycle, name) for name in dataset["cycle"]} if "cycle" in dataset.headers else set()
        cycles = {cycle.pk for cycle in named if cycle is not None} | set(cycles)
        groups = Workgroup.objects.filter(cycle__in=cycles)
        self.groups = {}
        for group in groups.select_related("cycle"):
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


class Line:
    """One line of the file: its recommendation with the file's values, and what importing it does."""

    def __init__(self, number, row, instance, original):
        self.number = number
        self.row = row
        self.instance = instance
        self.original = original
        self.errors = {}
        self.import_type = RowResult.IMPORT_TYPE_NEW if original is None else RowResult.IMPORT_TYPE_UPDATE
        self.entry = None


class ImportPlan:
    """What importing a dataset does, line by line, read with a fixed number of queries; ``apply`` writes it."""

    def __init__(self, resource, dataset, *, lock):
        self.resource = resource
        self.result = Result()
        self.result.diff_headers = resource.get_diff_headers()
        self.result.total_rows = len(dataset)
        self.lines = []
        try:
            resource._check_import_id_fields(dataset.headers)
        except Exception as error:
            resource.handle_import_error(self.result, error)
            return
        self.fields = [field for field in resource.get_import_fields() if field.column_name in dataset.headers]
        # ``Field.save`` of a plain field is ``setattr`` of what its widget reads in the cell, and that
        # depends on the text alone: each distinct text is read once (``read``), and the text of a plain
        # widget is taken as it is (``read`` is None). Other fields save themselves.
        self.readers = []
        for field in self.fields:
            if type(field) is not Field or "__" in field.attribute:
                self.readers.append((field, None, None))
            elif type(field.widget) is widgets.Widget and field.default is NOT_PROVIDED and field.saves_null_values:
                self.readers.append((field, field.attribute, None))
            else:
                self.readers.append((field, field.attribute, {}))
        self.checks = ModelChecks(Recommendation, [field.attribute for field in self.fields])
        references = [reference for reference in dataset["reference"] if reference]
        if lock:
            existing = services.lock_for_import(references)
        else:
            found = Recommendation.objects.filter(reference__in=references).order_by()
            existing = {item.reference: item for item in found}
        self.known = Known(dataset, [item.cycle_id for item in existing.values()])
        self.groups_before = self._groups_of(existing.values())
        self.blank = Recommendation()
        # Where it will be written, as assigning a cycle would otherwise ask the router on every line.
        self.blank._state.db = router.db_for_write(Recommendation)
        self.today = timezone.localdate()
        seen = set()
        for number, values in enumerate(dataset, 1):
            row = dict(zip(dataset.headers, values))
            line = self._read(number, row, existing.get(row["reference"]), seen)
            if line.errors:
                line.import_type = RowResult.IMPORT_TYPE_INVALID
            self.lines.append(line)
            self._report(line)

    def _groups_of(self, recommendations):
        recommendations = {item.pk: item for item in recommendations}
        groups = {pk: [] for pk in recommendations}
        if recommendations:
            links = RecommendationWorkgroup.objects.filter(recommendation_id__in=recommendations).select_related(
                "workgroup"
            )
            for link in links.order_by("workgroup__name"):
                groups[link.recommendation_id].append(link.workgroup)
        return groups

    def _read(self, number, row, instance, seen):
        """The line's recommendation with the file's values, as the resource's fields read them.

        ``seen`` holds the references of the lines before: a reference is unique within the file too.
        """
        duplicate = row["reference"] in seen
        seen.add(row["reference"])
        original = None
        if instance is None:
            instance = _blank_like(self.blank)
        else:
            self._attach(instance)
            original = copy.copy(instance)
            original.imported_workgroups = self.groups_before[instance.pk]
        line = Line(number, row, instance, original)
        before = None if original is None else self.checks.values(instance)
        status = instance.status
        instance.status_before = (instance.status, instance.status_date)
        for field, attribute, read in self.readers:
            try:
                if attribute is None:
                    field.save(instance, row, known=self.known)
                    continue
                text = row[field.column_name]
                if read is None:
                    setattr(instance, attribute, text)
                    continue
                if text not in read:
                    read[text] = self._read_cell(field, text)
                value = read[text]
                if isinstance(value, ValueError):
                    raise value
                if value is not None or field.saves_null_values:
                    setattr(instance, attribute, value)
            except ValueError as error:
                line.errors[field.attribute] = [str(error)]
        if instance.status != status and not row.get("status_date"):
            instance.status_date = self.today  # a status change the file does not date is dated today
        if original is not None:
            self.resource.check_status_date(instance, line.errors)
        groups = getattr(instance, "imported_workgroups", None)
        if original is not None and groups is None:
            instance.imported_workgroups = original.imported_workgroups
        if original is not None and not line.errors:
            same_groups = groups is None or {group.pk for group in groups} == {
                group.pk for group in original.imported_workgroups
            }
            if same_groups and self.checks.values(instance) == before:
                line.import_type = RowResult.IMPORT_TYPE_SKIP
                return line
            if same_groups:
                groups = None
        self.checks.validate(instance, line.errors)
        if duplicate and "reference" not in line.errors:
            line.errors["reference"] = instance.unique_error_message(Recommendation, ["reference"]).messages
        if not line.errors:
            changed = original is None or instance.status != status
            if original is None:
                groups = instance.imported_workgroups = list(groups or ())
            line.entry = services.Imported(
                instance,
                workgroups=groups,
                status=instance.status if changed else None,
                date=(instance.status_date or self.today) if changed else None,
            )
        return line

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
        row_result = LineResult(self.resource, line, self.blank)
        if line.errors:
            row_result.validation_error = ValidationError(line.errors)
            self.result.append_invalid_row(line.number, line.row, row_result.validation_error)
        self.result.increment_row_result_total(row_result)
        self.result.append_row_result(row_result)

    @property
    def changes(self):
        return [line.entry for line in self.lines if line.entry is not None]

    def apply(self, user):
        services.import_recommendations(self.changes, user=user)


def _blank_like(blank):
    """A new instance like ``blank`` (with its defaults), a few times faster than initialising a model."""
    instance = blank.__class__.__new__(blank.__class__)
    instance.__dict__.update(blank.__dict__)
    instance._state = ModelState()
    instance._state.db = blank._state.db
    return instance


class LineResult(RowResult):
    """A line's outcome for the admin and the command. What only some pages show (the difference, the
    record's key and name) is worked out when it is read, not for each of thousands of lines."""

    def __init__(self, resource, line, blank):
        # Not RowResult's own __init__: the same attributes, without their cost on every line.
        self.errors = []
        self.validation_error = None
        self.row_values = {}
        self._diff = None
        self.resource = resource
        self.blank = blank
        self.import_type = line.import_type
        self.instance = line.instance
        self.original = line.original

    @property
    def diff(self):
        if self._diff is None and self.is_valid():
            diff = Diff(self.resource, self.original or self.blank, self.is_new())
            diff.compare_with(self.resource, self.instance)
            self._diff = diff.as_html()
        return self._diff

    @diff.setter
    def diff(self, value):
        self._diff = value

    @property
    def object_id(self):
        return self.instance.pk

    @property
    def object_repr(self):
        return str(self.instance)


class ModelChecks:
    """What ``full_clean`` checks of a model's instances, without a query per instance.

    The fields named are cleaned by their own ``clean`` (required, lengths, patterns, choices), once per
    distinct value; a foreign key that holds a record read from the database is taken as existing. The
    check constraints are judged in Python, as SQL would judge them: a comparison with an empty value
    is unknown, and only a false condition is a violation. Uniqueness is the caller's: here the
    reference, among the lines of one file and against the records found by reference.
    """

    def __init__(self, model, names):
        meta = model._meta
        self.fields = [meta.get_field(name) for name in dict.fromkeys(names) if _is_concrete(meta, name)]
        self.attnames = [field.attname for field in self.fields]
        # Each distinct value is cleaned once per field.
        self.cleaning = [(field, field.name, field.attname, {}) for field in self.fields]
        self.constraints = [
            (constraint, sorted(_names_in(constraint.condition)))
            for constraint in meta.constraints
            if isinstance(constraint, CheckConstraint)
        ]
        self.attname_of = {
            name: (meta.pk if name == "pk" else meta.get_field(name)).attname
            for _constraint, names in self.constraints
            for name in names
        }
        # The values the constraints read, and the constraints they break: most lines share them.
        self.constrained = sorted(self.attname_of)
        self.broken = {}

    def values(self, instance):
        return [getattr(instance, attname) for attname in self.attnames]

    def validate(self, instance, errors):
        for field, name, attname, cleaned in self.cleaning:
            if errors and name in errors:
                continue
            raw = getattr(instance, attname)
            if raw is not None and field.is_relation:
                continue
            if field.blank and raw in field.empty_values:
                continue
            try:
                outcome = cleaned[raw]
            except KeyError:
                outcome = cleaned[raw] = self._clean(field, raw, instance)
            except TypeError:  # not hashable: cleaned each time
                outcome = self._clean(field, raw, instance)
            if isinstance(outcome, ValidationError):
                errors[name] = outcome.messages
            else:
                setattr(instance, attname, outcome)
        if errors:
            broken = self._broken(instance, exclude=set(errors))
        else:
            key = tuple(getattr(instance, self.attname_of[name]) for name in self.constrained)
            if key not in self.broken:
                self.broken[key] = self._broken(instance, exclude=set())
            broken = self.broken[key]
        if broken:
            errors.setdefault(NON_FIELD_ERRORS, []).extend(broken)

    def _broken(self, instance, *, exclude):
        """The messages of the check constraints ``instance`` breaks, but those on fields in ``exclude``."""
        broken = []
        for constraint, names in self.constraints:
            if not exclude.isdisjoint(names):
                continue
            values = {name: getattr(instance, self.attname_of[name]) for name in names}
            if _truth(constraint.condition, values) is False:
                broken.append(str(constraint.get_violation_error_message()))
        return broken

    @staticmethod
    def _clean(field, raw, instance):
        try:
            return field.clean(raw, instance)
        except ValidationError as error:
            return error


def _is_concrete(meta, name):
    return any(field.name == name for field in meta.concrete_fields)


def _names_in(condition):
    names = set()
    for child in condition.children:
        if isinstance(child, Q):
            names |= _names_in(child)
        else:
            lookup, expected = child
            names.add(lookup.split("__")[0])
            if isinstance(expected, F):
                names.add(expected.name)
    return names


COMPARISONS = {
    "exact": lambda actual, expected: actual == expected,
    "in": lambda actual, expected: actual in expected,
    "gt": lambda actual, expected: actual > expected,
    "gte": lambda actual, expected: actual >= expected,
    "lt": lambda actual, expected: actual < expected,
    "lte": lambda actual, expected: actual <= expected,
}


def _truth(condition, values):
    """True, False or None (unknown) for a ``Q`` of plain comparisons, by SQL's three-valued logic."""
    results = []
    for child in condition.children:
        if isinstance(child, Q):
            results.append(_truth(child, values))
            continue
        lookup, expected = child
        name, _, kind = lookup.partition("__")
        if kind not in COMPARISONS and kind != "":
            raise ValueError(f"The import cannot check “{lookup}” in Python; add it to bulk_import.COMPARISONS.")
        actual = values[name]
        expected = values[expected.name] if isinstance(expected, F) else expected
        unknown = actual is None or expected is None
        results.append(None if unknown else COMPARISONS[kind or "exact"](actual, expected))
    if condition.connector == Q.AND:
        result = False if False in results else None if None in results else True
    elif condition.connector == Q.OR:
        result = True if True in results else None if None in results else False
    else:
        raise ValueError(f"The import cannot check a {condition.connector} condition in Python.")
    if condition.negated and result is not None:
        result = not result
    return result
