"""Every state change of a recommendation: creation, status, the boards' decisions, the import in bulk.

Nothing else writes ``status``, ``status_date``, ``latest_decision`` or a board's own (``decision_be``,
``decision_fr``). Each function runs in one
transaction and locks the data version, then the recommendations, in that order.
"""

import contextlib
import dataclasses
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.utils.translation import gettext as _

from workgroups.languages import reader_language
from workgroups.models import Country

from . import bulk, search
from .models import (
    DECISION_COLUMNS,
    NEWEST_DECISION_FIRST,
    NEWEST_UPDATE_FIRST,
    STATUS_AFTER_DECISION,
    BoardDecision,
    DataVersion,
    ProgressUpdate,
    Recommendation,
    RecommendationWorkgroup,
)

# Sent in the transaction of a change that adds progress updates in bulk, where no ``post_save`` is sent, with
# ``recommendations`` the keys of those whose history grew: apps above this one hear of it without being imported.
history_added = Signal()


def note_change():
    """Move the data version on, in the current transaction, so that cached figures are read afresh.

    Every change calls it before locking any recommendation: the version row is then always locked
    first, and two changes cannot each wait for a row the other holds.
    """
    if not DataVersion.objects.filter(pk=1).update(number=F("number") + 1):
        DataVersion.objects.create(pk=1, number=1)


def lock_recommendation(recommendation):
    """Lock the recommendation's row until the transaction ends; every change locks it first."""
    note_change()
    return Recommendation.objects.select_for_update().only("pk").get(pk=recommendation.pk)


class EditConflict(Exception):
    """Someone saved the record after the editor loaded it; saving would silently undo their change."""

    def __init__(self, current_version):
        super().__init__(f"The record is now at version {current_version}.")
        self.current_version = current_version


def lock_version(instance, seen_version=None):
    """Lock the row until the transaction ends and return its version.

    Raises ``EditConflict`` when the editor loaded another version than the one in the database.
    """
    with transaction.atomic():
        current = type(instance).objects.select_for_update().values_list("version", flat=True).get(pk=instance.pk)
    if seen_version is not None and seen_version != current:
        raise EditConflict(current)
    return current


@transaction.atomic
def save_recommendation(recommendation, *, seen_version):
    """Save an edit of a recommendation's own fields, made on the version ``seen_version``.

    Status, status date and latest decision are not written: they follow the history, which a
    board secretary may have moved while the form was open.
    """
    note_change()
    recommendation.version = lock_version(recommendation, seen_version) + 1
    recommendation.save(update_fields=[*own_fields(), "version", "updated_at"])
    return recommendation


def own_fields():
    """The fields an edit of a recommendation writes; status and decision follow its history instead."""
    return [field.name for field in Recommendation._meta.concrete_fields if field.editable and not field.primary_key]


def newest_decision(**lookups):
    """The newest decision (of a board, with ``board=``) of the recommendation of the outer query, or ""."""
    decisions = BoardDecision.objects.filter(recommendation=OuterRef("pk"), **lookups).order_by(*NEWEST_DECISION_FIRST)
    return Coalesce(Subquery(decisions.values("decision")[:1]), Value(""))


def sync_decision_columns(recommendations):
    """Bring ``latest_decision`` and each board's own (``decision_be``, ``decision_fr``) of ``recommendations``
    (a queryset) in line with their decisions, in one statement."""
    columns = {"latest_decision": newest_decision()}
    columns.update({f"decision_{board.lower()}": newest_decision(board=board) for board in Country.values})
    recommendations.update(**columns)


def sync_latest_decision(recommendation):
    """``sync_decision_columns`` for one recommendation, whose fields are then read again."""
    one = Recommendation.objects.filter(pk=recommendation.pk)
    sync_decision_columns(one)
    for name, value in one.values(*DECISION_COLUMNS).get().items():
        setattr(recommendation, name, value)


@transaction.atomic
def record_progress(recommendation, *, status, date, note="", user=None, decision=None, language=None):
    """Add a progress update and bring the recommendation's status in line with its history."""
    if date is None:
        raise ValidationError(_("A status change needs the day it took effect."))
    lock_recommendation(recommendation)
    update = ProgressUpdate.objects.create(
        **progress_update(
            recommendation, status=status, date=date, note=note, user=user, decision=decision, language=language
        )
    )
    sync_statuses([recommendation])
    return update


def progress_update(recommendation, *, status, date, note="", user=None, decision=None, language=None):
    """The values of a new progress update of ``recommendation``, recorded by ``user``; its note is
    taken to be written in ``language``, by default the writer's own."""
    return {
        "recommendation_id": recommendation.pk,
        "status": status,
        "date": date,
        "note": note,
        "language": language or reader_language(),
        "recorded_by_id": user.pk if user else None,
        "decision_id": decision.pk if decision else None,
    }


