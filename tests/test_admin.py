"""The staff admin: the board secretary's bulk decision, history, and lists without a query per row."""

import datetime

import pytest
from django.urls import reverse

from recommendations.models import BoardDecision, Decision, ProgressUpdate, Recommendation, Status
from workgroups.models import Theme, Workgroup

from .support import ADMIN_LISTS, queries_of

CHANGELIST = reverse("admin:recommendations_recommendation_changelist")


def select(recommendations, action, **data):
    return {"action": action, "_selected_action": [r.pk for r in recommendations], **data}


def test_board_secretary_records_one_decision_on_twenty_recommendations(client, bob, make_recommendation):
    recommendations = [make_recommendation() for _ in range(20)]
    untouched = make_recommendation()
    response = client.post(reverse("admin:login"), {"username": "bob", "password": "bob-Pa55word!", "next": CHANGELIST})
    assert response.status_code == 302

    form = client.post(CHANGELIST, select(recommendations, "record_board_decision"))
    assert form.status_code == 200
    assert "For these 20 recommendations" in form.content.decode()

    done = client.post(
        CHANGELIST,
        select(
            recommendations,
            "record_board_decision",
            apply="1",
            board="BE",
            meeting_date="2020-09-15",
            decision=Decision.REFUSED,
            motivation="Outside the social purpose",
        ),
        follow=True,
    )
    assert "Recorded the decision on 20 recommendations." in done.content.decode()
    for recommendation in Recommendation.objects.filter(pk__in=[r.pk for r in recommendations]):
        assert recommendation.status == Status.REJECTED
        decision = recommendation.decisions.get()
        assert (decision.board, decision.meeting_date, decision.recorded_by.username) == (
            "BE",
            datetime.date(2020, 9, 15),
            "bob",
        )
        assert list(recommendation.updates.values_list("status", flat=True)) == [Status.NOT_EXECUTED, Status.REJECTED]
    assert Recommendation.objects.get(pk=untouched.pk).status == Status.NOT_EXECUTED


def test_bulk_decision_form_errors_write_nothing(client, bob, make_recommendation):
    recommendations = [make_recommendation() for _ in range(3)]
    client.force_login(bob)
    response = client.post(
        CHANGELIST,
        select(
            recommendations,
            "record_board_decision",
            apply="1",
            board="BE",
            meeting_date="2020-09-15",
            decision=Decision.REFORMULATED,
        ),
    )
    assert response.status_code == 200
    assert "Give the reformulated text." in response.content.decode()
    assert not BoardDecision.objects.exists()


def test_bulk_decision_that_clashes_with_an_existing_one_writes_nothing(client, bob, make_recommendation):
    first, second = make_recommendation(), make_recommendation()
    client.force_login(bob)
    data = {"apply": "1", "board": "FR", "meeting_date": "2020-09-15", "decision": Decision.ACCEPTED}
    client.post(CHANGELIST, select([second], "record_board_decision", **data))
    response = client.post(CHANGELIST, select([first, second], "record_board_decision", **data), follow=True)
    assert "Nothing was recorded" in response.content.decode()
    assert BoardDecision.objects.count() == 1


def test_bulk_status_change_records_a_note_for_each(client, bob, make_recommendation):
    recommendations = [make_recommendation() for _ in range(5)]
    client.force_login(bob)
    response = client.post(
        CHANGELIST,
        select(
            recommendations,
            "change_status",
            apply="1",
            status=Status.ONGOING,
            date="2021-02-01",
            note="Project started",
        ),
        follow=True,
    )
    assert "Recorded the new status of 5 recommendations." in response.content.decode()
    assert ProgressUpdate.objects.filter(status=Status.ONGOING, note="Project started", recorded_by=bob).count() == 5
    assert set(Recommendation.objects.values_list("status", flat=True)) == {Status.ONGOING}


def test_recommendation_list_costs_the_same_queries_for_5_or_50_rows(client, alice, make_recommendation, process):
    client.force_login(alice)
    for _ in range(5):
        make_recommendation(workgroups=[process["nantes_group"], process["lyon_group"]])
    few, response = queries_of(client.get, CHANGELIST)
    assert response.status_code == 200
    for _ in range(45):
        make_recommendation(workgroups=[process["nantes_group"], process["lyon_group"]])
    many, response = queries_of(client.get, CHANGELIST)
    assert many == few <= 20
    assert '<td class="field-status_since">Not executed<br>06/01/2020</td>' in response.content.decode()


def test_recommendation_list_queries_do_not_grow_with_the_number_of_workgroups(
    client, alice, make_recommendation, process
):
    client.force_login(alice)
    make_recommendation()
    url = f"{CHANGELIST}?cycle__id__exact={process['new'].pk}"
    few, response = queries_of(client.get, url)
    assert response.status_code == 200
    for number in range(30):
        group = Workgroup.objects.create(
            cycle=process["new"], theme=process["gender"], name=f"Group {number}", slug=f"group-{number}"
        )
        make_recommendation(workgroups=[group])
    many, response = queries_of(client.get, url)
    assert many == few <= 30
    assert "Group 29" in response.content.decode()
    assert client.get(f"{CHANGELIST}?workgroup={group.pk}").context["cl"].result_count == 1


@pytest.mark.parametrize(
    "query",
    [
        "status=rejected",
        "latest_decision=none",
        "country__exact=FR",
        "published__exact=0",
        "q=2020-BE",
        "cycle__id__exact=1",
    ],
)
def test_recommendation_list_filters_answer(client, alice, recommendation, query):
    client.force_login(alice)
    assert client.get(f"{CHANGELIST}?{query}").status_code == 200


