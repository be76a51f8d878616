"""Cached figures: read from the cache until the data changes, then never once stale.

Every change moves the data version on in its own transaction; the pages read it once per request
and keep their figures under it.
"""

import datetime

import pytest

from recommendations import services, stats
from recommendations.models import DataVersion, Decision, Recommendation, Status

from .support import queries_of_page

PAGES_WITH_FIGURES = [
    "/",
    "/?cycle=2019-2020&country=BE",
    "/recommendations/?status=executed",
    "/themes/consolidating-my-activity/",
]


def version():
    return DataVersion.objects.get(pk=1).number


def executed_on(client, url):
    return client.get(url).context["summary"].executed


@pytest.mark.parametrize("url", PAGES_WITH_FIGURES)
def test_a_page_asked_again_reads_its_figures_from_the_cache(client, make_recommendation, url):
    make_recommendation(status=Status.EXECUTED)
    first = queries_of_page(client, url)
    assert queries_of_page(client, url) < first


def test_the_cached_overview_reads_only_the_data_version(client, make_recommendation, django_assert_num_queries):
    make_recommendation(status=Status.EXECUTED)
    first = client.get("/").content
    with django_assert_num_queries(1):
        again = client.get("/")
    assert again.content == first


@pytest.mark.parametrize("url", PAGES_WITH_FIGURES)
def test_a_status_change_shows_on_the_next_request(client, make_recommendation, url):
    recommendation = make_recommendation(status=Status.ONGOING)
    assert executed_on(client, url) == 0
    services.record_progress(recommendation, status=Status.EXECUTED, date=datetime.date(2021, 1, 1))
    assert executed_on(client, url) == 1


def test_the_overview_shows_exactly_the_figures_of_stats_after_every_kind_of_change(client, make_recommendation):
    first, second = make_recommendation(status=Status.EXECUTED), make_recommendation(status=Status.ONGOING)

    def same_as_stats():
        expected = stats.figures(Recommendation.objects.published())
        shown = f'<span class="headline__number">{expected.total}</span>'
        shown_executed = f"implemented ({expected.executed} executed)"
        built, kept = client.get("/"), client.get("/")  # the page built after the change, then asked again
        return (
            built.context["summary"] == expected
            and kept.content == built.content
            and shown in built.content.decode()
            and shown_executed in built.content.decode()
        )

    assert same_as_stats()
    decision = services.record_decision(
        second, board="BE", meeting_date=datetime.date(2021, 2, 1), decision=Decision.REFUSED
    )
    assert same_as_stats()
    services.delete_decision(decision)
    assert same_as_stats()
    first.published = False
    services.save_recommendation(first, seen_version=first.version)
    assert same_as_stats()
    services.delete_progress(services.record_progress(second, status=Status.EXECUTED, date=datetime.date(2021, 3, 1)))
    assert same_as_stats()
    services.delete_recommendations(Recommendation.objects.filter(pk=second.pk))
    assert same_as_stats()
    assert '<span class="headline__number">0</span>' in client.get("/").content.decode()


def test_every_change_moves_the_data_version_on(make_recommendation):
    before = version()
    recommendation = make_recommendation()
    after_creation = version()
    services.record_progress(recommendation, status=Status.ONGOING, date=datetime.date(2021, 1, 1))
    after_progress = version()
    services.save_recommendation(recommendation, seen_version=recommendation.version)
    after_edit = version()
    services.delete_recommendations(Recommendation.objects.all())
    assert before < after_creation < after_progress < after_edit < version()


def test_a_missing_version_row_is_created_by_the_next_change(make_recommendation):
    DataVersion.objects.all().delete()
    make_recommendation()
    assert version() == 1


def test_without_a_version_row_figures_are_computed_not_cached(client, make_recommendation):
    make_recommendation(status=Status.EXECUTED)
    DataVersion.objects.all().delete()
    first = queries_of_page(client, "/")
    assert queries_of_page(client, "/") == first


def test_deleting_in_the_admin_goes_through_services(client, root, make_recommendation):
    recommendation = make_recommendation(status=Status.EXECUTED)
    client.force_login(root)
    assert executed_on(client, "/") == 1
    before = version()
    response = client.post(f"/admin/recommendations/recommendation/{recommendation.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert version() > before
    assert executed_on(client, "/") == 0


def test_the_cached_overview_html_shows_a_status_change_on_the_next_request(client, make_recommendation):
    recommendation = make_recommendation(status=Status.ONGOING)
    assert "(0 executed)" in client.get("/").content.decode()
    assert "(0 executed)" in client.get("/").content.decode()
    services.record_progress(recommendation, status=Status.EXECUTED, date=datetime.date(2021, 1, 1))
    assert "(1 executed)" in client.get("/").content.decode()
