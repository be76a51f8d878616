"""Figures as of a day (``as_of=YYYY-MM-DD``): every figure page shows them as they stood at the end of that
day, from the progress history, says so, and refuses a day it cannot show in plain words.

The expected figures are counted here, in Python, from the recommendations and their progress updates.
"""

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape

from recommendations import services
from recommendations.models import DayCount, Recommendation, Status

from .support import History

STOCKTAKING = datetime.date(2022, 1, 31)


@pytest.fixture
def history(make_recommendation, process):
    """Histories that cross the stocktaking of January 2022.

    At the end of 31 January 2022: A executed (15 January), B rejected, C not executed yet, D executed
    (2018), F not yet recorded (1 February), and the unpublished E never counts.
    """

    def progress(recommendation, *steps):
        for status, day in steps:
            services.record_progress(recommendation, status=status, date=day)
        return recommendation

    made = {
        "A": progress(
            make_recommendation(reference="2020-BE-01"),
            (Status.ONGOING, datetime.date(2021, 3, 1)),
            (Status.EXECUTED, datetime.date(2022, 1, 15)),
        ),
        "B": progress(make_recommendation(reference="2020-BE-02"), (Status.REJECTED, datetime.date(2020, 12, 31))),
        "C": progress(
            make_recommendation(
                reference="2020-FR-01", country="FR", theme=process["gender"], workgroups=[process["online_group"]]
            ),
            (Status.EXECUTED, datetime.date(2022, 3, 1)),
        ),
        "D": make_recommendation(
            reference="2018-BE-01",
            cycle=process["old"],
            theme=process["gender"],
            workgroups=[process["old_group"]],
            status=Status.EXECUTED,
            date=datetime.date(2018, 5, 1),
        ),
        "E": make_recommendation(reference="2020-BE-99", status=Status.EXECUTED, published=False),
        "F": make_recommendation(reference="2020-BE-03", date=datetime.date(2022, 2, 1)),
    }
    return made


def counts(figures):
    return {status: figures.counts[status] for status in Status}


def test_the_overview_as_of_the_stocktaking_shows_the_figures_of_that_day(client, history, process):
    response = client.get("/", {"as_of": "2022-01-31"})
    assert response.status_code == 200
    expected = History().counts(STOCKTAKING)
    assert expected == {
        Status.EXECUTED: 2,
        Status.ONGOING: 0,
        Status.NOT_EXECUTED: 1,
        Status.REJECTED: 1,
        Status.POSTPONED: 0,
    }
    summary = response.context["summary"]
    assert counts(summary) == expected
    assert summary.implementation == 50
    content = response.content.decode()
    assert '<span class="headline__number">4</span>' in content
    assert "implemented (2 executed)" in content
    # Today the register has one recommendation more (F) and C is executed.
    assert counts(client.get("/").context["summary"])[Status.EXECUTED] == 3

    for key, field, objects in (("themes", "theme_id", "gender activity"), ("cycles", "cycle_id", "old new")):
        rows = next(item["rows"] for item in response.context["breakdowns"] if item["id"] == key)
        assert {obj.pk: counts(figures) for obj, figures in rows} == History().counts_by(STOCKTAKING, field)
        assert len(rows) == len(objects.split())


def test_the_figures_over_the_years_stop_at_the_day_asked_for(client, history):
    response = client.get("/", {"as_of": "2022-01-31"})
    series = response.context["over_time"]
    assert [day for day, _figures in series] == [datetime.date(year, 12, 31) for year in range(2018, 2022)] + [
        STOCKTAKING
    ]
    assert [(day, counts(figures)) for day, figures in series] == History().year_ends(STOCKTAKING)
    content = response.content.decode()
    assert '<time datetime="2022-01-31">2022</time> (to Jan. 31, 2022)' in content
    assert '<time datetime="2021-12-31">2021</time></th>' in content
    assert "2023" not in content