@transaction.atomic
def create_recommendation(recommendation, *, status, date, note="", workgroups=(), user=None):
    """Save a new recommendation with its first progress update."""
    recommendation.save()
    if workgroups:
        recommendation.workgroups.set(workgroups)
    record_progress(recommendation, status=status, date=date, note=note, user=user)
    return recommendation


def _apply_decision_effect(decision, user):
    """Create, correct or remove the progress update that a decision implies."""
    implied = STATUS_AFTER_DECISION.get(decision.decision)
    caused = list(decision.updates.all())
    if implied is None:
        for update in caused:
            update.delete()
    elif caused:
        for update in caused:
            update.status, update.date = implied, decision.meeting_date
            update.save(update_fields=["status", "date"])
    else:
        ProgressUpdate.objects.create(
            recommendation_id=decision.recommendation_id,
            status=implied,
            date=decision.meeting_date,
            recorded_by=user,
            decision=decision,
        )


@transaction.atomic
def save_decision(entry, *, user=None, seen_version=None):
    """Record a new board decision or save an edited one, and apply the status change it implies.

    A refusal or a postponement moves the status accordingly; correcting a decision corrects the
    progress update it caused. A decision stays with the recommendation it was recorded on: moving it
    raises ``ValidationError``. An edit made on another version than ``seen_version`` (when known)
    raises ``EditConflict``.
    """
    lock_recommendation(entry.recommendation)
    if entry.pk is None:
        entry.recorded_by = user
    else:
        # Moving it would leave the first recommendation's status and latest decision to a decision it
        # no longer has, and the second without the status change the decision implies.
        recorded_on = BoardDecision.objects.values_list("recommendation_id", flat=True).get(pk=entry.pk)
        if recorded_on != entry.recommendation_id:
            raise ValidationError(
                _(
                    "A board decision stays with the recommendation it was recorded on. Delete it and "
                    "record it on the other recommendation instead."
                )
            )
        entry.version = lock_version(entry, seen_version) + 1
    entry.full_clean()
    entry.save()
    _apply_decision_effect(entry, user)
    sync_latest_decision(entry.recommendation)
    sync_statuses([entry.recommendation])
    return entry


def record_decision(recommendation, *, user=None, **fields):
    """Record one board's decision (board, meeting_date, decision, motivation, reformulated_text), its
    texts taken to be written in ``language``, by default the writer's own."""
    fields.setdefault("language", reader_language())
    return save_decision(BoardDecision(recommendation=recommendation, **fields), user=user)


@transaction.atomic
def record_decisions(recommendations, *, user=None, reformulated_texts=None, **decision):
    """Record the same decision of one board meeting on many recommendations, all or nothing.

    ``reformulated_texts`` maps each recommendation's key to its own reformulation, when reformulated.
    """
    texts = reformulated_texts or {}
    return [
        record_decision(recommendation, user=user, reformulated_text=texts.get(recommendation.pk, ""), **decision)
        for recommendation in recommendations
    ]


@transaction.atomic
def delete_decision(entry):
    """Delete a decision together with the status change it caused."""
    recommendation = entry.recommendation
    lock_recommendation(recommendation)
    entry.delete()
    sync_latest_decision(recommendation)
    sync_statuses([recommendation])


@transaction.atomic
def delete_decisions(entries):
    """Delete many decisions, each with the status change it caused, all or nothing."""
    for entry in entries:
        delete_decision(entry)


@transaction.atomic
def change_statuses(recommendations, *, status, date, note="", user=None):
    """Give many recommendations the same new status with the same note, all or nothing."""
    return [
        record_progress(recommendation, status=status, date=date, note=note, user=user)
        for recommendation in recommendations
    ]


@transaction.atomic
def edit_progress_note(update, note, **written):
    """Correct the public note of a progress update, and ``written`` its language or translations
    (``note_fr=...``); its status and date stay, as the history they are."""
    lock_recommendation(update.recommendation)
    fields = {"note": note, **written}
    for name, value in fields.items():
        setattr(update, name, value)
    ProgressUpdate.objects.filter(pk=update.pk).update(**fields)
    return update


def can_delete_progress(update):
    """An update caused by a board decision goes with that decision; the first status cannot go."""
    if update.decision_id is not None:
        return False
    return ProgressUpdate.objects.filter(recommendation_id=update.recommendation_id).exclude(pk=update.pk).exists()


