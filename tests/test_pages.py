"""The public pages: figures against a hand-computed register, filters, 404s, languages and query budgets."""

import datetime
import re

import pytest
from django.http import QueryDict
from django.test.client import RequestFactory
from django.utils.html import escape
from django.views.defaults import server_error

from recommendations import services
from recommendations.filters import RecommendationFilter
from recommendations.models import Decision, Recommendation, Status
from workgroups.models import Cycle, Office, Workgroup

from .support import queries_of, queries_of_page


@pytest.fixture
def register(make_recommendation, process):
    """Eight published recommendations and one unpublished one.

    2019-2020, Belgium, theme activity: 3 executed, 1 ongoing, 1 rejected, 1 postponed (June 2020).
    2019-2020, France, theme gender: 1 not executed (online workgroup).
    2017-2018, Belgium, theme gender: 1 executed (May 2018).
    Unpublished: 1 executed, which must never count nor show.
    """
    made = {}
    for number, status in enumerate([Status.EXECUTED] * 3 + [Status.ONGOING, Status.REJECTED, Status.POSTPONED]):
        made[f"2020-BE-{number + 1:02d}"] = make_recommendation(reference=f"2020-BE-{number + 1:02d}", status=status)
    made["2020-FR-01"] = make_recommendation(
        reference="2020-FR-01",
        country="FR",
        theme=process["gender"],
        workgroups=[process["online_group"]],
        title="Childcare during meetings",
    )
    made["2018-BE-01"] = make_recommendation(
        reference="2018-BE-01",
        cycle=process["old"],
        theme=process["gender"],
        workgroups=[process["old_group"]],
        status=Status.EXECUTED,
        date=datetime.date(2018, 5, 1),
        title="Gender figures",
    )
    made["2020-BE-99"] = make_recommendation(
        reference="2020-BE-99", status=Status.EXECUTED, published=False, title="Secret draft"
    )
    return made


def summary(response):
    figures = response.context["summary"]
    return figures.total, figures.implementation, [share.percent for share in figures.shares]


def breakdown(response, key):
    rows = next(item["rows"] for item in response.context["breakdowns"] if item["id"] == key)
    return {str(obj.slug): (figures.total, figures.implementation) for obj, figures in rows}


def references_on(response):
    return re.findall(r'class="reference">([A-Z0-9-]+)<', response.content.decode())


# The overview


def test_overview_shows_totals_shares_and_implementation_of_published_recommendations(client, register):
    response = client.get("/")
    assert response.status_code == 200
    # 4 executed of 8: 50 %; the four single ones share 50 points, ties go in status order.
    assert summary(response) == (8, 50, [50, 13, 13, 12, 12])
    content = response.content.decode()
    assert 'role="img"' in content
    assert "Executed: 4 (50%)" in content


def test_overview_tables_per_theme_and_per_cycle(client, register):
    response = client.get("/")
    assert breakdown(response, "themes") == {"consolidating-my-activity": (6, 50), "gender-equality": (2, 50)}
    assert breakdown(response, "cycles") == {"2019-2020": (7, 43), "2017-2018": (1, 100)}


def test_overview_shows_implementation_at_the_end_of_each_year(client, register):
    series = client.get("/").context["over_time"]
    assert [(day.year, figures.total, figures.implementation) for day, figures in series] == [
        (2018, 1, 100),
        (2019, 1, 100),
        (2020, 8, 50),
    ]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("cycle=2019-2020", (7, 43)),
        ("country=FR", (1, 0)),
        ("cycle=2019-2020&country=BE", (6, 50)),
        ("cycle=2017-2018&country=FR", (0, None)),
    ],
)
def test_cycle_and_country_narrow_every_figure_of_the_overview(client, register, query, expected):
    response = client.get(f"/?{query}")
    assert summary(response)[:2] == expected
    themes = breakdown(response, "themes")
    assert sum(total for total, _ in themes.values()) == expected[0]
    assert sum(figures.total for _, figures in response.context["over_time"][-1:]) == expected[0]


def test_an_empty_slice_shows_a_dash_not_a_percentage(client, register):
    content = client.get("/?cycle=2017-2018&country=FR").content.decode()
    assert "—" in content
    assert "No recommendations here yet." in content