@pytest.mark.parametrize(
    "url, place",
    [
        ("/themes/gender-equality/", {"theme_id": "gender"}),
        ("/cycles/2019-2020/", {"cycle_id": "new"}),
        ("/workgroups/gender-online/", {"theme_id": "gender", "country": "FR"}),
        # Nantes's one workgroup handed in A, B and F, the activity theme's published recommendations.
        ("/offices/nantes/", {"theme_id": "activity"}),
    ],
)
def test_each_figure_page_shows_its_figures_as_of_a_day(client, history, process, url, place):
    place = {key: process[value].pk if key != "country" else value for key, value in place.items()}
    for day in (datetime.date(2020, 12, 30), datetime.date(2020, 12, 31), STOCKTAKING, datetime.date(2022, 3, 1)):
        response = client.get(url, {"as_of": day.isoformat()})
        assert response.status_code == 200
        assert counts(response.context["summary"]) == History().counts(day, **place), (url, day)
        assert [(end, counts(figures)) for end, figures in response.context["over_time"]] == History().year_ends(
            day, **place
        )
        assert "Figures as they stood at the end of" in response.content.decode()


def test_a_cycle_page_as_of_a_day_counts_its_workgroups_of_that_day(client, history, process):
    response = client.get("/cycles/2019-2020/", {"as_of": "2020-12-31"})
    rows = next(item["rows"] for item in response.context["breakdowns"] if item["id"] == "workgroups")
    # A and B (Nantes) and C (online) were recorded on 1 June 2020; B was rejected on 31 December.
    assert {group.slug: counts(figures)[Status.REJECTED] for group, figures in rows} == {
        "activity-nantes": 1,
        "gender-online": 0,
    }
    assert {group.slug: figures.total for group, figures in rows} == {"activity-nantes": 2, "gender-online": 1}