@transaction.atomic
def delete_progress(update):
    """Remove a mistaken progress update; the status falls back to the newest remaining one."""
    recommendation = update.recommendation
    lock_recommendation(recommendation)
    if not can_delete_progress(update):
        raise ValidationError(
            _("This progress update cannot be deleted: correct its board decision or add a new update.")
        )
    update.delete()
    sync_statuses([recommendation])


@transaction.atomic
def delete_recommendations(recommendations):
    """Delete recommendations with their decisions and history."""
    note_change()
    recommendations.delete()


def lock_for_import(references):
    """The recommendations with these references, locked until the transaction ends, by reference.

    The data version is locked first, as by every other change.
    """
    note_change()
    found = Recommendation.objects.with_references(references).order_by().select_for_update()
    return {recommendation.reference: recommendation for recommendation in found}


@dataclasses.dataclass
class Imported:
    """One recommendation an import writes: a new one, or a changed one locked by ``lock_for_import``.

    ``workgroups`` is None when they stay as they are; ``status`` is None when the status stays (a new
    recommendation always has one: its first).
    """

    recommendation: Recommendation
    workgroups: list | None = None
    status: str | None = None
    date: datetime.date | None = None


@transaction.atomic
def import_recommendations(entries, *, user=None):
    """Write an import in bulk, as ``create_recommendation``, ``save_recommendation`` and ``record_progress`` would.

    Call it in the transaction that called ``lock_for_import``: the data version has moved on and the
    changed recommendations are locked, so their edit versions go up by one from the locked ones.
    """
    created = [entry for entry in entries if entry.recommendation.pk is None]
    changed = [entry for entry in entries if entry.recommendation.pk is not None]
    for entry in created:
        # Its first progress update is its newest: the status mirrors it from the start.
        entry.recommendation.status, entry.recommendation.status_date = entry.status, entry.date
        for name in DECISION_COLUMNS:
            setattr(entry.recommendation, name, "")
    words = search.WordsAhead.start([entry.recommendation for entry in created])
    with words.deferred() if words else contextlib.nullcontext():
        bulk.insert(Recommendation, [entry.recommendation for entry in created])
    for entry in changed:
        entry.recommendation.version += 1
    bulk.update(Recommendation, [entry.recommendation for entry in changed], [*own_fields(), "version"])
    _set_workgroups(
        {entry.recommendation.pk: entry.workgroups for entry in entries if entry.workgroups is not None},
        created={entry.recommendation.pk for entry in created},
    )
    moved = [entry for entry in changed if entry.status is not None]
    bulk.insert_values(
        ProgressUpdate,
        [
            progress_update(entry.recommendation, status=entry.status, date=entry.date, user=user)
            for entry in [*created, *moved]
        ],
    )
    history_added.send(ProgressUpdate, recommendations=[entry.recommendation.pk for entry in [*created, *moved]])
    if moved:
        sync_statuses([entry.recommendation for entry in moved])
    if words:
        words.write()


def _set_workgroups(groups_of, *, created):
    """``workgroups.set(groups)`` of many recommendations: ``groups_of`` maps their keys to their groups."""
    wanted = {pk: list(dict.fromkeys(group.pk for group in groups)) for pk, groups in groups_of.items()}
    have = {pk: set() for pk in wanted}
    stale = []
    existing = [pk for pk in wanted if pk not in created]
    if existing:
        links = RecommendationWorkgroup.objects.filter(recommendation_id__in=existing)
        for link, recommendation, group in links.values_list("pk", "recommendation_id", "workgroup_id"):
            if group in wanted[recommendation]:
                have[recommendation].add(group)
            else:
                stale.append(link)
    if stale:
        RecommendationWorkgroup.objects.filter(pk__in=stale).delete()
    bulk.insert_values(
        RecommendationWorkgroup,
        [
            {"recommendation_id": pk, "workgroup_id": group}
            for pk, groups in wanted.items()
            for group in groups
            if group not in have[pk]
        ],
    )


def sync_statuses(recommendations):
    """Set each recommendation's status and status date from its newest progress update (by date, then
    recording order): one update, then one read of what it set, whatever the number of recommendations."""
    keys = [recommendation.pk for recommendation in recommendations]
    newest = ProgressUpdate.objects.filter(recommendation=OuterRef("pk")).order_by(*NEWEST_UPDATE_FIRST)
    Recommendation.objects.filter(pk__in=keys).update(
        status=Subquery(newest.values("status")[:1]), status_date=Subquery(newest.values("date")[:1])
    )
    synced = Recommendation.objects.filter(pk__in=keys).order_by().values_list("pk", "status", "status_date")
    found = {pk: (status, date) for pk, status, date in synced}
    for recommendation in recommendations:
        recommendation.status, recommendation.status_date = found[recommendation.pk]
