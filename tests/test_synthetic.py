"""Synthetic data is as consistent as data written through the services."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F, OuterRef, Subquery

from recommendations.models import BoardDecision, Recommendation

from .support import recorded_statuses, statuses_from_history


def test_synthetic_data_keeps_every_rule_of_the_register(db):
    call_command("generate_synthetic", "--recommendations", "700", "--batch-size", "300", stdout=StringIO())
    assert Recommendation.objects.count() == 700
    assert recorded_statuses() == statuses_from_history()
    newest_decision = BoardDecision.objects.filter(recommendation=OuterRef("pk")).order_by("-meeting_date", "-id")
    annotated = Recommendation.objects.annotate(newest_decision=Subquery(newest_decision.values("decision")[:1]))
    assert not annotated.exclude(latest_decision=F("newest_decision")).exists()
    refused = BoardDecision.objects.filter(decision="refused")
    assert refused.exists()
    assert not refused.exclude(updates__status="rejected").exists()
    assert Recommendation.objects.filter(workgroups__isnull=True).count() == 0


def test_a_second_run_adds_rather_than_clashes(db):
    call_command("generate_synthetic", "--recommendations", "50", stdout=StringIO())
    call_command("generate_synthetic", "--recommendations", "50", stdout=StringIO())
    assert Recommendation.objects.count() == 100


def test_synthetic_projects_answer_synthetic_recommendations_and_keep_the_rules_of_a_project(db, client):
    from django.core.management.base import CommandError

    from projects.models import ENDED, Project

    with pytest.raises(CommandError, match="run generate_synthetic first"):
        call_command("generate_synthetic_projects", "--projects", "5", stdout=StringIO())
    call_command("generate_synthetic", "--recommendations", "60", stdout=StringIO())
    call_command("generate_synthetic_projects", "--projects", "120", "--batch-size", "50", stdout=StringIO())
    assert Project.objects.count() == 120
    assert not Project.objects.filter(recommendations__isnull=True).exists()
    assert not Project.objects.filter(offices__isnull=True).exists()
    assert not Project.objects.filter(state__in=ENDED, end_date__isnull=True).exists()
    for project in Project.objects.all():
        project.full_clean()
    assert Project.objects.filter(published=False).count() == 3
    shown = Project.objects.filter(published=True).order_by("slug").first()
    assert client.get(shown.get_absolute_url()).status_code == 200
