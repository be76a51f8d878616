"""The digest run: what changed since each follower's last digest, one mail per follower.

Sealing numbers the events committed so far with the next run (a change still in its transaction is
invisible to it and gets a later run), under a lock of the clock, so that runs are numbered in the order they
sealed. A follower told up to run N is told next the events of runs after N: none is lost, none told twice.
Each batch of followers writes their mails and their new run in one transaction.
"""

import datetime

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from projects.models import Project
from recommendations.models import RecommendationWorkgroup

from . import mails, tasks
from .models import DigestClock, Event, Follower, Frequency, Kind, Mail, Subscription

# The least time between two digests: an hourly run sends a daily digest at about the same hour each day.
LEAST_INTERVAL = {
    Frequency.DAILY: datetime.timedelta(hours=23),
    Frequency.WEEKLY: datetime.timedelta(days=7) - datetime.timedelta(hours=1),
}
BATCH = 500


def seal():
    """Give the events committed so far the next run's number, and return it."""
    with transaction.atomic():
        clock, _created = DigestClock.objects.select_for_update().get_or_create(pk=1)
        clock.run += 1
        Event.objects.filter(run__isnull=True).update(run=clock.run)
        clock.save(update_fields=["run"])
    return clock.run


def due(now, force=False):
    """Confirmed followers whose last digest is old enough for another (any, with ``force``)."""
    followers = Follower.objects.filter(confirmed_at__isnull=False)
    if force:
        return followers
    waited = Q(last_digest_at__isnull=True)
    for frequency, interval in LEAST_INTERVAL.items():
        waited |= Q(frequency=frequency, last_digest_at__lte=now - interval)
    return followers.filter(waited)


class EventIndex:
    """The events of published recommendations and projects sealed in runs ``(low, high]``, by what they touch."""

    def __init__(self, low, high):
        events = list(
            Event.objects.filter(run__gt=low, run__lte=high)
            .select_related("recommendation", "progress", "decision", "project", "project_update")
            .order_by("id")
        )
        recommendations = {event.recommendation_id for event in events if event.recommendation_id}
        projects = {event.project_id for event in events if event.project_id}
        groups = {}
        for recommendation, group, office in RecommendationWorkgroup.objects.filter(
            recommendation_id__in=recommendations
        ).values_list("recommendation_id", "workgroup_id", "workgroup__office_id"):
            groups.setdefault(recommendation, []).append((Kind.WORKGROUP, group))
            if office:
                groups[recommendation].append((Kind.OFFICE, office))
        offices = {}
        for project, office in Project.offices.through.objects.filter(project_id__in=projects).values_list(
            "project_id", "office_id"
        ):
            offices.setdefault(project, []).append((Kind.OFFICE, office))
        self.by_key = {}
        for event in events:
            for key in self.keys(event, groups, offices):
                self.by_key.setdefault(key, []).append(event)

    @staticmethod
    def keys(event, groups, offices):
        if event.project_id:
            if not event.project.published:
                return []
            return [(Kind.PROJECT, event.project_id), *offices.get(event.project_id, [])]
        recommendation = event.recommendation
        if not recommendation.published:
            return []
        return [
            (Kind.RECOMMENDATION, recommendation.pk),
            (Kind.THEME, recommendation.theme_id),
            (Kind.CYCLE, recommendation.cycle_id),
            *set(groups.get(recommendation.pk, [])),
        ]

    def followed(self):
        """A ``Q`` of the confirmed subscriptions to something these events touch."""
        targets = {}
        for kind, target in self.by_key:
            targets.setdefault(kind, set()).add(target)
        found = Q(pk__in=[])
        for kind, keys in targets.items():
            found |= Q(kind=kind, target_id__in=sorted(keys))
        return found & Q(confirmed_at__isnull=False)

    def told(self, after_run, subscriptions):
        """The events after ``after_run`` that touch one of ``subscriptions`` since it was confirmed, oldest first."""
        found = {}
        for subscription in subscriptions:
            for event in self.by_key.get((subscription.kind, subscription.target_id), []):
                if event.run > after_run and event.at >= subscription.confirmed_at:
                    found[event.pk] = event
        return [found[key] for key in sorted(found)]


def compose(now=None, force=False, batch=BATCH):
    """Seal a run and write the digest of every follower due who has something to be told; the mails written."""
    now = now or timezone.now()
    run = seal()
    waiting = due(now, force).filter(told_run__lt=run)
    low = waiting.aggregate(low=Min("told_run"))["low"]
    if low is None:
        return 0
    index = EventIndex(low, run)
    if not index.by_key:
        return 0
    candidates = sorted(
        set(Subscription.objects.filter(index.followed(), follower__in=waiting).values_list("follower_id", flat=True))
    )
    written = 0
    for start in range(0, len(candidates), batch):
        with transaction.atomic():
            chunk = candidates[start : start + batch]
            # Locked, and due again: another run may have told some of them meanwhile.
            followers = list(
                due(now, force)
                .filter(pk__in=chunk, told_run__lt=run)
                .select_for_update(skip_locked=True)
                .order_by("pk")
            )
            subscriptions = {}
            for subscription in Subscription.objects.filter(follower__in=followers, confirmed_at__isnull=False):
                subscriptions.setdefault(subscription.follower_id, []).append(subscription)
            outbox = []
            for follower in followers:
                events = index.told(follower.told_run, subscriptions.get(follower.pk, []))
                if events:
                    outbox.append(mails.digest(follower, events))
            Mail.objects.bulk_create(outbox, batch_size=BATCH)
            Follower.objects.filter(pk__in=[mail.follower_id for mail in outbox]).update(
                told_run=run, last_digest_at=now
            )
            if outbox:
                tasks.schedule()
        written += len(outbox)
    return written


def prune(now=None):
    """Forget what no one needs any more: sent mails after 90 days, requests never confirmed after their link
    expired, and events every follower has been told."""
    now = now or timezone.now()
    Mail.objects.filter(sent_at__lt=now - datetime.timedelta(days=90)).delete()
    Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=now - datetime.timedelta(days=8)).delete()
    told = Follower.objects.filter(confirmed_at__isnull=False).aggregate(low=Min("told_run"))["low"]
    # A follower who confirms later is told from the run then: sealed events are no news to them.
    Event.objects.filter(run__isnull=False, **({} if told is None else {"run__lte": told})).delete()