def test_every_page_with_figures_says_how_the_implementation_percentage_is_computed(client, register):
    for url in ["/", "/recommendations/", "/themes/gender-equality/", "/cycles/2019-2020/"]:
        assert "divided by all recommendations in the set" in client.get(url).content.decode()
    for url in ["/recommendations/2020-BE-01/", "/recommendations/2099-XX-99/"]:
        assert "divided by all recommendations in the set" not in client.get(url).content.decode(), url


# Bad filter values


@pytest.mark.parametrize(
    "url, problems",
    [
        ("/?cycle=1999", [("cycle", "There is no cycle “1999”.")]),
        ("/?country=NL", [("country", "There is no country “NL”.")]),
        (
            "/recommendations/?status=finished&theme=nope",
            [("theme", "There is no theme “nope”."), ("status", "There is no status “finished”.")],
        ),
        ("/recommendations/?sort=colour", [("sort", "This list cannot be sorted by “colour”.")]),
    ],
)
def test_unknown_filter_values_say_so_in_plain_words_linked_to_their_field(client, register, url, problems):
    response = client.get(url)
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem with the filters" in content
    for name, message in problems:
        assert f'<li><a href="#id_{name}">{escape(message)}</a></li>' in content
        assert f'id="id_{name}"' in content
    assert references_on(response) == []
    assert "summary" not in response.context


