"""Figures of follow-up: of a theme's, cycle's or office's published recommendations, how many a published
project answers that is running or finished, and how many were executed without any project (which is fine:
not every recommendation needs one)."""

import dataclasses

from django.db.models import Count, Exists, OuterRef, Q

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


def follow_up(recommendations):
    """The follow-up of ``recommendations`` (published ones), read in one query."""
    links = Project.recommendations.through.objects.filter(recommendation=OuterRef("pk"), project__published=True)
    counted = recommendations.order_by().aggregate(
        total=Count("pk"),
        running=Count("pk", filter=Q(Exists(links.filter(project__state=State.RUNNING)))),
        answered=Count("pk", filter=Q(Exists(links.filter(project__state__in=[State.RUNNING, State.FINISHED])))),
        executed_without=Count("pk", filter=Q(status=Status.EXECUTED) & ~Q(Exists(links))),
    )
    return FollowUp(
        total=counted["total"],
        running=counted["running"],
        finished=counted["answered"] - counted["running"],
        executed_without=counted["executed_without"],
    )
