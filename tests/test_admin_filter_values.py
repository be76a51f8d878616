"""Hostile values in the admin lists' filters: the list, or Django's "?e=1" redirect, never a server error."""

import datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.test import Client

from recommendations import services
from recommendations.models import Decision, Recommendation, Status

CHANGELISTS = [
    "recommendations/recommendation",
    "recommendations/boarddecision",
    "recommendations/progressupdate",
    "admin/logentry",
    "workgroups/office",
    "workgroups/cycle",
    "workgroups/theme",
    "workgroups/workgroup",
]
# A digit that str.isdigit accepts and int() refuses, NUL (which PostgreSQL refuses), and a long value.
HOSTILE = ["²", "\x00", "1\x00", "٣", "x" * 100_000]


def parameters(changelist):
    """Every query parameter the list reads: each filter's, the date drill-down, search, order and page."""
    names = {name for spec in changelist.filter_specs for name in spec.expected_parameters()}
    if changelist.date_hierarchy:
        names |= {f"{changelist.date_hierarchy}__{part}" for part in ("year", "month", "day")}
    return sorted(names | {"q", "o", "p", "all"})


@pytest.fixture
def rows(root, recommendation):
    services.record_decision(
        recommendation, board="BE", meeting_date=datetime.date(2020, 9, 1), decision=Decision.ACCEPTED, user=root
    )
    services.record_progress(recommendation, status=Status.EXECUTED, date=datetime.date(2021, 1, 1), user=root)
    LogEntry.objects.log_actions(
        user_id=root.pk, queryset=[recommendation], action_flag=CHANGE, change_message="Changed."
    )


@pytest.mark.parametrize("model", CHANGELISTS)
def test_hostile_filter_values_never_give_a_server_error(root, rows, model):
    # A server error is an answer to count here, not an exception to stop at.
    client = Client(raise_request_exception=False)
    client.force_login(root)
    url = f"/admin/{model}/"
    first = client.get(url)
    assert first.status_code == 200
    names = parameters(first.context["cl"])
    assert len(names) > 4, names
    failures = []
    for name in names:
        for value in HOSTILE:
            for query in ({name: value}, {"cycle__id__exact": "1", name: value}):
                response = client.get(url, query)
                fine = response.status_code == 200 or (
                    response.status_code == 302 and response["Location"].endswith("?e=1")
                )
                if not fine:
                    failures.append((name, value[:10], sorted(query), response.status_code))
    assert failures == [], "\n".join(map(repr, failures))
    assert Recommendation.objects.count() == 1


def test_other_admin_pages_refuse_nul_with_a_400(root, recommendation):
    client = Client(raise_request_exception=False)
    client.force_login(root)
    query = {"app_label": "recommendations", "model_name": "recommendation", "field_name": "revisits"}
    assert client.get("/admin/autocomplete/", {**query, "term": "2020"}).status_code == 200
    response = client.get("/admin/autocomplete/", {**query, "term": "20\x0020"}, headers={"accept-language": "nl"})
    assert response.status_code == 400
    assert "beheeromgeving" in response.content.decode()