def test_the_problem_is_said_in_the_readers_language(client, register):
    dutch = client.get("/?cycle=1999", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert escape("Er is geen cyclus “1999”.") in dutch
    french = client.get("/?cycle=1999", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    # A no-break space inside the guillemets keeps them with the value.
    assert escape("Il n’y a pas de cycle «\u00a01999\u00a0».") in french


# The list


@pytest.mark.parametrize(
    "query, expected",
    [
        (
            "",
            [
                "2020-BE-01",
                "2020-BE-02",
                "2020-BE-03",
                "2020-BE-04",
                "2020-BE-05",
                "2020-BE-06",
                "2020-FR-01",
                "2018-BE-01",
            ],
        ),
        ("cycle=2017-2018", ["2018-BE-01"]),
        ("theme=gender-equality", ["2020-FR-01", "2018-BE-01"]),
        ("workgroup=gender-online", ["2020-FR-01"]),
        ("office=brussels", ["2018-BE-01"]),
        ("country=FR", ["2020-FR-01"]),
        ("status=executed", ["2020-BE-01", "2020-BE-02", "2020-BE-03", "2018-BE-01"]),
        ("decision=accepted", []),
        ("q=childcare", ["2020-FR-01"]),
        ("sort=-reference&status=executed", ["2020-BE-03", "2020-BE-02", "2020-BE-01", "2018-BE-01"]),
    ],
)
def test_list_filters_and_sorts_published_recommendations(client, register, query, expected):
    response = client.get(f"/recommendations/?{query}")
    assert response.status_code == 200
    assert references_on(response) == expected
    assert response.context["summary"].total == len(expected)


def test_list_shows_the_latest_decision_of_each_board(client, register):
    recommendation = register["2020-BE-01"]
    decisions = [("BE", 1, Decision.ACCEPTED), ("BE", 9, Decision.REFORMULATED), ("FR", 5, Decision.REFUSED)]
    for board, day, decision in decisions:
        services.record_decision(
            recommendation,
            board=board,
            meeting_date=datetime.date(2020, 7, day),
            decision=decision,
            reformulated_text="Narrower" if decision == Decision.REFORMULATED else "",
        )
    content = client.get("/recommendations/?q=2020-BE-01").content.decode()
    assert "Belgium: <strong>Reformulated</strong>" in content
    assert "France: <strong>Refused</strong>" in content
    assert "<strong>Accepted</strong>" not in content


def test_list_is_paginated_and_page_links_keep_the_filters(client, make_recommendation):
    for _ in range(30):
        make_recommendation(status=Status.ONGOING)
    first = client.get("/recommendations/?status=ongoing")
    assert len(references_on(first)) == 25
    assert 'href="?status=ongoing&amp;page=2"' in first.content.decode()
    second = client.get("/recommendations/?status=ongoing&page=2")
    assert len(references_on(second)) == 5
    assert "Page 2 of 2 (26–30)" in second.content.decode()


@pytest.mark.parametrize(
    "query, total",
    [
        ("theme=consolidating-my-activity&status=ongoing", 30),
        ("office=nantes", 45),
        ("workgroup=activity-nantes&sort=-date", 45),
        ("sort=title", 90),
        ("status=executed&sort=-reference", 30),
    ],
)
def test_list_pages_show_each_row_once_in_the_order_of_the_list(client, make_recommendation, process, query, total):
    # Odd ones come from two workgroups of the same office: filtering by the office must not repeat them.
    evening = Workgroup.objects.create(
        cycle=process["new"],
        theme=process["activity"],
        office=process["nantes_group"].office,
        name="Activity (Nantes, evening)",
        slug="activity-nantes-evening",
    )
    statuses = [Status.EXECUTED, Status.ONGOING, Status.NOT_EXECUTED]
    for number in range(1, 91):
        make_recommendation(
            reference=f"2020-BE-{number:02d}",
            title=f"Recommendation {number * 7 % 91:02d}",
            cycle=process["old"] if number % 4 == 0 else process["new"],
            status=statuses[number % 3],
            date=datetime.date(2020, 1 + number % 12, 1 + number % 28),
            workgroups=[process["nantes_group"], evening] if number % 2 else [process["lyon_group"]],
        )
    filterset = RecommendationFilter(QueryDict(query), queryset=Recommendation.objects.published())
    expected = list(filterset.qs.values_list("reference", flat=True))
    assert len(expected) == total
    first = client.get(f"/recommendations/?{query}")
    pages = first.context["page"].paginator.num_pages
    shown = []
    for number in range(1, pages + 1):
        response = client.get(f"/recommendations/?{query}&page={number}")
        assert response.context["page"].paginator.count == response.context["summary"].total == total
        shown += references_on(response)
    assert shown == expected


def test_list_links_to_its_csv_with_the_same_filters(client, register):
    content = client.get("/recommendations/?country=FR&status=not_executed").content.decode()
    assert 'href="/recommendations/export.csv?country=FR&amp;status=not_executed"' in content


# One recommendation


def test_recommendation_page_tells_its_whole_story(client, register, process):
    recommendation = register["2020-FR-01"]
    services.record_decision(
        recommendation,
        board="FR",
        meeting_date=datetime.date(2020, 7, 25),
        decision=Decision.REFORMULATED,
        motivation="Within the means of the coming year.",
        reformulated_text="Childcare at the big meetings.",
    )
    services.record_progress(
        recommendation, status=Status.ONGOING, date=datetime.date(2021, 2, 3), note="Pilot in Lille."
    )
    response = client.get("/recommendations/2020-FR-01/")
    content = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Childcare during meetings",
        "Text of the recommendation.",
        "2019-2020",
        "Gender equality",
        "Gender (online)",
        "Online, across offices",
        "France: Reformulated",
        "Within the means of the coming year.",
        "Childcare at the big meetings.",
        "None yet",
        "Pilot in Lille.",
        "June 1, 2020",
        "Feb. 3, 2021",
    ]:
        assert text in content, text
    timeline = content[content.index('class="timeline"') :]
    assert timeline.index("June 1, 2020") < timeline.index("Feb. 3, 2021")


def test_recommendation_page_keeps_the_responsible_team_internal(client, make_recommendation):
    # The follow-up kind is public; who inside the cooperative carries it is an internal field.
    make_recommendation(reference="2020-BE-90", follow_up="directorate", directorate="Finance back office")
    content = client.get("/recommendations/2020-BE-90/").content.decode()
    assert "Permanent work of a directorate" in content
    assert "Finance back office" not in content


def test_recommendation_page_names_and_links_the_offices_of_its_workgroups(client, make_recommendation, process):
    make_recommendation(reference="2020-FR-05", workgroups=[process["nantes_group"], process["lyon_group"]])
    content = client.get("/recommendations/2020-FR-05/").content.decode()
    assert '<a href="/offices/lyon/">Lyon</a>, <a href="/offices/nantes/">Nantes</a>' in content


def test_recommendation_page_links_to_published_recommendations_that_take_it_up_again(client, register):
    original = register["2020-BE-06"]
    later = register["2018-BE-01"]
    later.revisits = original
    later.save()
    hidden = register["2020-BE-99"]
    hidden.revisits = original
    hidden.save()
    content = client.get("/recommendations/2020-BE-06/").content.decode()
    assert 'href="/recommendations/2018-BE-01/"' in content
    assert "2020-BE-99" not in content
    assert 'href="/recommendations/2020-BE-06/"' in client.get("/recommendations/2018-BE-01/").content.decode()


def test_dates_follow_the_readers_language(client, register):
    content = client.get("/recommendations/2020-BE-01/", headers={"accept-language": "fr"}).content.decode()
    assert "1 juin 2020" in content
    assert '<html lang="fr">' in content


# Themes, cycles and workgroups


def test_theme_page_shows_its_figures_per_cycle_and_its_recommendations(client, register):
    response = client.get("/themes/gender-equality/")
    assert summary(response)[:2] == (2, 50)
    assert breakdown(response, "cycles") == {"2019-2020": (1, 0), "2017-2018": (1, 100)}
    assert sorted(references_on(response)) == ["2018-BE-01", "2020-FR-01"]
    assert 'href="/recommendations/?theme=gender-equality"' in response.content.decode()


def test_cycle_page_shows_its_figures_per_theme_and_per_workgroup(client, register):
    response = client.get("/cycles/2019-2020/")
    assert summary(response)[:2] == (7, 43)
    assert breakdown(response, "themes") == {"consolidating-my-activity": (6, 50), "gender-equality": (1, 0)}
    assert breakdown(response, "workgroups") == {"activity-nantes": (6, 50), "gender-online": (1, 0)}
    assert len(references_on(response)) == 7


def test_workgroup_page_shows_its_figures_and_recommendations(client, register):
    response = client.get("/workgroups/gender-brussels-2018/")
    assert summary(response)[:2] == (1, 100)
    assert references_on(response) == ["2018-BE-01"]
    assert "Brussels" in response.content.decode()


def test_objects_link_to_their_public_pages(register, process):
    assert process["gender"].get_absolute_url() == "/themes/gender-equality/"
    assert process["old"].get_absolute_url() == "/cycles/2017-2018/"
    assert process["online_group"].get_absolute_url() == "/workgroups/gender-online/"
    assert register["2020-BE-01"].get_absolute_url() == "/recommendations/2020-BE-01/"


# Unpublished recommendations


def test_unpublished_recommendations_never_count_nor_show(client, register):
    for url in [
        "/",
        "/recommendations/",
        "/recommendations/?status=executed",
        "/themes/consolidating-my-activity/",
        "/cycles/2019-2020/",
        "/workgroups/activity-nantes/",
    ]:
        response = client.get(url)
        assert "2020-BE-99" not in response.content.decode(), url
        assert "Secret draft" not in response.content.decode(), url
    assert client.get("/recommendations/2020-BE-99/").status_code == 404


# Not found and errors


@pytest.mark.parametrize(
    "url", ["/recommendations/2099-XX-01/", "/themes/nope/", "/cycles/nope/", "/workgroups/nope/", "/no-such-page/"]
)
def test_unknown_reference_or_slug_gives_a_styled_404(client, register, url):
    response = client.get(url)
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page not found" in content
    assert "css/site.css" in content
    assert 'href="/recommendations/"' in content


def test_server_error_page_renders_without_the_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


# Demo data, languages, markup


def test_demo_notice_appears_on_every_page_only_when_demo_data_is_published(client, register, process):
    assert "Illustrative demo data" not in client.get("/").content.decode()
    process["new"].is_demo = True
    process["new"].save()
    for url in ["/", "/recommendations/", "/recommendations/2020-BE-01/", "/themes/gender-equality/", "/nope/"]:
        assert "Illustrative demo data" in client.get(url).content.decode(), url


def test_language_follows_the_browser_and_the_switcher(client, register):
    assert '<html lang="nl">' in client.get("/", headers={"accept-language": "nl"}).content.decode()
    response = client.get("/language/fr/", {"next": "/recommendations/?country=FR"})
    assert response.status_code == 302
    assert response.url == "/recommendations/?country=FR"
    assert '<html lang="fr">' in client.get("/", headers={"accept-language": "nl"}).content.decode()


def test_the_switcher_is_a_link_per_language_back_to_the_same_page(client, register):
    content = client.get("/themes/gender-equality/?page=1").content.decode()
    for code, name in [("en", "English"), ("nl", "Nederlands"), ("fr", "Français")]:
        link = f'href="/language/{code}/?next=/themes/gender-equality/%3Fpage%3D1" lang="{code}" hreflang="{code}"'
        assert link in content, code
        assert f">{name}</a>" in content, code
    assert 'hreflang="en" aria-current="true"' in content


def test_the_switcher_goes_back_only_to_this_site_and_knows_its_languages(client, register):
    for unsafe in ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]:
        response = client.get("/language/nl/", {"next": unsafe})
        assert response.status_code == 302, unsafe
        assert response.url == "/", unsafe
    response = client.get("/language/xx/", {"next": "/"})
    assert response.status_code == 404
    assert "django_language" not in response.cookies
    assert '<html lang="nl">' in client.get("/").content.decode()