def test_the_page_says_which_day_its_figures_are_of_in_the_readers_language(client, history):
    english = client.get("/", {"as_of": "2022-01-31"}).content.decode()
    assert "Figures as they stood at the end of Jan. 31, 2022" in english
    assert 'value="2022-01-31"' in english
    assert '<a href="/">See today\'s figures</a>' in english
    dutch = client.get("/themes/gender-equality/", {"as_of": "2022-01-31"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert "De cijfers zoals ze waren op het einde van 31 januari 2022" in dutch.content.decode()
    french = client.get("/cycles/2019-2020/", {"as_of": "2022-01-31"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Les chiffres tels qu’ils étaient à la fin du 31 janvier 2022" in french.content.decode()
    today = client.get("/").content.decode()
    assert "Figures as they stood at the end of" in today  # the form's label
    assert "See today's figures" not in today


def test_the_list_below_a_slice_as_of_a_day_says_it_shows_today(client, history):
    content = client.get("/themes/consolidating-my-activity/", {"as_of": "2021-01-01"}).content.decode()
    assert "Each as it is today, with its status today." in content
    assert "2020-BE-03" in content  # recorded after that day, but listed: the list is today's


def test_the_choice_of_a_day_keeps_the_overview_narrowed(client, history):
    content = client.get("/", {"cycle": "2019-2020", "as_of": "2021-01-01"}).content.decode()
    assert '<input type="hidden" name="cycle" value="2019-2020">' in content
    assert '<a href="/?cycle=2019-2020">See today\'s figures</a>' in content
    # The list of these recommendations is today's: it does not take the day.
    assert 'href="/recommendations/?cycle=2019-2020"' in content


def test_a_day_before_any_history_shows_empty_figures_and_says_why(client, history):
    response = client.get("/", {"as_of": "2010-06-01"})
    assert response.status_code == 200
    assert response.context["summary"].total == 0
    assert response.context["over_time"] == []
    content = response.content.decode()
    assert "No progress had been recorded by the end of that day: there is nothing to count yet." in content
    assert "No progress had been recorded by the end of that day." in content
    assert "—" in content


@pytest.mark.parametrize(
    "value, message",
    [
        ("abc", "“abc” is not a date: write it as year-month-day, such as 2022-01-31."),
        ("31/01/2022", "“31/01/2022” is not a date: write it as year-month-day, such as 2022-01-31."),
        ("20220131", "“20220131” is not a date: write it as year-month-day, such as 2022-01-31."),
        ("٢٠٢٢-٠١-٣١", "“٢٠٢٢-٠١-٣١” is not a date: write it as year-month-day, such as 2022-01-31."),
        ("2022-02-30", "There is no day 2022-02-30 in the calendar."),
        ("0000-01-01", "There is no day 0000-01-01 in the calendar."),
        ("2022-13-01", "There is no day 2022-13-01 in the calendar."),
    ],
)
@pytest.mark.parametrize(
    "url", ["/", "/themes/gender-equality/", "/cycles/2019-2020/", "/workgroups/gender-online/", "/offices/nantes/"]
)
def test_a_value_that_is_not_a_day_is_refused_in_plain_words(client, history, url, value, message):
    response = client.get(url, {"as_of": value})
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem with the day asked for" in content
    assert f'<li><a href="#id_as_of">{escape(message)}</a></li>' in content
    assert 'id="id_as_of"' in content
    assert 'aria-invalid="true"' in content
    assert "summary" not in response.context
    assert "2020-BE-01" not in content


def test_a_day_still_to_come_is_refused_and_today_is_shown(client, history):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.get("/", {"as_of": tomorrow.isoformat()})
    assert response.status_code == 400
    assert "are not known yet: choose today or an earlier day." in response.content.decode()
    today = client.get("/", {"as_of": timezone.localdate().isoformat()})
    assert today.status_code == 200
    assert counts(today.context["summary"]) == History().counts(timezone.localdate())


def test_a_bad_day_and_a_bad_filter_are_both_named(client, history):
    response = client.get("/", {"cycle": "1999", "as_of": "2022-02-30"})
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem with the filters" in content
    assert escape("There is no cycle “1999”.") in content
    assert "There is no day 2022-02-30 in the calendar." in content


def test_the_refusal_is_said_in_the_readers_language(client, history):
    dutch = client.get("/", {"as_of": "2022-02-30"}, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Dag 2022-02-30 bestaat niet in de kalender." in dutch
    french = client.get("/", {"as_of": "abc"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert escape("«\u00a0abc\u00a0» n’est pas une date\u00a0: écrivez-la année-mois-jour") in french


def test_an_empty_day_shows_todays_figures(client, history):
    response = client.get("/", {"as_of": ""})
    assert response.status_code == 200
    assert response.context["as_of"] is None
    assert counts(response.context["summary"]) == counts(client.get("/").context["summary"])


@pytest.mark.parametrize("url", ["/", "/themes/gender-equality/"])
def test_pages_as_of_a_day_are_kept_per_address_and_follow_a_change(client, history, settings, url):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    first = client.get(url, {"as_of": "2021-01-01"}).content
    other = client.get(url, {"as_of": "2022-01-31"}).content
    assert first != other
    assert client.get(url, {"as_of": "2021-01-01"}).content == first
    # A progress update recorded today for a day in the past shows in the figures of that day at once.
    recommendation = Recommendation.objects.get(reference="2020-FR-01")
    services.record_progress(recommendation, status=Status.ONGOING, date=datetime.date(2020, 12, 1))
    after = client.get(url, {"as_of": "2021-01-01"})
    assert after.content != first
    assert after.context["summary"].counts[Status.ONGOING] == 1


def test_an_unknown_parameter_beside_the_day_is_redirected_away_keeping_the_day(client, history):
    response = client.get("/themes/gender-equality/", {"as_of": "2021-01-01", "colour": "red"})
    assert response.status_code == 302
    assert response["Location"] == "/themes/gender-equality/?as_of=2021-01-01"


def test_the_figures_of_a_day_are_read_from_the_kept_day_counts(client, history, process):
    # A count the triggers did not make: the page shows it, so it was read from the kept table.
    DayCount.objects.filter(day=datetime.date(2022, 1, 15), status=Status.EXECUTED).update(started=40)
    assert "implemented (41 executed)" in client.get("/", {"as_of": "2022-01-31"}).content.decode()
