"""What each staff role can and cannot do in the admin."""

import datetime

import pytest
from django.urls import reverse

from recommendations.models import Recommendation, Status

CHANGELIST = reverse("admin:recommendations_recommendation_changelist")


def actions_offered(client):
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    if response.context.get("action_form") is None:
        return set()
    return {choice[0] for choice in response.context["action_form"].fields["action"].choices if choice[0]}


@pytest.mark.parametrize(
    "persona, actions",
    [
        ("alice", {"record_board_decision", "change_status", "delete_selected", "export_admin_action"}),
        ("bob", {"record_board_decision", "change_status"}),
        ("charlie", {"export_admin_action"}),
    ],
)
def test_bulk_actions_offered_to_each_role(client, request, recommendation, persona, actions):
    client.force_login(request.getfixturevalue(persona))
    assert actions_offered(client) == actions


@pytest.mark.parametrize(
    "persona, can_edit_register, can_record_decisions, can_export, can_import",
    [
        ("alice", True, True, True, True),
        ("bob", False, True, False, False),
        ("charlie", False, False, True, False),
        ("dave", False, False, False, False),
    ],
)
def test_permissions_of_each_role(
    db, request, persona, can_edit_register, can_record_decisions, can_export, can_import
):
    user = request.getfixturevalue(persona)
    assert user.has_perm("recommendations.change_recommendation") is can_edit_register
    assert user.has_perm("workgroups.add_workgroup") is can_edit_register
    assert user.has_perm("workgroups.delete_theme") is can_edit_register
    assert user.has_perm("recommendations.add_boarddecision") is can_record_decisions
    assert user.has_perm("recommendations.add_progressupdate") is can_record_decisions
    assert user.has_perm("recommendations.export_recommendation") is can_export
    assert user.has_perm("recommendations.import_recommendation") is can_import


def test_board_secretary_cannot_edit_a_recommendation_text(client, bob, recommendation):
    client.force_login(bob)
    url = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    assert client.get(url).status_code == 200  # may read it
    response = client.post(url, {"reference": recommendation.reference, "title": "Changed", "text": "Changed"})
    assert response.status_code == 403
    assert Recommendation.objects.get(pk=recommendation.pk).title == recommendation.title


def test_coordinator_cannot_record_a_decision_even_by_posting_the_action(client, charlie, recommendation):
    client.force_login(charlie)
    client.post(
        CHANGELIST,
        {
            "action": "change_status",
            "_selected_action": [recommendation.pk],
            "apply": "1",
            "status": Status.EXECUTED,
            "date": datetime.date.today().isoformat(),
        },
    )
    assert Recommendation.objects.get(pk=recommendation.pk).status == Status.NOT_EXECUTED
    assert client.get(reverse("admin:recommendations_boarddecision_add")).status_code == 403


def test_member_without_staff_rights_is_sent_to_the_login(client, dave):
    client.force_login(dave)
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_cooperative_life_team_can_change_the_register(client, alice, recommendation, process):
    client.force_login(alice)
    assert (
        client.get(reverse("admin:workgroups_workgroup_change", args=[process["nantes_group"].pk])).status_code == 200
    )
    assert client.get(reverse("admin:recommendations_recommendation_add")).status_code == 200
