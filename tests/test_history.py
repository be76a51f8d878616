"""Every staff change is attributable: the admin history names who changed what and when, and the
cooperative life team reads it; the progress and decision logs name who recorded each entry."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from recommendations import services
from recommendations.models import BoardDecision, ProgressUpdate

from .support import admin_form_data

HISTORY = reverse("admin:admin_logentry_changelist")
CHANGELIST = reverse("admin:recommendations_recommendation_changelist")


@pytest.fixture
def edited_by_alice(client, alice, recommendation):
    url = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    client.force_login(alice)
    form = admin_form_data(client.get(url))
    assert client.post(url, {**form, "title": "Share the boards' agendas"}).status_code == 302
    client.logout()
    return recommendation


def test_an_admin_edit_is_in_the_history_with_who_what_and_when(edited_by_alice, alice):
    entry = LogEntry.objects.get(object_id=str(edited_by_alice.pk))
    assert (entry.user, entry.object_repr, entry.get_change_message()) == (
        alice,
        "2020-BE-01 Share the boards' agendas",
        "Changed Title.",
    )
    assert entry.action_time is not None


def test_the_cooperative_life_team_reads_the_history(client, edited_by_alice, alice):
    client.force_login(alice)
    page = client.get(HISTORY).content.decode()
    assert "2020-BE-01 Share the boards&#x27; agendas" in page
    assert "Changed Title." in page


def test_bulk_actions_are_in_the_history_and_the_logs_name_the_recorder(client, bob, make_recommendation):
    recommendations = [make_recommendation() for _ in range(3)]
    client.force_login(bob)
    selection = {"_selected_action": [r.pk for r in recommendations], "apply": "1"}
    client.post(
        CHANGELIST,
        {
            **selection,
            "action": "record_board_decision",
            "board": "FR",
            "meeting_date": "2020-09-15",
            "decision": "postponed",
            "motivation": "Means lacking",
        },
    )
    client.post(CHANGELIST, {**selection, "action": "change_status", "status": "ongoing", "date": "2021-02-01"})
    assert set(BoardDecision.objects.values_list("recorded_by__username", flat=True)) == {"bob"}
    recorded = ProgressUpdate.objects.filter(recorded_by__isnull=False)
    assert set(recorded.values_list("recorded_by__username", flat=True)) == {"bob"}
    messages = sorted(LogEntry.objects.filter(user=bob).values_list("change_message", flat=True))
    assert (
        messages
        == ["Changed the status to Ongoing on 2021-02-01."] * 3
        + ["Recorded the decision of the board of France of 2020-09-15: Postponed."] * 3
    )


@pytest.mark.parametrize(
    "persona, expected",
    [(None, 302), ("dave", 302), ("charlie", 403), ("bob", 403), ("alice", 200), ("root", 200)],
)
def test_only_the_cooperative_life_team_and_superusers_read_the_history(db, client, request, persona, expected):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    assert client.get(HISTORY).status_code == expected


def test_nobody_can_alter_the_history(client, edited_by_alice, alice, root):
    entry = LogEntry.objects.get()
    change = reverse("admin:admin_logentry_change", args=[entry.pk])
    for user in (alice, root):
        client.force_login(user)
        assert client.get(reverse("admin:admin_logentry_add")).status_code == 403
        assert client.get(reverse("admin:admin_logentry_delete", args=[entry.pk])).status_code == 403
        assert client.post(change, {"change_message": "nothing happened"}).status_code == 403
        assert "Add log entry" not in client.get(HISTORY).content.decode()
    assert LogEntry.objects.get().change_message == entry.change_message


@pytest.mark.parametrize(
    "persona, expected",
    [(None, 302), ("dave", 302), ("charlie", 403), ("bob", 403), ("alice", 200), ("root", 200)],
)
@pytest.mark.parametrize(
    "model", ["recommendation", "boarddecision", "progressupdate", "cycle", "theme", "office", "workgroup"]
)
def test_only_readers_of_the_history_read_the_history_of_a_record(
    client, request, recommendation, process, persona, expected, model
):
    records = {
        "recommendation": recommendation,
        "boarddecision": services.record_decision(
            recommendation, board="BE", meeting_date=datetime.date(2020, 9, 15), decision="accepted"
        ),
        "progressupdate": recommendation.updates.get(),
        "cycle": process["new"],
        "theme": process["activity"],
        "office": process["brussels"],
        "workgroup": process["nantes_group"],
    }
    record = records[model]
    if persona:
        client.force_login(request.getfixturevalue(persona))
    url = reverse(f"admin:{record._meta.app_label}_{model}_history", args=[record.pk])
    assert client.get(url).status_code == expected
