"""Figures of follow-up: of a theme's, cycle's or office's published recommendations, how many a published
project answers that is running or finished, and how many were executed without any project (which is fine:
not every recommendation needs one)."""

import dataclasses

from django.db.models import Count, Q

from recommendations.models import Status

from .models import Project, State


@dataclasses.dataclass(frozen=True)
class FollowUp:
    total: int
    running: int  # with a running project
    finished: int  # with a finished project, none running
    executed_without: int  # executed, answered by no published project

    @property
    def answered(self):
        return self.running + self.finished


def follow_up(recommendations, figures):
    """The follow-up of ``recommendations`` (published ones, whose ``figures`` the page has already), read
    from the links to published projects: a few per recommendation at most, where a condition checked on
    each recommendation would read them all."""
    links = Project.recommendations.through.objects.filter(
        project__published=True, recommendation__in=recommendations.order_by().values("pk")
    )
    counted = links.aggregate(
        running=Count("recommendation", distinct=True, filter=Q(project__state=State.RUNNING)),
        answered=Count("recommendation", distinct=True, filter=Q(project__state__in=[State.RUNNING, State.FINISHED])),
        executed_with=Count("recommendation", distinct=True, filter=Q(recommendation__status=Status.EXECUTED)),
    )
    return FollowUp(
        total=figures.total,
        running=counted["running"],
        finished=counted["answered"] - counted["running"],
        executed_without=figures.executed - counted["executed_with"],
    )
