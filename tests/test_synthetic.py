"""Synthetic data is as consistent as data written through the services."""

from io import StringIO

from django.core.management import call_command
from django.db.models import F, OuterRef, Subquery

from recommendations.models import BoardDecision, ProgressUpdate, Recommendation


def test_synthetic_data_keeps_every_rule_of_the_register(db):
    call_command("generate_synthetic", "--recommendations", "700", "--batch-size", "300", stdout=StringIO())
    assert Recommendation.objects.count() == 700
    newest = ProgressUpdate.objects.filter(recommendation=OuterRef("pk")).order_by("-date", "-id")
    newest_decision = BoardDecision.objects.filter(recommendation=OuterRef("pk")).order_by("-meeting_date", "-id")
    annotated = Recommendation.objects.annotate(
        newest_status=Subquery(newest.values("status")[:1]),
        newest_date=Subquery(newest.values("date")[:1]),
        newest_decision=Subquery(newest_decision.values("decision")[:1]),
    )
    assert not annotated.exclude(status=F("newest_status"), status_date=F("newest_date")).exists()
    assert not annotated.exclude(latest_decision=F("newest_decision")).exists()
    refused = BoardDecision.objects.filter(decision="refused")
    assert refused.exists()
    assert not refused.exclude(updates__status="rejected").exists()
    assert Recommendation.objects.filter(workgroups__isnull=True).count() == 0


def test_a_second_run_adds_rather_than_clashes(db):
    call_command("generate_synthetic", "--recommendations", "50", stdout=StringIO())
    call_command("generate_synthetic", "--recommendations", "50", stdout=StringIO())
    assert Recommendation.objects.count() == 100