def test_adding_a_recommendation_starts_its_history(client, alice, process):
    client.force_login(alice)
    response = client.post(
        reverse("admin:recommendations_recommendation_add"),
        {
            "reference": "2020-FR-01",
            "language": "en",
            "title": "Open the boards' agendas",
            "text": "Members ask to see the agendas.",
            "context": "",
            "cycle": process["new"].pk,
            "theme": process["gender"].pk,
            "country": "FR",
            "follow_up": "none",
            "directorate": "",
            "published": "on",
            "initial_status": Status.ONGOING,
            "initial_status_date": "2020-07-01",
            "initial_note": "",
            "recommendationworkgroup_set-TOTAL_FORMS": "1",
            "recommendationworkgroup_set-INITIAL_FORMS": "0",
            "recommendationworkgroup_set-0-workgroup": process["online_group"].pk,
            "decisions-TOTAL_FORMS": "0",
            "decisions-INITIAL_FORMS": "0",
            "updates-TOTAL_FORMS": "0",
            "updates-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Recommendation.objects.get(reference="2020-FR-01")
    assert created.status == Status.ONGOING
    assert list(created.workgroups.all()) == [process["online_group"]]
    assert created.updates.get().recorded_by == alice


def test_workgroup_of_another_cycle_is_refused_with_a_message(client, alice, recommendation, process):
    client.force_login(alice)
    url = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    data = {
        "reference": recommendation.reference,
        "language": "en",
        "title": recommendation.title,
        "text": recommendation.text,
        "context": "",
        "cycle": process["new"].pk,
        "theme": process["activity"].pk,
        "country": "BE",
        "follow_up": "none",
        "directorate": "",
        "published": "on",
        "seen_version": recommendation.version,
        "recommendationworkgroup_set-TOTAL_FORMS": "2",
        "recommendationworkgroup_set-INITIAL_FORMS": "1",
        "recommendationworkgroup_set-0-id": recommendation.recommendationworkgroup_set.get().pk,
        "recommendationworkgroup_set-0-recommendation": recommendation.pk,
        "recommendationworkgroup_set-0-workgroup": process["nantes_group"].pk,
        "recommendationworkgroup_set-1-recommendation": recommendation.pk,
        "recommendationworkgroup_set-1-workgroup": process["old_group"].pk,
        "decisions-TOTAL_FORMS": "1",
        "decisions-INITIAL_FORMS": "0",
        "decisions-0-board": "FR",
        "decisions-0-meeting_date": "2020-09-15",
        "decisions-0-decision": "refused",
        "decisions-0-language": "en",
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "These workgroups met in another cycle: Gender (Brussels)." in response.content.decode()
    assert not BoardDecision.objects.exists()

    data["recommendationworkgroup_set-1-workgroup"] = process["lyon_group"].pk
    assert client.post(url, data).status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == Status.REJECTED
    assert recommendation.workgroups.count() == 2


def test_deleting_a_theme_in_use_explains_why_and_keeps_it(client, alice, recommendation, process):
    client.force_login(alice)
    url = reverse("admin:workgroups_theme_delete", args=[process["activity"].pk])
    response = client.post(url, {"post": "yes"})
    assert "would require deleting the following protected related objects" in response.content.decode()
    assert Theme.objects.filter(pk=process["activity"].pk).exists()


def test_editing_one_decision_corrects_the_status(client, bob, recommendation):
    from recommendations import services

    entry = services.record_decision(
        recommendation, board="BE", meeting_date=datetime.date(2020, 9, 15), decision=Decision.REFUSED
    )
    client.force_login(bob)
    response = client.post(
        reverse("admin:recommendations_boarddecision_change", args=[entry.pk]),
        {
            "recommendation": recommendation.pk,
            "board": "BE",
            "language": "en",
            "meeting_date": "2020-09-15",
            "decision": "postponed",
            "motivation": "Means lacking",
            "reformulated_text": "",
            "seen_version": entry.version,
        },
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == Status.POSTPONED


@pytest.mark.parametrize("model", ADMIN_LISTS)
def test_every_admin_list_and_form_answers(client, alice, recommendation, model):
    client.force_login(alice)
    assert client.get(f"/admin/{model}/").status_code == 200
    assert client.get(f"/admin/{model}/add/").status_code == 200


def test_recommendation_page_shows_decisions_and_history_at_a_cost_that_does_not_grow_with_them(
    client, alice, recommendation
):
    from recommendations import services

    url = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    services.record_decision(
        recommendation,
        board="FR",
        meeting_date=datetime.date(2020, 9, 15),
        decision=Decision.POSTPONED,
        motivation="Waiting for means",
    )
    client.force_login(alice)
    client.get(url)  # the first visit also reads a content type, kept for the process
    few, response = queries_of(client.get, url)
    content = response.content.decode()
    assert "Waiting for means" in content
    assert '<div class="readonly">Postponed</div>' in content
    for day in range(1, 11):
        services.record_decision(
            recommendation,
            board="BE",
            meeting_date=datetime.date(2020, 10, day),
            decision=Decision.ACCEPTED,
            motivation=f"Decided on day {day}",
        )
        services.record_progress(recommendation, status=Status.ONGOING, date=datetime.date(2021, 1, day), user=alice)
    many, response = queries_of(client.get, url)
    assert many == few <= 40
    assert "Decided on day 10" in response.content.decode()


def test_bulk_status_change_without_a_date_writes_nothing(client, bob, recommendation):
    client.force_login(bob)
    response = client.post(CHANGELIST, select([recommendation], "change_status", apply="1", status="executed"))
    assert response.context["form"].errors == {"date": ["This field is required."]}
    assert Recommendation.objects.get(pk=recommendation.pk).status == Status.NOT_EXECUTED
