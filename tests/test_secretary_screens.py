"""The admin as a board secretary uses it after a meeting: from a recommendation to its decision and back,
and the meeting's references found at once."""

import datetime

from django.urls import reverse

from recommendations.models import BoardDecision, ProgressUpdate, Status

CHANGELIST = reverse("admin:recommendations_recommendation_changelist")


def test_a_recommendation_page_offers_to_record_a_decision_or_add_progress(client, bob, charlie, recommendation):
    page = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    client.force_login(bob)
    content = client.get(page).content.decode()
    decision_add = reverse("admin:recommendations_boarddecision_add")
    progress_add = reverse("admin:recommendations_progressupdate_add")
    assert f'href="{decision_add}?recommendation={recommendation.pk}">Record decision</a>' in content
    assert f'href="{progress_add}?recommendation={recommendation.pk}">Add progress</a>' in content
    assert "/history/" not in content
    assert f'href="{recommendation.get_absolute_url()}" class="viewsitelink"' in content
    client.force_login(charlie)
    assert "Record decision" not in client.get(page).content.decode()


def test_a_decision_recorded_from_its_recommendation_leads_back_to_it(client, bob, recommendation):
    client.force_login(bob)
    add = reverse("admin:recommendations_boarddecision_add")
    form = client.get(add, {"recommendation": recommendation.pk}).context["adminform"].form
    assert form.initial["recommendation"] == str(recommendation.pk)
    data = {
        "recommendation": recommendation.pk,
        "board": "BE",
        "meeting_date": "2020-09-01",
        "decision": "refused",
        "language": "en",
    }
    response = client.post(add, data)
    assert response.url == reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    assert BoardDecision.objects.get(recommendation=recommendation).recorded_by == bob
    recommendation.refresh_from_db()
    assert recommendation.status == Status.REJECTED


def test_progress_added_from_its_recommendation_leads_back_unless_another_is_asked_for(client, bob, recommendation):
    client.force_login(bob)
    add = reverse("admin:recommendations_progressupdate_add")
    data = {
        "recommendation": recommendation.pk,
        "status": "ongoing",
        "date": "2020-09-01",
        "note": "Started",
        "language": "en",
    }
    response = client.post(add, data)
    assert response.url == reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    again = client.post(add, {**data, "date": "2020-10-01", "_addanother": "1"})
    assert again.url.startswith(add)
    dates = ProgressUpdate.objects.filter(recommendation=recommendation).values_list("date", flat=True)
    assert sorted(dates)[-2:] == [datetime.date(2020, 9, 1), datetime.date(2020, 10, 1)]


def test_the_references_of_a_meeting_find_exactly_those_recommendations(client, bob, make_recommendation):
    for _ in range(12):
        make_recommendation()
    client.force_login(bob)
    found = client.get(CHANGELIST, {"q": "2020-be-02, 2020-BE-11 2020-BE-07"}).context["cl"].result_list
    assert sorted(item.reference for item in found) == ["2020-BE-02", "2020-BE-07", "2020-BE-11"]
    one = client.get(CHANGELIST, {"q": "2020-BE-1"}).context["cl"].result_list
    assert sorted(item.reference for item in one) == ["2020-BE-10", "2020-BE-11", "2020-BE-12"]
