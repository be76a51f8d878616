"""The Atom feeds, read as a feed reader reads them (feedparser): each entry a dated change of the history, in
the language of the feed's address, newest first, the same as the pages show; the list's filters, an
unknown value refused; only published recommendations and projects; exact after a change."""

import datetime
import re

import feedparser
import pytest

from projects.models import Project, ProjectUpdate
from recommendations import feeds, services
from recommendations.models import BoardDecision, Decision, ProgressUpdate, Status
from tests.support import queries_of
from tests.test_language_crawl import TextsWithLanguage, untranslated_texts
from workgroups.models import Office, Theme

NBSP = "\u00a0"
ATOM = "application/atom+xml; charset=utf-8"


@pytest.fixture
def register(make_recommendation, process, alice, bob):
    """Two published recommendations with their histories, one unpublished, and a project answering them."""
    workspaces = make_recommendation(
        reference="2020-BE-01",
        title="Shared workspaces",
        title_nl="Gedeelde werkruimten",
        title_fr="Espaces de travail partagés",
        workgroups=[process["nantes_group"]],
        date=datetime.date(2020, 6, 1),
    )
    # Written in French, translated into nothing: marked as French in Dutch.
    pay = make_recommendation(
        reference="2020-BE-02",
        language="fr",
        title="Égalité salariale",
        text="Payer autant.",
        theme=process["gender"],
        workgroups=[process["old_group"]],
        date=datetime.date(2020, 6, 1),
    )
    services.record_decision(
        workspaces,
        user=bob,
        board="BE",
        meeting_date=datetime.date(2020, 6, 20),
        decision=Decision.REFORMULATED,
        reformulated_text="Two workspaces first.",
        reformulated_text_nl="Eerst twee werkruimten.",
        reformulated_text_fr="D’abord deux espaces.",
    )
    services.record_decision(pay, user=bob, board="BE", meeting_date=datetime.date(2020, 7, 15), decision="refused")
    started = services.record_progress(
        workspaces, status=Status.ONGOING, date=datetime.date(2020, 9, 1), note="Work started.", user=alice
    )
    ProgressUpdate.objects.filter(pk=started.pk).update(note_nl="Het werk is begonnen.")
    hidden = make_recommendation(reference="2020-BE-66", title="Zanzibar", published=False, status=Status.EXECUTED)
    services.record_progress(hidden, status=Status.ONGOING, date=datetime.date(2021, 1, 1), note="Zanzibar note")
    project = Project.objects.create(
        kind="test_project",
        title="Shared agendas",
        title_nl="Gedeelde agenda's",
        slug="shared-agendas",
        description="Monthly meetings.",
        contact_name="Sofie",
        contact_email="sofie@example.org",
        start_date=datetime.date(2020, 10, 1),
    )
    project.recommendations.set([workspaces, hidden])
    project.offices.set([process["brussels"]])
    ProjectUpdate.objects.create(
        project=project, date=datetime.date(2020, 11, 5), text="First meeting.", text_nl="Eerste bijeenkomst."
    )
    return {"workspaces": workspaces, "pay": pay, "hidden": hidden, "project": project}


