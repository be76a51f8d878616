"""The open data API answers what the pages show, worked out by hand on a small register: the same
recommendations for every filter of the list, the same figures, texts in the asker's language, refusals in
plain words, CORS for reading from any site, and a limit per address that a failing cache lifts.
"""

import datetime
import shutil
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.test import override_settings
from django.urls import reverse

from projects.models import Project
from recommendations import services
from recommendations.filters import RecommendationFilter
from recommendations.models import Decision, Recommendation, Status
from sip import settings as project_settings

from .support import queries_of

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from serving import redis_server  # noqa: E402

LIST = "/api/v1/recommendations/"


@pytest.fixture
def register(make_recommendation, process):
    """Five published recommendations (2 executed, 1 ongoing, 1 not executed, 1 rejected) and a hidden one."""
    make_recommendation(
        reference="2018-BE-01",
        cycle=process["old"],
        theme=process["gender"],
        workgroups=[process["old_group"]],
        status=Status.EXECUTED,
        date=datetime.date(2018, 9, 1),
    )
    make_recommendation(reference="2020-BE-01", status=Status.ONGOING, title="Shared agendas")
    make_recommendation(
        reference="2020-BE-02", status=Status.EXECUTED, workgroups=[process["lyon_group"]], title="Afterworks"
    )
    rejected = make_recommendation(
        reference="2020-FR-01",
        country="FR",
        theme=process["gender"],
        workgroups=[process["online_group"]],
        title="Crèches",
        date=datetime.date(2020, 5, 1),
    )
    services.record_decision(
        rejected, board="FR", meeting_date=datetime.date(2020, 6, 20), decision=Decision.REFUSED, motivation="Trop cher"
    )
    make_recommendation(
        reference="2020-BE-03",
        language="nl",
        title="Gedeelde werkruimtes",
        title_fr="Espaces de travail partagés",
        text="Een tekst.",
    )
    make_recommendation(reference="2020-BE-99", status=Status.EXECUTED, published=False, title="Hidden")
    return process


def every_page(client, url, **headers):
    """The records of every page of a list, following its ``next`` addresses."""
    found = []
    while url:
        response = client.get(url, **headers)
        assert response.status_code == 200, (url, response.content)
        found += response.json()["results"]
        url = response.json()["next"]
    return found


def references(client, params=None):
    return [row["reference"] for row in every_page(client, f"{LIST}?{urlencode(params or {})}")]


def test_the_list_holds_the_published_recommendations_by_reference(client, register):
    assert references(client) == ["2018-BE-01", "2020-BE-01", "2020-BE-02", "2020-BE-03", "2020-FR-01"]
    row = client.get(LIST).json()["results"][1]
    assert row == {
        "reference": "2020-BE-01",
        "title": {"text": "Shared agendas", "language": "en"},
        "cycle": "2019-2020",
        "theme": "consolidating-my-activity",
        "workgroups": ["activity-nantes"],
        "country": "BE",
        "status": "ongoing",
        "status_date": "2020-06-01",
        "latest_decision": "",
        "url": "http://testserver/api/v1/recommendations/2020-BE-01/",
        "page": "http://testserver/recommendations/2020-BE-01/",
    }


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"status": "executed"}, ["2018-BE-01", "2020-BE-02"]),
        ({"cycle": "2017-2018"}, ["2018-BE-01"]),
        ({"theme": "gender-equality"}, ["2018-BE-01", "2020-FR-01"]),
        ({"workgroup": "activity-nantes"}, ["2020-BE-01", "2020-BE-03"]),
        ({"office": "lyon"}, ["2020-BE-02"]),
        ({"country": "FR"}, ["2020-FR-01"]),
        ({"decision": "refused"}, ["2020-FR-01"]),
        ({"status": "rejected", "country": "FR"}, ["2020-FR-01"]),
        ({"q": "Afterworks"}, ["2020-BE-02"]),
        ({"sort": "title"}, ["2020-BE-02", "2020-FR-01", "2020-BE-03", "2018-BE-01", "2020-BE-01"]),
        ({"sort": "-reference"}, ["2020-FR-01", "2020-BE-03", "2020-BE-02", "2020-BE-01", "2018-BE-01"]),
        ({"sort": "-date"}, ["2020-FR-01", "2020-BE-03", "2020-BE-02", "2020-BE-01", "2018-BE-01"]),
        ({"sort": "status"}, ["2018-BE-01", "2020-BE-02", "2020-BE-03", "2020-BE-01", "2020-FR-01"]),
    ],
)
def test_each_filter_and_order_lists_what_was_worked_out_by_hand(client, register, params, expected):
    assert references(client, params) == expected


