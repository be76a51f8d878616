"""The team's follow-up in the admin: each recommendation may have a next review day, and the list finds
those whose review day has come and the open ones without any progress for months."""

import datetime

import pytest
from django.utils import timezone

from recommendations import services
from recommendations.admin import months_before
from recommendations.models import Recommendation, Status
from tests.support import admin_form_data

LIST = "/admin/recommendations/recommendation/"


def listed(client, query):
    page = client.get(f"{LIST}?{query}").content.decode()
    return {reference for reference in Recommendation.objects.values_list("reference", flat=True) if reference in page}


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 11, 27), 6, datetime.date(2026, 5, 27)),
        (datetime.date(2026, 3, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 3, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2026, 1, 15), 3, datetime.date(2025, 10, 15)),
        (datetime.date(2026, 8, 31), 12, datetime.date(2025, 8, 31)),
    ],
)
def test_months_are_counted_back_to_the_same_day_or_the_months_last(day, months, expected):
    assert months_before(day, months) == expected


def test_the_list_finds_the_recommendations_whose_review_day_has_come(client, root, make_recommendation):
    today = timezone.localdate()
    for reference, review in [
        ("2020-BE-01", today - datetime.timedelta(days=1)),
        ("2020-BE-02", today),
        ("2020-BE-03", today + datetime.timedelta(days=1)),
        ("2020-BE-04", None),
    ]:
        make_recommendation(reference=reference, next_review=review)
    client.force_login(root)
    assert listed(client, "due=review") == {"2020-BE-01", "2020-BE-02"}
    # The review day shows beside the follow-up due, so that a secretary sees when each is due.
    assert '<td class="field-next_review nowrap">' in client.get(f"{LIST}?due=review").content.decode()
    assert "field-next_review" not in client.get(LIST).content.decode()


def test_the_list_finds_open_recommendations_without_progress_for_the_months_chosen(client, root, make_recommendation):
    today = timezone.localdate()
    long_ago = today - datetime.timedelta(days=400)
    make_recommendation(reference="2020-BE-01", status=Status.ONGOING, date=long_ago)
    noted = make_recommendation(reference="2020-BE-02", status=Status.ONGOING, date=long_ago)
    # A note, with the status unchanged, two months ago: progress all the same.
    services.record_progress(
        noted, status=Status.ONGOING, date=today - datetime.timedelta(days=60), note="Talks with the directorate."
    )
    make_recommendation(reference="2020-BE-03", status=Status.POSTPONED, date=today - datetime.timedelta(days=200))
    make_recommendation(reference="2020-BE-04", status=Status.EXECUTED, date=long_ago)
    make_recommendation(reference="2020-BE-05", status=Status.REJECTED, date=long_ago)
    make_recommendation(reference="2020-BE-06", status=Status.NOT_EXECUTED, date=today)
    client.force_login(root)
    assert listed(client, "due=3") == {"2020-BE-01", "2020-BE-03"}
    assert listed(client, "due=6") == {"2020-BE-01", "2020-BE-03"}
    assert listed(client, "due=12") == {"2020-BE-01"}
    assert listed(client, "due=12&country=FR") == set()


def test_the_review_day_is_kept_from_the_change_form(client, root, make_recommendation):
    recommendation = make_recommendation(reference="2020-BE-01")
    client.force_login(root)
    url = f"{LIST}{recommendation.pk}/change/"
    data = admin_form_data(client.get(url))
    data["next_review"] = "2027-01-15"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    recommendation.refresh_from_db()
    assert recommendation.next_review == datetime.date(2027, 1, 15)
    data = admin_form_data(client.get(url))
    data["next_review"] = "2027-02-30"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.next_review == datetime.date(2027, 1, 15)
