"""The bulk "Record board decision" action: nothing chosen for staff, what each selected recommendation
stands at, and a reformulation in each recommendation's own words; the public page then tells a board's
current decision from its earlier ones."""

import datetime

from django.contrib.admin.models import LogEntry
from django.urls import reverse

from recommendations import services
from recommendations.models import BoardDecision, Decision, Status

CHANGELIST = reverse("admin:recommendations_recommendation_changelist")


def select(recommendations, **data):
    return {"action": "record_board_decision", "_selected_action": [r.pk for r in recommendations], **data}


def test_the_form_chooses_nothing_and_shows_where_each_recommendation_stands(client, bob, make_recommendation):
    first, second = make_recommendation(status=Status.ONGOING), make_recommendation()
    services.record_decision(first, board="BE", meeting_date=datetime.date(2020, 9, 15), decision=Decision.ACCEPTED)
    client.force_login(bob)
    response = client.post(CHANGELIST, select([first, second]))
    form = response.context["form"]
    assert (form["board"].value(), form["decision"].value()) == (None, None)
    page = " ".join(response.content.decode().split())
    assert '<option value="" selected>---------</option>' in page
    assert "Status now: Ongoing; latest decision of the board of Belgium: Accepted" in page
    assert "Status now: Not executed; no board decision yet" in page
    refused = client.post(CHANGELIST, select([first, second], apply="1", meeting_date="2020-10-01"))
    assert set(refused.context["form"].errors) == {"board", "decision"}
    assert BoardDecision.objects.count() == 1


def test_a_reformulation_takes_each_recommendations_own_text(client, bob, make_recommendation):
    first, second = make_recommendation(), make_recommendation()
    client.force_login(bob)
    data = select([first, second], apply="1", board="FR", meeting_date="2020-10-01", decision="reformulated")
    missing = client.post(CHANGELIST, {**data, f"reformulated_text-{first.pk}": "Childcare at big meetings."})
    assert missing.context["form"].errors == {f"reformulated_text-{second.pk}": ["Give the reformulated text."]}
    assert not BoardDecision.objects.exists()
    texts = {f"reformulated_text-{first.pk}": "Childcare at big meetings.", f"reformulated_text-{second.pk}": "A room."}
    assert client.post(CHANGELIST, {**data, **texts}).status_code == 302
    assert dict(BoardDecision.objects.values_list("recommendation__reference", "reformulated_text")) == {
        first.reference: "Childcare at big meetings.",
        second.reference: "A room.",
    }
    assert LogEntry.objects.filter(user=bob).count() == 2


def test_a_text_without_a_reformulation_is_refused(client, bob, recommendation):
    client.force_login(bob)
    data = select([recommendation], apply="1", board="BE", meeting_date="2020-10-01", decision="accepted")
    response = client.post(CHANGELIST, {**data, f"reformulated_text-{recommendation.pk}": "Narrower"})
    assert response.context["form"].errors == {
        f"reformulated_text-{recommendation.pk}": ["Only a reformulation has a reformulated text."]
    }
    assert not BoardDecision.objects.exists()


def test_the_public_page_marks_each_boards_current_decision(client, recommendation):
    services.record_decision(recommendation, board="BE", meeting_date=datetime.date(2020, 9, 15), decision="postponed")
    page = client.get(recommendation.get_absolute_url()).content.decode()
    assert "current decision" not in page
    services.record_decision(recommendation, board="FR", meeting_date=datetime.date(2020, 10, 1), decision="accepted")
    services.record_decision(recommendation, board="BE", meeting_date=datetime.date(2021, 3, 1), decision="accepted")
    page = client.get(recommendation.get_absolute_url()).content.decode()
    marks = [
        line.strip()
        for line in page.splitlines()
        if '<div class="decision' in line or '<span class="decision__standing"' in line
    ]
    assert marks == [
        '<div class="decision decision--earlier">',
        '<span class="decision__standing">earlier decision</span></h3>',
        '<div class="decision decision--current">',
        '<span class="decision__standing">current decision</span></h3>',
        '<div class="decision decision--current">',
        '<span class="decision__standing">current decision</span></h3>',
    ]