def test_every_value_of_every_filter_finds_what_the_list_page_finds(client, register):
    form = RecommendationFilter({}).form
    choices = [
        (name, value)
        for name, field in form.fields.items()
        if name != "sort"
        for value, _label in getattr(field, "choices", ())
        if value
    ]
    assert len(choices) > 15
    for name, value in choices:
        page = client.get("/recommendations/", {name: value}).context["page"]
        assert page.paginator.num_pages == 1
        listed = sorted(row.reference for row in page.object_list)
        assert sorted(references(client, {name: value})) == listed, (name, value)


def test_a_value_not_understood_is_refused_in_plain_words(client, register):
    response = client.get(LIST, {"cycle": "1999", "status": "done", "sort": "colour"})
    assert response.status_code == 400
    assert response.json()["problems"] == [
        {"parameter": "cycle", "value": "1999", "message": "There is no cycle “1999”."},
        {"parameter": "status", "value": "done", "message": "There is no status “done”."},
        {"parameter": "sort", "value": "colour", "message": "This list cannot be sorted by “colour”."},
    ]
    assert "There is no cycle “1999”." in response.json()["detail"]
    dutch = client.get(LIST, {"status": "done", "lang": "nl"})
    assert dutch.json()["problems"][0]["message"] == "Er is geen status “done”."
    assert client.get(LIST, {"lang": "de"}).json()["problems"][0]["parameter"] == "lang"


def test_pages_follow_one_another_by_cursor_without_a_gap_or_a_repeat(client, make_recommendation):
    for number in range(1, 31):
        make_recommendation(reference=f"2020-BE-{number:02d}", title=f"Title {31 - number:02d}")
    first = client.get(LIST).json()
    assert [row["reference"] for row in first["results"]] == [f"2020-BE-{n:02d}" for n in range(1, 26)]
    second = client.get(first["next"]).json()
    assert [row["reference"] for row in second["results"]] == [f"2020-BE-{n:02d}" for n in range(26, 31)]
    assert second["next"] is None
    by_title = references(client, {"sort": "-title"})
    assert by_title == [f"2020-BE-{n:02d}" for n in range(1, 31)]
    # One without any progress yet has no status date: last by date, first newest first, across pages.
    process = Recommendation.objects.first()
    Recommendation.objects.create(
        reference="2020-BE-00", title="Undated", text="Text.", cycle=process.cycle, theme=process.theme, country="BE"
    )
    dated = [f"2020-BE-{n:02d}" for n in range(1, 31)]
    assert references(client, {"sort": "date"}) == [*dated, "2020-BE-00"]
    assert references(client, {"sort": "-date"}) == ["2020-BE-00", *reversed(dated)]
    broken = client.get(LIST, {"cursor": "not-a-cursor"})
    assert broken.status_code == 400
    assert broken.json()["problems"][0]["parameter"] == "cursor"
    # A cursor of another order, or one naming a reference no recommendation may have, is refused too.
    assert client.get(LIST, {"sort": "status", "cursor": first["next"].rsplit("=", 1)[1]}).status_code == 400


