"""Backup and restore: a backup restored into an empty database gives back every record unchanged,
and the same public pages and reports, byte for byte (CSRF tokens aside)."""

import datetime
import gzip
import json
import re
from io import StringIO
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from recommendations import services
from recommendations.backup import backed_up_models
from recommendations.models import Recommendation
from recommendations.reports.reports import REPORTS
from workgroups.models import Cycle, Theme, Workgroup

from .support import admin_form_data, report_query


def every_record():
    """Each model's rows, with references by natural key where the primary key is not kept."""
    return {
        model._meta.label: sorted(
            (
                str(row)
                for row in serializers.serialize(
                    "python", model._default_manager.order_by("pk"), use_natural_foreign_keys=True
                )
            ),
        )
        for model in backed_up_models()
    }


CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


def pages_and_reports(client):
    """The public pages, the public CSV and every staff report as CSV, as a coordinator gets them."""
    client.force_login(get_user_model().objects.get_by_natural_key("charlie"))
    urls = [
        "/",
        "/?cycle=2019-2020",
        "/recommendations/",
        "/recommendations/?page=3&sort=status",
        "/recommendations/2020-BE-07/",
        Theme.objects.order_by("slug").first().get_absolute_url(),
        Cycle.objects.order_by("slug").first().get_absolute_url(),
        Workgroup.objects.order_by("slug").first().get_absolute_url(),
        "/recommendations/export.csv",
        "/recommendations/export.csv?cycle=2019-2020&sep=semicolon",
        "/stocktaking/2022/",
        *(f"/exports/{report}.csv?{urlencode(report_query(report))}" for report in REPORTS),
    ]
    answers = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = b"".join(response.streaming_content) if response.streaming else response.content
        answers[url] = CSRF_TOKEN.sub(b"", content)
    return answers


def empty_the_database():
    # PostgreSQL refuses to truncate tables with foreign-key checks still pending in this transaction.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def register(db, client, alice, bob, charlie, dave, root):
    call_command("load_demo", stdout=StringIO())
    recommendation = Recommendation.objects.get(reference="2020-BE-07")
    url = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    client.force_login(alice)
    assert client.post(url, {**admin_form_data(client.get(url)), "context": "Noted at the assembly"}).status_code == 302
    assert LogEntry.objects.exists()


def test_a_backup_holds_every_model_but_the_recreated_and_transient_ones():
    left_out = {model._meta.label for model in apps.get_models()} - {model._meta.label for model in backed_up_models()}
    assert left_out == {
        "contenttypes.ContentType",
        "auth.Permission",
        "sessions.Session",
        "axes.AccessAttempt",
        "axes.AccessAttemptExpiration",
        "axes.AccessLog",
        "axes.AccessFailureLog",
        "recommendations.DataVersion",
        "recommendations.SearchDocument",
        # Counted again by the database's triggers as the recommendations are loaded.
        "recommendations.StatusCount",
        "recommendations.YearCount",
        "recommendations.DayCount",
        "recommendations.YearTotal",
    }


def test_a_backup_restored_into_an_empty_database_gives_back_every_record_page_and_report(register, client, tmp_path):
    pages_before = pages_and_reports(client)  # first: logging in records the time in the account
    before = every_record()
    assert sum(map(len, before.values())) > 1000
    backup = tmp_path / "backup.json.gz"
    call_command("backup", str(backup), stdout=StringIO())

    empty_the_database()
    assert not any(model._default_manager.exists() for model in backed_up_models())

    call_command("restore", str(backup), stdout=StringIO())
    after = every_record()
    assert after.keys() == before.keys()
    for label, rows in before.items():
        assert after[label] == rows, label
    pages_after = pages_and_reports(client)
    for url, content in pages_before.items():
        assert pages_after[url] == content, url


def test_restore_refuses_a_database_that_holds_data(register, tmp_path):
    backup = tmp_path / "backup.json.gz"
    call_command("backup", str(backup), stdout=StringIO())
    Recommendation.objects.filter(reference="2020-BE-07").update(title="Changed after the backup")
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(backup), stdout=StringIO())
    assert Recommendation.objects.get(reference="2020-BE-07").title == "Changed after the backup"


def test_a_backup_from_before_the_boards_columns_restores_each_boards_decision(
    db, client, make_recommendation, tmp_path
):
    decided = make_recommendation(reference="2020-BE-01")
    services.record_decision(decided, board="BE", meeting_date=datetime.date(2020, 6, 10), decision="accepted")
    services.record_decision(decided, board="FR", meeting_date=datetime.date(2020, 6, 12), decision="refused")
    backup = tmp_path / "backup.json.gz"
    call_command("backup", str(backup), stdout=StringIO())
    # As a backup written before the columns existed: the recommendation without them.
    with gzip.open(backup, "rt") as stream:
        records = json.load(stream)
    for record in records:
        if record["model"] == "recommendations.recommendation":
            del record["fields"]["decision_be"], record["fields"]["decision_fr"]
    with gzip.open(backup, "wt") as stream:
        json.dump(records, stream)

    empty_the_database()
    call_command("restore", str(backup), stdout=StringIO())
    assert Recommendation.objects.values_list("latest_decision", "decision_be", "decision_fr").get() == (
        "refused",
        "accepted",
        "refused",
    )
    response = client.get("/recommendations/", {"board": "BE", "decision": "accepted"})
    assert [row.reference for row in response.context["page"].object_list] == ["2020-BE-01"]