def read(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    assert response["Content-Type"] == ATOM
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def titles(feed):
    return [entry.title for entry in feed.entries]


# The whole register, newest first: by day, then by the moment each change was recorded.
DUTCH = [
    ("2020-09-01", "2020-BE-01 Gedeelde werkruimten: Lopend"),
    ("2020-07-15", "2020-BE-02 Égalité salariale (in het Frans): Verworpen"),
    ("2020-07-15", "2020-BE-02 Égalité salariale (in het Frans): Geweigerd door de raad van bestuur, België"),
    ("2020-06-20", "2020-BE-01 Gedeelde werkruimten: Geherformuleerd door de raad van bestuur, België"),
    ("2020-06-01", "2020-BE-02 Égalité salariale (in het Frans): Niet uitgevoerd"),
    ("2020-06-01", "2020-BE-01 Gedeelde werkruimten: Niet uitgevoerd"),
]
FRENCH = [
    f"2020-BE-01 Espaces de travail partagés{NBSP}: En cours",
    f"2020-BE-02 Égalité salariale{NBSP}: Rejetée",
    f"2020-BE-02 Égalité salariale{NBSP}: Refusée par le conseil d’administration, Belgique",
    f"2020-BE-01 Espaces de travail partagés{NBSP}: Reformulée par le conseil d’administration, Belgique",
    f"2020-BE-02 Égalité salariale{NBSP}: Non exécutée",
    f"2020-BE-01 Espaces de travail partagés{NBSP}: Non exécutée",
]


def test_the_list_feed_holds_every_change_newest_first_in_dutch(client, register):
    feed = read(client, "/nl/recommendations/feed/")
    assert feed.feed.language == "nl"
    assert feed.feed.title == "Alle aanbevelingen · Smart in Progress"
    assert [(entry.published[:10], entry.title) for entry in feed.entries] == DUTCH
    assert {entry.link for entry in feed.entries} == {
        "http://testserver/recommendations/2020-BE-01/",
        "http://testserver/recommendations/2020-BE-02/",
    }
    # The feed changed last when its newest change was recorded; times are UTC.
    newest = max(entry.updated for entry in feed.entries)
    assert feed.feed.updated == newest
    assert all(entry.updated.endswith("+00:00") for entry in feed.entries)
    started = ProgressUpdate.objects.get(recommendation__reference="2020-BE-01", status=Status.ONGOING)
    assert feed.entries[0].updated == started.recorded_at.astimezone(datetime.UTC).isoformat()


def test_the_list_feed_speaks_french_under_fr(client, register):
    feed = read(client, "/fr/recommendations/feed/")
    assert feed.feed.language == "fr"
    assert titles(feed) == FRENCH
    assert feed.feed.title == "Toutes les recommandations · Smart in Progress"


def test_an_entry_says_what_the_page_says_and_marks_a_text_in_its_own_language(client, register):
    entries = {entry.title: entry.content[0].value for entry in read(client, "/nl/recommendations/feed/").entries}
    reformulated = entries[DUTCH[3][1]]
    assert "België: Geherformuleerd" in reformulated
    assert "Vergadering van 20 juni 2020" in reformulated
    assert "Eerst twee werkruimten." in reformulated
    started = entries[DUTCH[0][1]]
    assert '<time datetime="2020-09-01">1 september 2020</time>' in started
    assert "<strong>Lopend</strong>" in started
    assert "Het werk is begonnen." in started
    rejected = entries[DUTCH[1][1]]
    assert "na de beslissing van de raad van bestuur, België" in rejected
    assert '<span lang="fr">Égalité salariale</span> <small class="original-language">in het Frans</small>' in rejected


def page_history(client, reference, language):
    """(day, status) of every update in the page's timeline, and (board: decision, meeting) of every decision."""
    page = client.get(f"/recommendations/{reference}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    timeline = re.findall(
        r'<time datetime="([\d-]+)">[^<]*</time>\s*<span class="badge[^"]*"><span[^>]*></span>([^<]+)</span>', page
    )
    decisions = re.findall(
        r'<div class="decision[^"]*">\s*<h3>([^<]+?)\s*(?:<span|</h3>).*?<p class="decision__date">([^<]+)</p>',
        page,
        re.S,
    )
    return timeline, decisions


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_a_recommendations_feed_holds_what_its_page_shows(client, register, language):
    for reference in ("2020-BE-01", "2020-BE-02"):
        feed = read(client, f"/{language}/recommendations/{reference}/feed/")
        timeline, decisions = page_history(client, reference, language)
        assert timeline
        assert decisions
        colon = f"{NBSP}: " if language == "fr" else ": "
        shown_updates = {
            (entry.published[:10], entry.title.rsplit(colon, 1)[1]) for entry in feed.entries if "progress/" in entry.id
        }
        assert shown_updates == set(timeline)
        for board_and_decision, meeting in decisions:
            assert any(
                board_and_decision in entry.content[0].value and meeting in entry.content[0].value
                for entry in feed.entries
            ), board_and_decision
        assert len(feed.entries) == len(timeline) + len(decisions)
        # Newest first, as the page's timeline is oldest first.
        days = [entry.published[:10] for entry in feed.entries]
        assert days == sorted(days, reverse=True)


def test_every_feed_of_a_change_gives_it_one_id_that_never_changes(client, register):
    reformulated = BoardDecision.objects.get(recommendation__reference="2020-BE-01")
    recorded = reformulated.recorded_at.astimezone(datetime.UTC).date()
    expected = f"tag:testserver,{recorded.isoformat()}:decision/{reformulated.pk}"
    feeds = [
        "/nl/recommendations/feed/",
        "/fr/recommendations/feed/",
        "/nl/recommendations/feed/?theme=consolidating-my-activity",
        "/nl/recommendations/2020-BE-01/feed/",
        "/fr/themes/consolidating-my-activity/feed/",
        "/nl/cycles/2019-2020/feed/",
        "/nl/workgroups/activity-nantes/feed/",
        "/en/projects/shared-agendas/feed/",
    ]
    for url in feeds:
        ids = [entry.id for entry in read(client, url).entries]
        assert expected in ids, url
        assert len(ids) == len(set(ids)), url
    before = [entry.id for entry in read(client, "/nl/recommendations/feed/").entries]
    services.record_progress(register["pay"], status=Status.POSTPONED, date=datetime.date(2020, 10, 1))
    after = [entry.id for entry in read(client, "/nl/recommendations/feed/").entries]
    # Exact at once, through the page cache: the new change on top, every other as it was.
    assert after[1:] == before
    assert after[0].startswith("tag:testserver,")
    assert "progress/" in after[0]


def test_the_list_feed_takes_the_lists_filters(client, register):
    by_theme = read(client, "/nl/recommendations/feed/?theme=gender-equality")
    assert [title for _day, title in DUTCH if "2020-BE-02" in title] == titles(by_theme)
    # A name shown as it was written says its language, as the list's heading does.
    assert by_theme.feed.title == "Aanbevelingen: Gender equality (in het Engels) · Smart in Progress"
    assert by_theme.feed.link == "http://testserver/recommendations/?theme=gender-equality"
    by_status = read(client, "/nl/recommendations/feed/?status=ongoing")
    assert titles(by_status) == [title for _day, title in DUTCH if "2020-BE-01" in title]
    by_cycle = read(client, "/nl/recommendations/feed/?cycle=2017-2018")
    assert by_cycle.entries == []
    # The feed has one order and no pages: an order or a page asked for is left out of its address.
    response = client.get("/nl/recommendations/feed/?status=ongoing&sort=title&page=2")
    assert response.status_code == 302
    assert response["Location"] == "/nl/recommendations/feed/?status=ongoing"


@pytest.mark.parametrize(
    "language, message",
    [
        ("en", "These filters are not valid: There is no status “done”."),
        ("fr", f"Ces filtres ne sont pas valides{NBSP}: Il n’y a pas de statut «{NBSP}done{NBSP}»."),
    ],
)
def test_an_unknown_filter_value_answers_400_in_plain_words(client, register, language, message):
    response = client.get(f"/{language}/recommendations/feed/?status=done")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == message


def test_an_empty_feed_is_valid_atom(client, register):
    Theme.objects.create(name="Nothing yet", slug="nothing-yet")
    feed = read(client, "/nl/themes/nothing-yet/feed/")
    assert feed.entries == []
    assert feed.feed.title == "Thema: Nothing yet (in het Engels) · Smart in Progress"
    assert feed.feed.updated == "1970-01-01T00:00:00+00:00"
    assert feed.feed.link == "http://testserver/themes/nothing-yet/"


def test_a_project_feed_holds_its_news_and_its_published_recommendations_changes(client, register):
    feed = read(client, "/nl/projects/shared-agendas/feed/")
    assert feed.feed.title == "Gedeelde agenda's · Smart in Progress"
    assert titles(feed) == [
        "Gedeelde agenda's: nieuws van 5 november 2020",
        *[title for _day, title in DUTCH if "2020-BE-01" in title],
    ]
    news = feed.entries[0]
    assert news.link == "http://testserver/projects/shared-agendas/"
    assert news.published[:10] == "2020-11-05"
    assert "Eerste bijeenkomst." in news.content[0].value
    assert "Zanzibar" not in str(feed)


def test_an_office_feed_holds_its_projects_news_and_its_workgroups_recommendations(client, register):
    feed = read(client, "/fr/offices/brussels/feed/")
    assert titles(feed) == [
        f"Shared agendas (en anglais){NBSP}: nouvelles du 5 novembre 2020",
        *[title for title in FRENCH if "2020-BE-02" in title],
    ]


def test_an_unpublished_project_or_recommendation_has_no_feed(client, register):
    Project.objects.filter(pk=register["project"].pk).update(published=False)
    assert client.get("/nl/projects/shared-agendas/feed/").status_code == 404
    assert client.get("/nl/recommendations/2020-BE-66/feed/").status_code == 404


def test_an_address_without_a_language_leads_to_the_readers(client, register):
    response = client.get("/themes/gender-equality/feed/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/themes/gender-equality/feed/"


@pytest.mark.parametrize(
    "page, feed",
    [
        (
            "/recommendations/?theme=gender-equality&sort=title&page=1",
            "/nl/recommendations/feed/?theme=gender-equality",
        ),
        ("/recommendations/2020-BE-01/", "/nl/recommendations/2020-BE-01/feed/"),
        ("/themes/gender-equality/", "/nl/themes/gender-equality/feed/"),
        ("/cycles/2019-2020/", "/nl/cycles/2019-2020/feed/"),
        ("/workgroups/activity-nantes/", "/nl/workgroups/activity-nantes/feed/"),
        ("/offices/brussels/", "/nl/offices/brussels/feed/"),
        ("/projects/shared-agendas/", "/nl/projects/shared-agendas/feed/"),
    ],
)
def test_each_page_links_its_feed_in_its_readers_language(client, register, page, feed):
    html = client.get(page, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    escaped = feed.replace("&", "&amp;")
    title = "Volg de wijzigingen op deze pagina"
    assert f'<link rel="alternate" type="application/atom+xml" href="{escaped}" title="{title}">' in html
    assert f'<a class="follow__link" href="{escaped}" type="application/atom+xml">' in html
    read(client, feed)


def test_a_feed_costs_the_same_queries_however_many_changes_it_holds(client, register, make_recommendation, process):
    first, _ = queries_of(client.get, "/nl/themes/consolidating-my-activity/feed/")
    for number in range(10):
        added = make_recommendation(reference=f"2020-BE-{30 + number}")
        services.record_progress(added, status=Status.ONGOING, date=datetime.date(2021, 1, 1 + number))
    count, response = queries_of(client.get, "/nl/themes/consolidating-my-activity/feed/")
    # 2020-BE-01's three changes, and two of each new one.
    assert len(feedparser.parse(response.content).entries) == 3 + 20
    assert count == first


def test_a_feed_holds_the_fifty_newest_changes(client, register, make_recommendation):
    first = datetime.date(2021, 1, 1)
    for number in range(60):
        make_recommendation(reference=f"2021-BE-{number:02d}", date=first + datetime.timedelta(number))
    feed = read(client, "/en/recommendations/feed/")
    # 66 changes: the 60 new ones, each on a day of its own, and the register's 6, all older.
    assert [entry.published[:10] for entry in feed.entries] == [
        (first + datetime.timedelta(number)).isoformat() for number in range(59, 9, -1)
    ]


@pytest.mark.parametrize("few", [feeds.FEW_RECOMMENDATIONS, 1], ids=["by their keys", "by the newest changes"])
def test_a_feed_holds_the_fifty_newest_decisions_and_updates_of_its_recommendations_together(
    client, register, make_recommendation, process, bob, monkeypatch, few
):
    # A theme's recommendations are read through their keys, or, past FEW_RECOMMENDATIONS, by walking the
    # newest changes of all: either way the same entries. Another theme's newer changes are left out.
    monkeypatch.setattr(feeds, "FEW_RECOMMENDATIONS", few)
    first = datetime.date(2021, 1, 1)
    for number in range(40):
        added = make_recommendation(reference=f"2021-BE-{number:02d}", date=first + datetime.timedelta(2 * number))
        meeting = first + datetime.timedelta(2 * number + 1)
        services.record_decision(added, user=bob, board="FR", meeting_date=meeting, decision=Decision.POSTPONED)
    other = make_recommendation(reference="2021-BE-99", theme=process["gender"], date=datetime.date(2022, 1, 1))
    services.record_decision(other, user=bob, board="BE", meeting_date=datetime.date(2022, 2, 1), decision="refused")
    theme = Theme.objects.get(slug="consolidating-my-activity")
    published = {"recommendation__published": True, "recommendation__theme": theme}
    changes = [
        *((d.meeting_date, d.recorded_at, f"decision/{d.pk}") for d in BoardDecision.objects.filter(**published)),
        *((u.date, u.recorded_at, f"progress/{u.pk}") for u in ProgressUpdate.objects.filter(**published)),
    ]
    assert len(changes) > 80
    expected = [record for _day, _at, record in sorted(changes, reverse=True)[:50]]
    feed = read(client, "/en/themes/consolidating-my-activity/feed/")
    assert [entry.id.rsplit(":", 1)[1] for entry in feed.entries] == expected
    assert {record.split("/")[0] for record in expected} == {"decision", "progress"}


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_the_demos_feeds_mark_each_text_in_another_language(demo, client, language):
    foreign = untranslated_texts(language)
    any_of = re.compile("|".join(re.escape(text) for text in sorted(foreign, key=len, reverse=True)))
    marker = {
        "nl": {"nl": "", "fr": "in het Frans", "en": "in het Engels"},
        "fr": {"fr": "", "nl": "en néerlandais", "en": "en anglais"},
    }[language]
    feeds = [f"/{language}/recommendations/feed/"] + [
        f"/{language}{record.get_absolute_url()}feed/"
        for records in (Theme.objects.all(), Office.objects.all(), Project.objects.published())
        for record in records
    ]
    marked, unmarked = 0, []
    for url in feeds:
        for entry in read(client, url).entries:
            parser = TextsWithLanguage()
            parser.feed(entry.content[0].value)
            for text, shown_as in parser.texts:
                for found in any_of.finditer(text):
                    if shown_as == foreign[found.group()]:
                        marked += 1
                    else:
                        unmarked.append((url, found.group()[:60]))
            # A title is plain text: the marker follows a text shown as written, as on the pages.
            for found in any_of.finditer(entry.title):
                if not entry.title[found.end() :].startswith(f" ({marker[foreign[found.group()]]})"):
                    unmarked.append((url, entry.title))
    assert not unmarked[:10]
    assert marked