def test_one_recommendation_has_its_decisions_progress_and_projects(client, register, process):
    project = Project.objects.create(
        kind="test_project",
        title="Crèches partagées",
        slug="shared-creches",
        description="Un essai.",
        contact_name="Sofie",
        contact_email="sofie@example.org",
        start_date=datetime.date(2021, 1, 1),
    )
    project.recommendations.set(register["nantes_group"].recommendations.filter(reference="2020-BE-01"))
    response = client.get(f"{LIST}2020-FR-01/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "rejected"
    assert body["latest_decision"] == "refused"
    assert body["decisions"] == [
        {
            "recommendation": "2020-FR-01",
            "board": "FR",
            "meeting_date": "2020-06-20",
            "decision": "refused",
            "motivation": {"text": "Trop cher", "language": "en"},
            "reformulated_text": {"text": "", "language": "en"},
        }
    ]
    assert [(row["status"], row["date"], row["board"]) for row in body["progress"]] == [
        ("not_executed", "2020-05-01", None),
        ("rejected", "2020-06-20", "FR"),
    ]
    assert body["updated_at"].endswith("Z")
    assert client.get(f"{LIST}2020-BE-01/").json()["projects"] == ["shared-creches"]
    assert client.get(f"{LIST}2020-BE-99/").status_code == 404
    assert client.get(f"{LIST}2099-XX-01/").status_code == 404


def test_texts_come_in_the_askers_language_each_with_its_own(client, register):
    url = f"{LIST}2020-BE-03/"
    assert client.get(url, {"lang": "fr"}).json()["title"] == {"text": "Espaces de travail partagés", "language": "fr"}
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert french.json()["title"] == {"text": "Espaces de travail partagés", "language": "fr"}
    assert french["Content-Language"] == "fr"
    # Not translated into English: the Dutch original, said to be Dutch.
    assert client.get(url, {"lang": "en"}).json()["title"] == {"text": "Gedeelde werkruimtes", "language": "nl"}
    assert client.get(url, {"lang": "nl"}, HTTP_ACCEPT_LANGUAGE="fr").json()["text"] == {
        "text": "Een tekst.",
        "language": "nl",
    }


def figures(total, executed, implementation, counts, percents):
    statuses = ["executed", "ongoing", "not_executed", "rejected", "postponed"]
    return {
        "total": total,
        "executed": executed,
        "implementation": implementation,
        "statuses": [
            {"status": status, "count": count, "percent": percent}
            for status, count, percent in zip(statuses, counts, percents)
        ],
    }


def test_the_figures_are_the_overviews_worked_out_by_hand(client, register):
    body = client.get("/api/v1/figures/").json()
    # 5 published: 2 executed, 1 ongoing, 1 not executed, 1 rejected; the hidden executed one is left out.
    assert body["summary"] == figures(5, 2, 40, [2, 1, 1, 1, 0], [40, 20, 20, 20, 0])
    assert body["themes"] == [
        # Consolidating my activity: 1 executed of 3; the remaining point goes to the first status.
        {"theme": "consolidating-my-activity", "figures": figures(3, 1, 34, [1, 1, 1, 0, 0], [34, 33, 33, 0, 0])},
        {"theme": "gender-equality", "figures": figures(2, 1, 50, [1, 0, 0, 1, 0], [50, 0, 0, 50, 0])},
    ]
    assert [row["cycle"] for row in body["cycles"]] == ["2019-2020", "2017-2018"]
    assert body["cycles"][0]["figures"] == figures(4, 1, 25, [1, 1, 1, 1, 0], [25, 25, 25, 25, 0])
    assert [row["day"] for row in body["years"]] == ["2018-12-31", "2019-12-31", "2020-12-31"]
    assert body["years"][0]["figures"] == figures(1, 1, 100, [1, 0, 0, 0, 0], [100, 0, 0, 0, 0])
    assert client.get("/api/v1/figures/", {"country": "FR"}).json()["summary"] == figures(
        1, 0, 0, [0, 0, 0, 1, 0], [0, 0, 0, 100, 0]
    )
    then = client.get("/api/v1/figures/", {"as_of": "2019-01-01"}).json()
    assert then["as_of"] == "2019-01-01"
    assert then["summary"] == figures(1, 1, 100, [1, 0, 0, 0, 0], [100, 0, 0, 0, 0])
    refused = client.get("/api/v1/figures/", {"as_of": "2022-02-30"})
    assert refused.status_code == 400
    assert refused.json()["problems"][0]["message"] == "There is no day 2022-02-30 in the calendar."


def test_each_record_of_the_process_has_the_figures_of_its_page(client, register):
    theme = client.get("/api/v1/themes/consolidating-my-activity/").json()
    assert theme["name"] == {"text": "Consolidating my activity", "language": "en"}
    assert theme["figures"] == figures(3, 1, 34, [1, 1, 1, 0, 0], [34, 33, 33, 0, 0])
    assert client.get("/themes/consolidating-my-activity/").context["summary"].total == 3
    office = client.get("/api/v1/offices/nantes/").json()
    assert office["figures"] == figures(2, 0, 0, [0, 1, 1, 0, 0], [0, 50, 50, 0, 0])
    workgroup = client.get("/api/v1/workgroups/gender-online/").json()
    assert (workgroup["cycle"], workgroup["office"]) == ("2019-2020", None)
    assert workgroup["figures"] == figures(1, 0, 0, [0, 0, 0, 1, 0], [0, 0, 0, 100, 0])
    cycle = client.get("/api/v1/cycles/2017-2018/", {"as_of": "2018-08-31"}).json()
    assert cycle["figures"] == figures(0, 0, None, [0] * 5, [None] * 5)
    assert [row["slug"] for row in every_page(client, "/api/v1/offices/")] == ["brussels", "lyon", "nantes"]
    assert client.get("/api/v1/themes/nothing/").status_code == 404


def test_decisions_and_progress_of_published_recommendations_only(client, register):
    decisions = every_page(client, "/api/v1/decisions/")
    assert [(row["recommendation"], row["decision"]) for row in decisions] == [("2020-FR-01", "refused")]
    progress = every_page(client, "/api/v1/progress/")
    assert len(progress) == 6  # one update each, and the board's refusal
    assert "2020-BE-99" not in {row["recommendation"] for row in progress}
    one = every_page(client, "/api/v1/progress/?recommendation=2018-BE-01")
    assert [(row["status"], row["date"]) for row in one] == [("executed", "2018-09-01")]
    hidden = client.get("/api/v1/progress/", {"recommendation": "2020-BE-99"})
    assert hidden.status_code == 400
    assert hidden.json()["problems"][0]["message"] == "There is no recommendation “2020-BE-99”."


def test_any_site_may_read_the_api_and_only_the_api(client, register):
    response = client.get(LIST, HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(LIST, HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert set(preflight["Access-Control-Allow-Methods"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}
    assert "Access-Control-Allow-Origin" not in client.get("/recommendations/", HTTP_ORIGIN="https://example.org")
    assert client.post(LIST, HTTP_ORIGIN="https://example.org").status_code == 405


@override_settings(API_RATE="3/min")
def test_an_address_asking_too_often_is_told_to_wait(client, register):
    assert [client.get(LIST).status_code for _ in range(4)] == [200, 200, 200, 429]
    refused = client.get(LIST)
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["detail"].startswith("Request was throttled.")
    # Another address is not held back, and a forged X-Forwarded-For does not make another address.
    assert client.get(LIST, REMOTE_ADDR="203.0.113.9").status_code == 200
    assert client.get(LIST, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    # The pages are not limited.
    assert client.get("/recommendations/").status_code == 200


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")
@override_settings(API_RATE="3/min")
def test_a_failing_cache_lifts_the_limit_rather_than_taking_the_api_down(client, register):
    with redis_server() as (port, server):
        caches = {"default": project_settings.cache_settings(f"redis://127.0.0.1:{port}/0")}
        with override_settings(CACHES=caches):
            assert [client.get(LIST).status_code for _ in range(4)] == [200, 200, 200, 429]
            server.kill()
            server.wait()
            assert [client.get(LIST).status_code for _ in range(10)] == [200] * 10


def test_the_documentation_page_runs_on_our_own_files_under_the_strict_policy(client, settings):
    settings.DEBUG = False
    page = client.get(reverse("api_docs"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<style" not in html
    assert "<script>" not in html
    assert "https://" not in html
    policy = page["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "script-src 'self'" in policy
    script = client.get(reverse("api_docs"), {"script": ""})
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()
    schema = client.get(reverse("api_schema"), HTTP_ACCEPT="application/json").json()
    assert set(schema["paths"]) >= {"/api/v1/recommendations/", "/api/v1/figures/", "/api/v1/projects/{slug}/"}


def test_a_page_costs_the_same_queries_whatever_the_rows_and_the_depth(client, register, make_recommendation):
    few, first = queries_of(client.get, LIST)
    for number in range(10, 70):
        make_recommendation(reference=f"2021-BE-{number:02d}")
    many, page = queries_of(client.get, LIST)
    deeper, _page = queries_of(client.get, client.get(page.json()["next"]).json()["next"])
    # The page's rows, then their workgroups.
    assert few == many == deeper == 2
    detail, _answer = queries_of(client.get, f"{LIST}2020-FR-01/")
    assert detail == 6