def test_public_pages_carry_no_csrf_token_and_set_no_cookie(client, register):
    for url in ["/", "/recommendations/", "/recommendations/2020-BE-01/", "/themes/gender-equality/"]:
        response = client.get(url)
        assert "csrfmiddlewaretoken" not in response.content.decode(), url
        assert not response.cookies, url


def test_pages_have_no_inline_scripts_or_styles(client, register):
    urls = [
        "/",
        "/recommendations/",
        "/recommendations/2020-BE-01/",
        "/cycles/2019-2020/",
        "/nope/",
        "/?cycle=x",
        "/recommendations/?status=<script>alert(1)</script>&q=<script>",
    ]
    for url in urls:
        content = client.get(url).content.decode()
        assert "<script" not in content, url
        assert "<style" not in content, url
        assert "style=" not in content, url


# Query budgets


# Built afresh (the first request after a change), a page reads the data version for itself (the
# whole page is kept under it) and for its figures; asked again, it runs that one query only. The list in
# its usual order also reads the cycles and their counts, to read a page from the cycle it falls in.
PAGES = [
    ("/", 11),
    ("/?cycle=2019-2020&country=BE", 12),
    ("/recommendations/", 12),
    ("/recommendations/?office=nantes&sort=-date&page=2", 11),
    ("/recommendations/?cycle=2017-2018&theme=consolidating-my-activity&office=nantes", 11),
    # One of them reads the projects that answer it (``recommendations.sections``).
    ("/recommendations/2020-BE-01/", 8),
    # A theme's, cycle's or workgroup's page reads its follow-up by projects from their links (``sections``).
    ("/themes/consolidating-my-activity/", 13),
    ("/cycles/2019-2020/", 15),
    ("/workgroups/activity-nantes/", 11),
]


