"""Status and decision changes, and the rule that a status always equals its newest progress update."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from recommendations import services
from recommendations.models import BoardDecision, Decision, Recommendation, Status

MEETING = datetime.date(2020, 9, 15)


def reload(recommendation):
    return Recommendation.objects.get(pk=recommendation.pk)


def test_new_recommendation_starts_its_history_with_its_first_status(recommendation):
    assert recommendation.status == Status.NOT_EXECUTED
    assert list(recommendation.updates.values_list("status", "date")) == [
        (Status.NOT_EXECUTED, datetime.date(2020, 6, 1))
    ]
    assert reload(recommendation).status_date == datetime.date(2020, 6, 1)


def test_refused_decision_moves_status_to_rejected_with_an_update_that_says_so(recommendation, bob):
    entry = services.record_decision(
        recommendation, board="BE", meeting_date=MEETING, decision=Decision.REFUSED, motivation="Out of scope", user=bob
    )
    recommendation = reload(recommendation)
    assert recommendation.status == Status.REJECTED
    assert recommendation.latest_decision == Decision.REFUSED
    update = recommendation.updates.latest()
    assert (update.status, update.date, update.decision, update.recorded_by) == (Status.REJECTED, MEETING, entry, bob)


def test_postponed_decision_moves_status_to_postponed(recommendation):
    services.record_decision(recommendation, board="FR", meeting_date=MEETING, decision=Decision.POSTPONED)
    assert reload(recommendation).status == Status.POSTPONED


@pytest.mark.parametrize("decision", [Decision.ACCEPTED, Decision.REFORMULATED])
def test_accepting_or_reformulating_leaves_the_status_where_it_is(make_recommendation, decision):
    recommendation = make_recommendation(status=Status.ONGOING)
    services.record_decision(
        recommendation, board="BE", meeting_date=MEETING, decision=decision, reformulated_text="Narrower"
    )
    recommendation = reload(recommendation)
    assert recommendation.status == Status.ONGOING
    assert recommendation.latest_decision == decision
    assert recommendation.updates.count() == 1


def test_backdated_update_does_not_override_a_newer_status(recommendation):
    services.record_progress(recommendation, status=Status.EXECUTED, date=datetime.date(2022, 1, 1))
    services.record_progress(recommendation, status=Status.ONGOING, date=datetime.date(2021, 1, 1))
    recommendation = reload(recommendation)
    assert recommendation.status == Status.EXECUTED
    assert recommendation.status_date == datetime.date(2022, 1, 1)


def test_updates_on_the_same_day_follow_recording_order(recommendation):
    day = datetime.date(2021, 3, 3)
    services.record_progress(recommendation, status=Status.ONGOING, date=day)
    services.record_progress(recommendation, status=Status.EXECUTED, date=day)
    assert reload(recommendation).status == Status.EXECUTED


def test_correcting_a_refusal_to_an_acceptance_restores_the_earlier_status(make_recommendation):
    recommendation = make_recommendation(status=Status.ONGOING)
    entry = services.record_decision(recommendation, board="BE", meeting_date=MEETING, decision=Decision.REFUSED)
    assert reload(recommendation).status == Status.REJECTED
    entry.decision = Decision.ACCEPTED
    services.save_decision(entry)
    recommendation = reload(recommendation)
    assert recommendation.status == Status.ONGOING
    assert recommendation.latest_decision == Decision.ACCEPTED
    assert not recommendation.updates.filter(status=Status.REJECTED).exists()


def test_correcting_a_refusal_to_a_postponement_moves_its_update(recommendation):
    entry = services.record_decision(recommendation, board="BE", meeting_date=MEETING, decision=Decision.REFUSED)
    entry.decision = Decision.POSTPONED
    services.save_decision(entry)
    assert reload(recommendation).status == Status.POSTPONED
    assert list(entry.updates.values_list("status", flat=True)) == [Status.POSTPONED]


def test_deleting_a_decision_removes_the_status_change_it_caused(recommendation):
    entry = services.record_decision(recommendation, board="BE", meeting_date=MEETING, decision=Decision.POSTPONED)
    services.delete_decision(entry)
    recommendation = reload(recommendation)
    assert (recommendation.status, recommendation.latest_decision) == (Status.NOT_EXECUTED, "")
    assert recommendation.updates.count() == 1


def test_latest_decision_is_the_newest_meeting_of_either_board(recommendation):
    services.record_decision(recommendation, board="FR", meeting_date=MEETING, decision=Decision.ACCEPTED)
    services.record_decision(
        recommendation, board="BE", meeting_date=MEETING - datetime.timedelta(days=5), decision=Decision.REFUSED
    )
    assert reload(recommendation).latest_decision == Decision.ACCEPTED


def test_second_decision_of_a_board_at_the_same_meeting_is_refused_and_writes_nothing(recommendation):
    services.record_decision(recommendation, board="BE", meeting_date=MEETING, decision=Decision.ACCEPTED)
    with pytest.raises(ValidationError):
        services.record_decision(recommendation, board="BE", meeting_date=MEETING, decision=Decision.REFUSED)
    recommendation = reload(recommendation)
    assert (recommendation.status, recommendation.latest_decision) == (Status.NOT_EXECUTED, Decision.ACCEPTED)
    assert BoardDecision.objects.count() == 1


def test_bulk_decision_is_all_or_nothing(make_recommendation):
    first, second = make_recommendation(), make_recommendation()
    services.record_decision(second, board="BE", meeting_date=MEETING, decision=Decision.ACCEPTED)
    with pytest.raises(ValidationError):
        services.record_decisions([first, second], board="BE", meeting_date=MEETING, decision=Decision.REFUSED)
    assert reload(first).status == Status.NOT_EXECUTED
    assert not first.decisions.exists()


def test_reformulation_without_text_is_refused_by_the_database(recommendation):
    with pytest.raises(IntegrityError), transaction.atomic():
        BoardDecision.objects.create(
            recommendation=recommendation, board="BE", meeting_date=MEETING, decision=Decision.REFORMULATED
        )


def test_unknown_status_is_refused_by_the_database(recommendation):
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.filter(pk=recommendation.pk).update(status="finished")


def test_first_update_of_a_recommendation_cannot_be_deleted(recommendation):
    with pytest.raises(ValidationError):
        services.delete_progress(recommendation.updates.get())
    assert recommendation.updates.count() == 1


def test_deleting_a_mistaken_update_falls_back_to_the_previous_status(recommendation):
    mistake = services.record_progress(recommendation, status=Status.EXECUTED, date=datetime.date(2021, 1, 1))
    services.delete_progress(mistake)
    assert reload(recommendation).status == Status.NOT_EXECUTED


@pytest.mark.parametrize("key", ["new", "activity", "nantes_group"])
def test_deleting_a_cycle_theme_or_workgroup_in_use_is_refused(process, recommendation, key):
    with pytest.raises(ProtectedError), transaction.atomic():
        process[key].delete()
    assert Recommendation.objects.filter(pk=recommendation.pk, workgroups=process["nantes_group"]).exists()


def test_a_status_change_without_a_date_is_refused_and_writes_nothing(recommendation):
    with pytest.raises(ValidationError, match="A status change needs the day it took effect."):
        services.change_statuses([recommendation], status=Status.EXECUTED, date=None)
    assert reload(recommendation).status == Status.NOT_EXECUTED
    assert recommendation.updates.count() == 1
