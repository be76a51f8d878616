"""Figures against a hand-computed fixture."""

import datetime

import pytest

from recommendations import services, stats
from recommendations.models import Recommendation, Status
from workgroups.models import Theme


@pytest.mark.parametrize(
    "counts, expected",
    [
        ({"a": 1, "b": 1, "c": 1}, {"a": 34, "b": 33, "c": 33}),
        ({"a": 2, "b": 1, "c": 0}, {"a": 67, "b": 33, "c": 0}),
        ({"a": 1, "b": 0}, {"a": 100, "b": 0}),
        ({"a": 0, "b": 0}, {"a": None, "b": None}),
        ({"a": 7, "b": 7, "c": 7, "d": 7, "e": 7, "f": 7}, {"a": 17, "b": 17, "c": 17, "d": 17, "e": 16, "f": 16}),
    ],
)
def test_largest_remainder_adds_up_to_exactly_100(counts, expected):
    assert stats.largest_remainder(counts) == expected


@pytest.fixture
def seven(make_recommendation, process):
    """3 executed, 1 ongoing, 1 rejected, 1 postponed (theme activity); 1 not executed (theme gender)."""
    for status in [Status.EXECUTED] * 3 + [Status.ONGOING, Status.REJECTED, Status.POSTPONED]:
        make_recommendation(status=status)
    make_recommendation(status=Status.NOT_EXECUTED, theme=process["gender"])


def test_implementation_percentage_counts_rejected_and_postponed_in_the_whole(seven):
    result = stats.figures(Recommendation.objects.all())
    assert result.total == 7
    assert result.executed == 3
    # 3/7 = 42.86, 1/7 = 14.29 each: the largest remainder (executed) gets the spare point.
    assert result.implementation == 43
    # Order of Status: executed, ongoing, not executed, rejected, postponed; ties go in that order.
    assert [share.percent for share in result.shares] == [43, 15, 14, 14, 14]
    assert {share.status: share.count for share in result.shares} == {
        Status.EXECUTED: 3,
        Status.ONGOING: 1,
        Status.NOT_EXECUTED: 1,
        Status.REJECTED: 1,
        Status.POSTPONED: 1,
    }


def test_figures_per_theme(seven, process):
    rows = dict(stats.figures_by(Recommendation.objects.all(), "theme", Theme.objects.all()))
    assert rows[process["activity"]].total == 6
    assert rows[process["activity"]].implementation == 50
    assert rows[process["gender"]].implementation == 0
    assert rows[process["gender"]].counts[Status.NOT_EXECUTED] == 1


def test_empty_set_has_no_percentage(db):
    result = stats.figures(Recommendation.objects.all())
    assert result.total == 0
    assert result.implementation is None
    assert all(share.percent is None for share in result.shares)


def test_implementation_over_time_follows_the_history(make_recommendation):
    first = make_recommendation(date=datetime.date(2020, 6, 1))
    make_recommendation(date=datetime.date(2021, 6, 1))
    services.record_progress(first, status=Status.EXECUTED, date=datetime.date(2021, 3, 1))
    series = dict(stats.implementation_over_time(Recommendation.objects.all(), stats.year_ends(2019, 2021)))
    assert series[datetime.date(2019, 12, 31)].total == 0
    assert (series[datetime.date(2020, 12, 31)].total, series[datetime.date(2020, 12, 31)].executed) == (1, 0)
    assert series[datetime.date(2021, 12, 31)].implementation == 50


def test_figures_take_one_query(seven, django_assert_num_queries):
    themes = list(Theme.objects.all())
    with django_assert_num_queries(1):
        stats.figures(Recommendation.objects.all())
    with django_assert_num_queries(1):
        stats.figures_by(Recommendation.objects.all(), "theme", themes)


def test_implementation_over_time_takes_one_query_whatever_the_number_of_years(seven, django_assert_num_queries):
    with django_assert_num_queries(1):
        series = stats.implementation_over_time(Recommendation.objects.all(), stats.year_ends(2015, 2024))
    assert len(series) == 10


def test_yearly_implementation_spans_the_years_of_the_history(make_recommendation):
    make_recommendation(status=Status.EXECUTED, date=datetime.date(2019, 3, 1))
    make_recommendation(date=datetime.date(2021, 6, 1))
    series = stats.yearly_implementation(Recommendation.objects.all())
    assert [day.year for day, _ in series] == [2019, 2020, 2021]
    assert [result.implementation for _, result in series] == [100, 100, 50]


def test_yearly_implementation_of_an_empty_set_is_empty(db):
    assert stats.yearly_implementation(Recommendation.objects.none()) == []
