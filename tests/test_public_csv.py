"""The public list as CSV: what the list shows for the same filters, published only, nothing internal."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from recommendations import services
from recommendations.filters import RecommendationFilter
from recommendations.models import Recommendation, Status

from .support import queries_of

URL = reverse("recommendation_export_csv")
COLUMNS = [
    "reference",
    "title",
    "cycle",
    "theme",
    "workgroups",
    "country",
    "status",
    "status_date",
    "decision_be",
    "decision_fr",
]


def rows_of(client, params=None):
    response = client.get(URL, params or {})
    assert response.status_code == 200
    header, *rows = csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"), newline=""))
    assert header == COLUMNS
    return [dict(zip(header, row)) for row in rows]


def published_list(params):
    """The list page's recommendations for the same filters: the shared FilterSet on published ones."""
    filterset = RecommendationFilter(params, queryset=Recommendation.objects.published())
    assert filterset.is_valid()
    return list(filterset.qs.values_list("reference", flat=True))


@pytest.fixture
def register(make_recommendation, process):
    make_recommendation(reference="2020-BE-01", status=Status.EXECUTED, directorate="Finance")
    make_recommendation(reference="2020-BE-02", published=False)
    make_recommendation(
        reference="2020-FR-01", country="FR", theme=process["gender"], workgroups=[process["online_group"]]
    )
    make_recommendation(
        reference="2018-BE-01", cycle=process["old"], theme=process["gender"], workgroups=[process["old_group"]]
    )
    both = make_recommendation(
        reference="2020-FR-02",
        country="FR",
        title="Shared spaces",
        workgroups=[process["nantes_group"], process["lyon_group"]],
    )
    services.record_decision(both, board="BE", meeting_date=datetime.date(2020, 6, 20), decision="accepted")
    services.record_decision(both, board="FR", meeting_date=datetime.date(2020, 6, 25), decision="refused")


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"cycle": "2019-2020"},
        {"theme": "gender-equality"},
        {"workgroup": "activity-lyon"},
        {"office": "nantes"},
        {"country": "FR"},
        {"status": "rejected"},
        {"decision": "refused"},
        {"q": "shared"},
        {"sort": "-reference"},
        {"cycle": "2019-2020", "country": "BE", "sort": "title"},
    ],
)
def test_public_csv_lists_what_the_public_list_shows(client, register, params):
    assert [row["reference"] for row in rows_of(client, params)] == published_list(params)


def test_public_csv_holds_no_unpublished_recommendation_and_no_internal_field(client, register):
    content = b"".join(client.get(URL).streaming_content).decode("utf-8-sig")
    assert "2020-BE-02" not in content
    assert "Finance" not in content


def test_public_csv_gives_each_boards_latest_decision(client, register):
    row = {row["reference"]: row for row in rows_of(client)}["2020-FR-02"]
    assert (row["decision_be"], row["decision_fr"], row["status"], row["status_date"]) == (
        "accepted",
        "refused",
        "rejected",
        "2020-06-25",
    )
    assert row["workgroups"] == "Activity (Lyon) | Activity (Nantes)"
    assert (row["cycle"], row["theme"]) == ("2019-2020", "Consolidating my activity")


@pytest.mark.parametrize("params", [{"cycle": "1999"}, {"theme": "nope"}, {"status": "done"}, {"sort": "secret"}])
def test_public_csv_refuses_invalid_filters_with_400(client, register, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith("These filters are not valid: ")


def test_public_csv_costs_the_same_queries_for_5_or_50_rows(client, make_recommendation, process):
    counts = []
    for size, total in ((5, 5), (45, 50)):
        for _ in range(size):
            make_recommendation(workgroups=[process["nantes_group"], process["lyon_group"]])
        count, rows = queries_of(rows_of, client, {"cycle": "2019-2020"})
        assert len(rows) == total
        counts.append(count)
    assert counts[0] == counts[1] <= 3
