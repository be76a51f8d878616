"""Correcting the record in the admin: a board decision stays with its recommendation, and deleting one
takes the status change it caused with it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recommendations import services
from recommendations.models import BoardDecision, Decision, Recommendation, Status

from .support import admin_form_data

MEETING = datetime.date(2020, 9, 15)


def reload(recommendation):
    return Recommendation.objects.get(pk=recommendation.pk)


@pytest.fixture
def refusal_and_other(make_recommendation):
    first, second = make_recommendation(), make_recommendation()
    entry = services.record_decision(first, board="BE", meeting_date=MEETING, decision=Decision.REFUSED)
    return entry, first, second


def assert_refusal_stays_with(entry, first, second):
    assert BoardDecision.objects.get(pk=entry.pk).recommendation_id == first.pk
    assert (reload(first).status, reload(first).latest_decision) == (Status.REJECTED, Decision.REFUSED)
    assert (reload(second).status, reload(second).latest_decision) == (Status.NOT_EXECUTED, "")
    assert second.updates.count() == 1


def test_services_refuse_to_move_a_decision_to_another_recommendation(refusal_and_other):
    entry, first, second = refusal_and_other
    entry.recommendation = second
    with pytest.raises(ValidationError, match="A board decision stays with the recommendation it was recorded on"):
        services.save_decision(entry, seen_version=entry.version)
    assert_refusal_stays_with(entry, first, second)


def test_the_admin_does_not_offer_to_move_a_decision(client, alice, refusal_and_other):
    entry, first, second = refusal_and_other
    url = reverse("admin:recommendations_boarddecision_change", args=[entry.pk])
    client.force_login(alice)
    page = client.get(url)
    assert "recommendation" not in page.context["adminform"].form.fields
    data = admin_form_data(page)
    response = client.post(url, {**data, "recommendation": second.pk, "motivation": "Out of scope"})
    assert response.status_code == 302
    assert BoardDecision.objects.get(pk=entry.pk).motivation == "Out of scope"
    assert_refusal_stays_with(entry, first, second)


def test_a_new_decision_in_the_admin_still_chooses_its_recommendation(client, alice, recommendation):
    client.force_login(alice)
    assert (
        "recommendation"
        in client.get(reverse("admin:recommendations_boarddecision_add")).context["adminform"].form.fields
    )


@pytest.mark.parametrize("decision", [Decision.REFUSED, Decision.POSTPONED])
def test_the_life_team_deletes_a_decision_with_the_status_change_it_caused(client, alice, recommendation, decision):
    entry = services.record_decision(recommendation, board="BE", meeting_date=MEETING, decision=decision)
    url = reverse("admin:recommendations_boarddecision_delete", args=[entry.pk])
    client.force_login(alice)
    page = client.get(url).content.decode()
    assert "permission to delete" not in page
    assert "Yes, I’m sure" in page
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not BoardDecision.objects.exists()
    assert (reload(recommendation).status, reload(recommendation).latest_decision) == (Status.NOT_EXECUTED, "")
    assert list(recommendation.updates.values_list("status", flat=True)) == [Status.NOT_EXECUTED]


def test_the_life_team_deletes_decisions_in_bulk_with_the_status_changes_they_caused(
    client, alice, make_recommendation
):
    first, second = make_recommendation(status=Status.ONGOING), make_recommendation()
    refusal = services.record_decision(first, board="BE", meeting_date=MEETING, decision=Decision.REFUSED)
    postponement = services.record_decision(second, board="FR", meeting_date=MEETING, decision=Decision.POSTPONED)
    changelist = reverse("admin:recommendations_boarddecision_changelist")
    selection = {"action": "delete_selected", "_selected_action": [refusal.pk, postponement.pk]}
    client.force_login(alice)
    page = client.post(changelist, selection).content.decode()
    assert "permission to delete" not in page
    assert "Yes, I’m sure" in page
    assert client.post(changelist, {**selection, "post": "yes"}).status_code == 302
    assert not BoardDecision.objects.exists()
    assert (reload(first).status, reload(first).latest_decision) == (Status.ONGOING, "")
    assert (reload(second).status, reload(second).latest_decision) == (Status.NOT_EXECUTED, "")