def make_many(make_recommendation, count):
    for number in range(1, count + 1):
        recommendation = make_recommendation(reference=f"2020-BE-{number:02d}", status=Status.EXECUTED)
        services.record_decision(
            recommendation, board="BE", meeting_date=datetime.date(2020, 7, 1), decision=Decision.ACCEPTED
        )
        services.record_progress(recommendation, status=Status.ONGOING, date=datetime.date(2021, 1, 1))


@pytest.mark.parametrize("url, budget", PAGES)
def test_pages_cost_the_same_queries_for_30_or_61_recommendations_within_their_budget(
    client, make_recommendation, url, budget
):
    make_many(make_recommendation, 30)
    few = queries_of_page(client, url)
    make_recommendation(reference="2020-BE-99", date=datetime.date(2020, 6, 1))
    for number in range(31, 61):
        make_recommendation(reference=f"2020-BE-{number:02d}", status=Status.ONGOING, date=datetime.date(2021, 5, 1))
    assert queries_of_page(client, url) == few <= budget


@pytest.mark.parametrize("url", [url for url, _budget in PAGES])
def test_a_page_asked_again_is_served_whole_from_the_cache(client, make_recommendation, url, django_assert_num_queries):
    make_many(make_recommendation, 3)
    built = client.get(url)
    with django_assert_num_queries(1):  # the data version
        again = client.get(url)
    assert again.status_code == 200
    assert again.content == built.content
    assert again["Content-Type"] == built["Content-Type"] == "text/html; charset=utf-8"


