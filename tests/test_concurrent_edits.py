"""Two staff members editing the same record: the second save is refused with what changed; nothing is lost."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from recommendations import services
from recommendations.models import BoardDecision, Decision, Recommendation, Status

from .support import admin_form_data, requires_postgresql, run_together

CHANGELIST = reverse("admin:recommendations_recommendation_changelist")


def change_url(recommendation):
    return reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])


def open_form(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return admin_form_data(response)


def test_second_save_on_the_same_version_is_refused_showing_what_changed(client, alice, root, recommendation):
    url = change_url(recommendation)
    alice_form = open_form(client, alice, url)
    root_form = open_form(client, root, url)
    assert alice_form["seen_version"] == root_form["seen_version"] == 1

    client.force_login(alice)
    assert client.post(url, {**alice_form, "title": "Open the boards' agendas"}).status_code == 302

    client.force_login(root)
    refused = client.post(url, {**root_form, "text": "Members ask to read every agenda."})
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Someone else saved this recommendation while you were editing it (alice at" in page
    assert "Changed Title." in page
    assert "Saved meanwhile: Open the boards&#x27; agendas" in page
    assert "Saved meanwhile: Text of the recommendation." in page
    saved = Recommendation.objects.get(pk=recommendation.pk)
    assert (saved.title, saved.text, saved.version) == ("Open the boards' agendas", "Text of the recommendation.", 2)

    # Having read what changed, saving again is a deliberate choice.
    again = admin_form_data(refused)
    assert again["seen_version"] == 2
    assert client.post(url, again).status_code == 302
    saved.refresh_from_db()
    assert (saved.title, saved.text, saved.version) == ("Recommendation 1", "Members ask to read every agenda.", 3)


def test_a_form_without_its_version_is_refused(client, alice, recommendation):
    url = change_url(recommendation)
    form = open_form(client, alice, url)
    del form["seen_version"]
    response = client.post(url, {**form, "title": "Changed"})
    assert response.status_code == 200
    assert "This form is incomplete" in response.content.decode()
    assert Recommendation.objects.get(pk=recommendation.pk).title == "Recommendation 1"


@pytest.mark.parametrize("forged", ["0", "2", "99999999999", "-5", "x"])
def test_a_forged_version_is_refused_with_a_message(client, alice, recommendation, forged):
    url = change_url(recommendation)
    form = open_form(client, alice, url)
    response = client.post(url, {**form, "seen_version": forged, "title": "Changed"})
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert Recommendation.objects.get(pk=recommendation.pk).title == "Recommendation 1"


def test_read_only_pages_do_not_show_the_version(client, charlie, recommendation):
    entry = services.record_decision(
        recommendation, board="BE", meeting_date=datetime.date(2020, 9, 15), decision=Decision.ACCEPTED
    )
    client.force_login(charlie)
    for url in [change_url(recommendation), reverse("admin:recommendations_boarddecision_change", args=[entry.pk])]:
        page = client.get(url).content.decode()
        assert "Seen version" not in page
        assert "seen_version" not in page


def test_a_status_recorded_while_the_form_is_open_survives_its_save(client, alice, bob, recommendation):
    url = change_url(recommendation)
    form = open_form(client, alice, url)
    services.record_progress(recommendation, status=Status.ONGOING, date=datetime.date(2021, 3, 1), user=bob)
    assert client.post(url, {**form, "directorate": "Members' services"}).status_code == 302
    saved = Recommendation.objects.get(pk=recommendation.pk)
    assert (saved.status, saved.directorate) == (Status.ONGOING, "Members' services")


def test_second_edit_of_a_board_decision_is_refused(client, alice, bob, recommendation):
    entry = services.record_decision(
        recommendation, board="BE", meeting_date=datetime.date(2020, 9, 15), decision=Decision.ACCEPTED
    )
    url = reverse("admin:recommendations_boarddecision_change", args=[entry.pk])
    bob_form = open_form(client, bob, url)
    alice_form = open_form(client, alice, url)

    client.force_login(bob)
    bob_edit = {**bob_form, "decision": Decision.REFUSED, "motivation": "Outside our means"}
    assert client.post(url, bob_edit).status_code == 302

    client.force_login(alice)
    refused = client.post(url, {**alice_form, "motivation": "Fits the strategic plan"})
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Someone else saved this board decision while you were editing it (bob at" in page
    assert "Saved meanwhile: Outside our means" in page
    entry.refresh_from_db()
    assert (entry.decision, entry.motivation, entry.version) == (Decision.REFUSED, "Outside our means", 2)
    assert Recommendation.objects.get(pk=recommendation.pk).status == Status.REJECTED


def test_second_edit_of_a_decision_inline_is_refused(client, alice, root, recommendation):
    entry = services.record_decision(
        recommendation, board="FR", meeting_date=datetime.date(2020, 9, 15), decision=Decision.ACCEPTED
    )
    url = change_url(recommendation)
    alice_form = open_form(client, alice, url)
    root_form = open_form(client, root, url)
    client.force_login(alice)
    assert client.post(url, {**alice_form, "decisions-0-motivation": "Agreed in Lyon"}).status_code == 302
    client.force_login(root)
    refused = client.post(url, {**root_form, "decisions-0-motivation": "Agreed in Paris"})
    assert refused.status_code == 200
    assert "Someone else saved this recommendation while you were editing it" in refused.content.decode()
    assert BoardDecision.objects.get(pk=entry.pk).motivation == "Agreed in Lyon"


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_of_eight_simultaneous_saves_on_one_version_exactly_one_wins(django_user_model, make_recommendation):
    recommendation = make_recommendation()
    editors = [
        django_user_model.objects.create_superuser(username=f"editor{number}", password="editor-Pa55word!")
        for number in range(8)
    ]
    url = change_url(recommendation)
    from django.test import Client

    clients, forms = [], []
    for editor in editors:
        client = Client()
        forms.append(open_form(client, editor, url))
        clients.append(client)

    def save(index):
        return clients[index].post(url, {**forms[index], "title": f"Title by editor{index}"}).status_code

    statuses = run_together(len(editors), save)
    assert sorted(statuses) == [200] * 7 + [302]
    winner = statuses.index(302)
    saved = Recommendation.objects.get(pk=recommendation.pk)
    assert (saved.title, saved.version) == (f"Title by editor{winner}", 2)
    assert LogEntry.objects.filter(object_id=str(recommendation.pk)).get().user.username == f"editor{winner}"
