"""Following by e-mail, against a real SMTP server (aiosmtpd) on the loopback: the request and its confirmation,
the digest, leaving in one click, the settings and the data; and the outbox sent exactly once while the server
refuses, stalls or is gone, or a worker dies.
"""

import datetime
import json
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from following import digests, sending
from following.models import ConfirmationThrottle, Event, Follower, Mail, Subscription
from projects.models import Project, ProjectUpdate
from recommendations import services as register
from recommendations.models import Recommendation, Status

from .smtp_server import MailServer
from .support import queries_of, requires_postgresql, run_together

SITE = "http://testserver"


@pytest.fixture
def server(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_TIMEOUT = 1
    # One connection: the other threads' database connections would not see the test's transaction.
    settings.FOLLOWING_SEND_CONNECTIONS = 1
    settings.SITE_URL = SITE
    settings.DEFAULT_FROM_EMAIL = "Smart in Progress <no-reply@sip.example>"
    with MailServer() as running:
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", running.port
        yield running


def ask(client, kind, key, address, frequency="weekly", language="en"):
    return client.post(
        f"/follow/{kind}/{key}/", {"email": address, "frequency": frequency}, HTTP_ACCEPT_LANGUAGE=language
    )


def deliver():
    sending.send_pending()


def link(message, path):
    body = message.get_content()
    found = re.search(rf"{SITE}({path}[^\s]+)", body)
    assert found, body
    return found.group(1)


def follow_confirmed(client, server, kind, key, address, language="en"):
    """Ask, receive the confirmation mail, confirm with its link's button."""
    before = len(server.messages)
    assert ask(client, kind, key, address, language=language).status_code == 200
    deliver()
    message = server.messages[before]
    confirm = link(message, "/following/confirm/")
    assert client.get(confirm).status_code == 200
    assert client.post(confirm).status_code == 302
    return message


def to(server, address):
    return [message for message in server.messages if message["To"] == address]


@pytest.fixture
def fifty_three(process, make_recommendation):
    """53 recommendations of the theme "Consolidating my activity", the last one unpublished."""
    made = [make_recommendation() for _ in range(53)]
    Recommendation.objects.filter(pk=made[-1].pk).update(published=False)
    made[-1].refresh_from_db()
    return made


def brussels_project(process, kind, title, slug):
    """A published project of the Brussels office."""
    project = Project.objects.create(
        kind=kind,
        title=title,
        slug=slug,
        description="A project of the tests.",
        contact_name="Sofie",
        contact_email="sofie@example.org",
        start_date="2022-10-06",
    )
    project.offices.add(process["brussels"])
    return project


def test_every_followable_page_has_the_follow_form(client, process, recommendation):
    brussels_project(process, "test_project", "Afterworks", "afterworks")
    pages = {
        f"/recommendations/{recommendation.reference}/": f"/follow/recommendation/{recommendation.reference}/",
        "/themes/consolidating-my-activity/": "/follow/theme/consolidating-my-activity/",
        "/cycles/2019-2020/": "/follow/cycle/2019-2020/",
        "/workgroups/activity-nantes/": "/follow/workgroup/activity-nantes/",
        "/offices/brussels/": "/follow/office/brussels/",
        "/projects/afterworks/": "/follow/project/afterworks/",
    }
    for page, action in pages.items():
        html = client.get(page).content.decode()
        assert f'action="{action}"' in html, page
        assert 'type="email"' in html


def test_an_unpublished_recommendation_or_project_cannot_be_followed(client, server, recommendation):
    Recommendation.objects.filter(pk=recommendation.pk).update(published=False)
    assert ask(client, "recommendation", recommendation.reference, "ann@example.org").status_code == 404
    assert client.get("/follow/theme/no-such-theme/").status_code == 404
    assert not Follower.objects.exists()


def test_a_request_sends_one_confirmation_in_the_readers_language_and_nothing_counts_before(
    client, server, recommendation
):
    response = ask(client, "recommendation", recommendation.reference, "Ann@Example.org", language="fr")
    assert response.status_code == 200
    assert "boîte" in response.content.decode()
    deliver()
    [message] = server.messages
    assert message["To"] == "ann@example.org"
    assert str(message["Subject"]).strip() == "Confirmez ce que vous suivez sur Smart in Progress"
    assert f"{recommendation.reference} Recommendation 1" in message.get_content()
    assert str(message["List-Unsubscribe"]).strip().startswith(f"<{SITE}/following/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"].endswith("@sip.example>")
    # Not confirmed: a change tells nobody.
    register.record_progress(recommendation, status=Status.ONGOING, date=datetime.date(2021, 3, 1))
    assert digests.compose(force=True) == 0
    # Opening the link confirms nothing (mail scanners open links); the button does.
    confirm = link(message, "/following/confirm/")
    assert "Confirmer" in client.get(confirm, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert not Subscription.objects.filter(confirmed_at__isnull=False).exists()
    assert client.post(confirm).status_code == 302
    assert Follower.objects.get().language == "fr"
    register.record_progress(recommendation, status=Status.EXECUTED, date=datetime.date(2021, 9, 7))
    assert digests.compose(force=True) == 1
    deliver()
    digest = server.messages[1]
    assert str(digest["Subject"]).strip() == "Smart in Progress\u00a0: un changement dans ce que vous suivez"
    body = digest.get_content()
    assert "Statut\u00a0: Exécutée, depuis le 7 septembre 2021" in body
    assert "En cours" not in body  # the change made before confirming is not news to them
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_one_confirmation_an_hour_per_address_and_the_same_answer_whoever_asks(
    client, server, process, make_recommendation
):
    first, second, third = make_recommendation(), make_recommendation(), make_recommendation()
    follow_confirmed(client, server, "recommendation", first.reference, "ann@example.org")
    answers = [
        ask(client, "recommendation", second.reference, "ANN@example.org").content,
        ask(client, "recommendation", second.reference, "bob@example.org").content,
        ask(client, "recommendation", second.reference, "ann@example.org").content,
    ]
    # A follower, a newcomer and a repeated request get the same page (the address is not in it).
    assert answers[0] == answers[1] == answers[2]
    assert b"ann@example.org" not in answers[0]
    ask(client, "recommendation", third.reference, "ann@example.org")
    ask(client, "theme", "gender-equality", " ann@example.org ")
    deliver()
    assert len(to(server, "ann@example.org")) == 1
    assert len(to(server, "bob@example.org")) == 1
    # An hour later the next request brings one mail listing everything still waiting for confirmation.
    ConfirmationThrottle.objects.update(last_sent_at=timezone.now() - datetime.timedelta(hours=1, seconds=1))
    ask(client, "cycle", "2019-2020", "ann@example.org")
    deliver()
    later = to(server, "ann@example.org")[1].get_content()
    for name in (second.reference, third.reference, "Gender equality", "2019-2020"):
        assert name in later
    assert first.reference not in later


def test_a_board_meeting_of_53_decisions_sends_one_digest_per_follower(client, server, fifty_three):
    follow_confirmed(client, server, "theme", "consolidating-my-activity", "theme@example.org")
    follow_confirmed(client, server, "recommendation", fifty_three[0].reference, "one@example.org")
    follow_confirmed(client, server, "theme", "gender-equality", "other@example.org")
    Recommendation.objects.filter(pk=fifty_three[-1].pk).update(published=True)
    register.record_decisions(fifty_three, board="BE", meeting_date=datetime.date(2021, 3, 15), decision="accepted")
    Recommendation.objects.filter(pk=fifty_three[-1].pk).update(published=False)
    assert digests.compose(force=True) == 2
    deliver()
    [theme] = to(server, "theme@example.org")[1:]
    body = theme.get_content()
    assert str(theme["Subject"]).strip() == "Smart in Progress: 52 changes in what you follow"
    assert body.count("Board of directors Belgium, meeting of March 15, 2021: Accepted") == 52
    for recommendation in fifty_three[:-1]:
        assert f"/recommendations/{recommendation.reference}/" in body
    # The unpublished recommendation never shows in a mail.
    assert fifty_three[-1].reference not in body
    [one] = to(server, "one@example.org")[1:]
    assert str(one["Subject"]).strip() == "Smart in Progress: one change in what you follow"
    assert len(to(server, "other@example.org")) == 1  # its confirmation only
    # Nothing new: no second digest.
    assert digests.compose(force=True) == 0


def test_a_digest_waits_for_the_followers_day_or_week(client, server, process, make_recommendation):
    recommendation = make_recommendation()
    follow_confirmed(client, server, "cycle", "2019-2020", "daily@example.org")
    follow_confirmed(client, server, "cycle", "2019-2020", "weekly@example.org")
    Follower.objects.filter(email="daily@example.org").update(frequency="daily")
    register.record_progress(recommendation, status=Status.ONGOING, date=datetime.date(2021, 1, 4))
    now = timezone.now()
    assert digests.compose(now=now) == 2
    register.record_progress(recommendation, status=Status.EXECUTED, date=datetime.date(2021, 1, 5))
    assert digests.compose(now=now + datetime.timedelta(hours=2)) == 0
    assert digests.compose(now=now + datetime.timedelta(days=1)) == 1
    assert digests.compose(now=now + datetime.timedelta(days=7)) == 1
    deliver()
    assert [len(to(server, address)) for address in ("daily@example.org", "weekly@example.org")] == [3, 3]


def test_a_project_update_reaches_the_followers_of_the_project_and_its_office(client, server, process):
    project = brussels_project(process, "local_initiative", "Repair café", "repair-cafe")
    follow_confirmed(client, server, "project", "repair-cafe", "project@example.org")
    follow_confirmed(client, server, "office", "brussels", "office@example.org")
    ProjectUpdate.objects.create(project=project, date="2023-01-01", text="First evening: 14 toasters.")
    assert digests.compose(force=True) == 2
    deliver()
    for address in ("project@example.org", "office@example.org"):
        assert "First evening: 14 toasters." in to(server, address)[1].get_content()


def test_a_projects_change_of_state_reaches_its_followers_as_it_was_set(client, server, process):
    project = brussels_project(process, "test_project", "Repair café", "repair-cafe")
    follow_confirmed(client, server, "project", "repair-cafe", "project@example.org", language="nl")
    project.title = "Repair café Brussel"
    project.save()
    assert digests.compose(force=True) == 0  # a new title is no news
    project.state = "running"
    project.save()
    project.state = "finished"
    project.end_date = "2023-06-30"
    project.save()
    assert digests.compose(force=True) == 1
    deliver()
    content = to(server, "project@example.org")[-1].get_content()
    assert "- Stand: Lopend" in content
    assert "- Stand: Afgerond" in content
    assert content.index("Stand: Lopend") < content.index("Stand: Afgerond")


def test_one_click_unsubscribe_needs_no_form_token_and_stops_every_mail(server, process, make_recommendation):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    recommendation = make_recommendation()
    follow_confirmed(Client(), server, "recommendation", recommendation.reference, "ann@example.org")
    register.record_progress(recommendation, status=Status.ONGOING, date=datetime.date(2021, 1, 4))
    digests.compose(force=True)
    deliver()
    unsubscribe = str(server.messages[-1]["List-Unsubscribe"]).strip().strip("<>").removeprefix(SITE)
    assert client.get(unsubscribe).status_code == 200
    assert Subscription.objects.count() == 1  # opening the link alone changes nothing
    response = client.post(unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    register.record_progress(recommendation, status=Status.EXECUTED, date=datetime.date(2021, 2, 4))
    assert digests.compose(force=True) == 0


def test_the_settings_page_changes_frequency_language_and_what_is_followed(
    client, server, process, make_recommendation
):
    first, second = make_recommendation(), make_recommendation()
    follow_confirmed(client, server, "recommendation", first.reference, "ann@example.org")
    ConfirmationThrottle.objects.all().delete()
    message = follow_confirmed(client, server, "recommendation", second.reference, "ann@example.org")
    manage = link(message, "/following/manage/")
    page = client.get(manage).content.decode()
    assert first.reference in page
    assert second.reference in page
    kept, dropped = Subscription.objects.order_by("pk")
    response = client.post(manage, {"frequency": "daily", "language": "nl", "dropped": [str(dropped.pk)]})
    assert response.status_code == 302
    follower = Follower.objects.get()
    assert (follower.frequency, follower.language) == ("daily", "nl")
    assert list(Subscription.objects.all()) == [kept]
    # A value the form does not offer changes nothing.
    assert client.post(manage, {"frequency": "hourly", "language": "nl"}).status_code == 400
    assert Follower.objects.get().frequency == "daily"


def test_a_follower_downloads_then_deletes_their_data(client, server, recommendation):
    message = follow_confirmed(client, server, "recommendation", recommendation.reference, "ann@example.org")
    manage = link(message, "/following/manage/")
    data = json.loads(client.get(manage + "export.json").content)
    assert data["email"] == "ann@example.org"
    assert [(entry["kind"], entry["name"]) for entry in data["follows"]] == [
        ("recommendation", f"{recommendation.reference} Recommendation 1")
    ]
    assert data["mails"][0]["message_id"] == message["Message-ID"]
    assert client.post(manage, {"delete": ""}).status_code == 200
    assert not Follower.objects.exists()
    assert not Subscription.objects.exists()
    assert not Mail.objects.exists()
    assert client.get(manage).status_code == 404
    # The throttle keeps no address.
    assert "ann" not in ConfirmationThrottle.objects.get().pk


def test_an_altered_or_unknown_link_changes_nothing(client, server, recommendation):
    message = follow_confirmed(client, server, "recommendation", recommendation.reference, "ann@example.org")
    manage = link(message, "/following/manage/")
    unsubscribe = str(message["List-Unsubscribe"]).strip().strip("<>").removeprefix(SITE)
    for address in (manage[:-3] + "xx/", unsubscribe[:-3] + "xx/", "/following/confirm/abc/"):
        assert client.post(address, {"delete": ""}).status_code == 404
    assert Subscription.objects.filter(confirmed_at__isnull=False).count() == 1


def test_a_bad_address_is_refused_with_a_message_and_nothing_is_sent(client, server, recommendation):
    response = ask(client, "recommendation", recommendation.reference, "not an address")
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not Follower.objects.exists()
    deliver()
    assert server.messages == []


def digests_for(client, server, recommendation, count):
    """``count`` confirmed followers of ``recommendation`` with a digest each in the outbox."""
    for number in range(count):
        follow_confirmed(client, server, "recommendation", recommendation.reference, f"f{number}@example.org")
    register.record_progress(recommendation, status=Status.ONGOING, date=datetime.date(2021, 1, 4))
    assert digests.compose(force=True) == count


def time_passes():
    Mail.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))


def assert_each_digest_once(server, count):
    ids = Counter(message["Message-ID"] for message in server.messages if "change" in message["Subject"])
    assert len(ids) == count
    assert set(ids.values()) <= {1}
    assert Counter(m["To"] for m in server.messages if "change" in m["Subject"]) == {
        f"f{number}@example.org": 1 for number in range(count)
    }


def test_refused_stalled_and_gone_server_every_mail_arrives_once_after(client, server, recommendation):
    digests_for(client, server, recommendation, 6)
    server.handler.mode = "refuse"
    deliver()
    assert Mail.objects.filter(sent_at__isnull=True).count() == 6
    assert Mail.objects.get(to="f0@example.org", kind="digest").attempts == 1
    # Backing off: nothing is tried again before its time.
    server.handler.mode = "accept"
    deliver()
    assert Mail.objects.filter(sent_at__isnull=True).count() == 6
    server.handler.mode, server.handler.stall_seconds = "stall", 3
    time_passes()
    deliver()
    assert Mail.objects.filter(sent_at__isnull=True).count() == 6
    port = server.port
    server.stop()
    time_passes()
    deliver()
    assert Mail.objects.get(to="f0@example.org", kind="digest").attempts == 3
    server.handler.mode = "accept"
    server.port = port
    server.start()
    time_passes()
    deliver()
    deliver()
    assert_each_digest_once(server, 6)
    assert not sending.pending().exists()


def test_a_refused_recipient_waits_alone_and_the_others_go(client, server, recommendation):
    digests_for(client, server, recommendation, 3)
    server.handler.refused_recipients = {"f1@example.org"}
    deliver()
    assert sorted(Mail.objects.filter(sent_at__isnull=True).values_list("to", flat=True)) == ["f1@example.org"]


def test_mails_a_dead_worker_claimed_are_sent_by_another_once_its_lease_is_over(client, server, recommendation):
    digests_for(client, server, recommendation, 5)
    claimed = sending.claim("dead-worker")
    assert len(claimed) == 5
    deliver()
    assert_each_digest_once(server, 0)
    Mail.objects.update(claimed_until=timezone.now() - datetime.timedelta(seconds=1))
    deliver()
    assert_each_digest_once(server, 5)
    # The dead worker, come back, sends nothing: its claim is gone.
    assert sending.send_batch("dead-worker", claimed) == 0
    assert_each_digest_once(server, 5)


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_several_workers_at_once_send_each_mail_once(client, server, settings, process, make_recommendation):
    recommendation = make_recommendation()
    digests_for(client, server, recommendation, 40)
    settings.FOLLOWING_SEND_CONNECTIONS = 3
    run_together(4, lambda index: sending.send_pending(worker=f"worker-{index}"))
    assert_each_digest_once(server, 40)


@pytest.mark.django_db(transaction=True)
def test_the_task_worker_sends_what_a_request_wrote(client, server, settings, process, make_recommendation):
    """Through Django's Tasks API and its database backend: the request enqueues, ``db_worker`` sends."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    recommendation = make_recommendation()
    ask(client, "recommendation", recommendation.reference, "ann@example.org")
    assert DBTaskResult.objects.count() == 1
    assert server.messages == []
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    [message] = server.messages
    assert message["To"] == "ann@example.org"
    assert not sending.pending().exists()


def test_a_change_costs_its_writer_the_same_whatever_the_number_of_followers(client, server, make_recommendation):
    quiet, followed = make_recommendation(), make_recommendation()
    for number in range(5):
        follow_confirmed(client, server, "recommendation", followed.reference, f"f{number}@example.org")
    alone, _update = queries_of(register.record_progress, quiet, status=Status.ONGOING, date=datetime.date(2021, 1, 4))
    watched, _update = queries_of(
        register.record_progress, followed, status=Status.ONGOING, date=datetime.date(2021, 1, 4)
    )
    assert watched == alone
    # One row for the change (and one for the creation), none per follower.
    assert Event.objects.filter(recommendation=followed).count() == 2


def test_a_status_changed_by_the_import_reaches_the_followers(client, server, recommendation):
    follow_confirmed(client, server, "recommendation", recommendation.reference, "ann@example.org")
    with transaction.atomic():
        locked = register.lock_for_import([recommendation.reference])
        register.import_recommendations(
            [
                register.Imported(
                    locked[recommendation.reference], status=Status.EXECUTED, date=datetime.date(2021, 9, 7)
                )
            ]
        )
    assert digests.compose(force=True) == 1
    deliver()
    assert "Status: Executed, since Sept. 7, 2021" in server.messages[-1].get_content()