def test_list_by_theme_and_status_runs_the_same_queries_whatever_the_rows_workgroups_and_page(
    client, make_recommendation, process
):
    url = "/recommendations/?theme=consolidating-my-activity&status=ongoing&page={}"
    make_many(make_recommendation, 30)
    client.get(url.format(1))
    # Page 2 is built (not yet kept whole): the data version for the page and for its figures, the theme
    # asked for, the cycles (a page is read from the cycle it falls in), the keys of the page, its rows,
    # whether demo data shows, and the menus of cycles, themes, workgroups and offices (eleven at most); the
    # figures are read from the cache.
    few = queries_of_page(client, url.format(2))
    assert few <= 11
    cycle = Cycle.objects.create(
        name="2020-2021",
        slug="2020-2021",
        edition=6,
        start_date=datetime.date(2020, 10, 1),
        end_date=datetime.date(2021, 5, 31),
    )
    offices = [Office.objects.create(name=f"Office {n}", slug=f"office-{n}", country="FR") for n in range(5)]
    groups = [
        Workgroup.objects.create(
            cycle=cycle, theme=process["activity"], office=offices[n % 5], name=f"Group {n}", slug=f"group-{n}"
        )
        for n in range(60)
    ]
    for number in range(1, 41):
        recommendation = make_recommendation(
            reference=f"2021-FR-{number:02d}",
            cycle=cycle,
            country="FR",
            status=Status.ONGOING,
            workgroups=groups[number : number + 3],
        )
        for board in ("BE", "FR"):
            services.record_decision(
                recommendation, board=board, meeting_date=datetime.date(2021, 7, 1), decision=Decision.ACCEPTED
            )
    client.get(url.format(99))  # the figures of the set, computed once (a page past the end shows the last)
    for page in (1, 2, 3):
        count, response = queries_of(client.get, url.format(page))
        # Page 2 holds the last rows of the new cycle and the first of the one before: a query for each.
        assert count == few + (page == 2), page
        assert len(references_on(response)) == (25 if page < 3 else 20)


def test_the_filters_fold_away_while_results_are_shown_and_open_on_a_problem(client, register):
    closed, opened = '<details class="filter-form__disclosure">', '<details class="filter-form__disclosure" open>'
    for address in ("/", "/?country=FR", "/recommendations/", "/recommendations/?country=FR"):
        assert closed in client.get(address).content.decode(), address
    for address in ("/?country=XX", "/recommendations/?country=XX"):
        assert opened in client.get(address).content.decode(), address


def test_the_list_heading_says_what_the_filters_show(client, register, process):
    page = client.get(
        "/recommendations/", {"cycle": "2019-2020", "status": "ongoing", "q": "peer"}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    heading = '<h1>Aanbevelingen: <span class="cycle-name">2019-2020</span> · Lopend · “peer”</h1>'
    assert heading in page.content.decode()
    assert "<h1>All recommendations</h1>" in client.get("/recommendations/").content.decode()
    overview = client.get("/", {"cycle": "2019-2020", "country": "FR"}).content.decode()
    assert '<h1>What became of the recommendations: <span class="cycle-name">2019-2020</span> · France</h1>' in overview


def test_the_current_year_is_marked_as_a_figure_so_far(client, make_recommendation):
    from django.utils import timezone

    make_recommendation(status=Status.EXECUTED, date=timezone.localdate())
    content = client.get("/").content.decode()
    assert f"{timezone.localdate().year}</time> (so far)" in content
    assert content.count('<circle class="line-chart__point"') == 1
    assert '<text class="line-chart__so-far"' in content


def test_pages_of_an_empty_register_show_dashes_not_errors(client, process):
    for url in [
        "/",
        "/recommendations/",
        "/themes/gender-equality/",
        "/cycles/2019-2020/",
        "/workgroups/gender-online/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.context["summary"].implementation is None
        assert "—" in response.content.decode(), url


def test_each_filter_in_use_can_be_removed_and_an_empty_list_says_how_to_see_more(client, register, process):
    page = client.get("/recommendations/", {"cycle": "2017-2018", "theme": "consolidating-my-activity", "page": "2"})
    content = page.content.decode()
    cycle_chip = (
        '<a class="chip" href="/recommendations/?theme=consolidating-my-activity"><span class="cycle-name">2017-2018'
    )
    assert cycle_chip in content
    assert '<a class="chip" href="/recommendations/?cycle=2017-2018">Consolidating my activity' in content
    assert "No published recommendation matches. Remove one of the filters above to see more." in content
    assert 'class="chip"' not in client.get("/recommendations/").content.decode()


def test_a_list_of_one_status_gives_its_count_and_no_implementation_percentage(client, register):
    content = client.get("/recommendations/", {"status": "ongoing"}).content.decode()
    assert "implemented" not in content.split('class="list-summary__heading"')[1].split("</h2>")[0]
    assert "implemented" in client.get("/recommendations/").content.decode()


def test_a_french_heading_keeps_french_punctuation(client, register):
    content = client.get("/recommendations/", {"status": "ongoing"}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<h1>Recommandations\u00a0: En cours</h1>" in content
