"""Badges and figure cards for newsletters and other sites: the implementation percentage of a theme, a
cycle, a workgroup or an office, in the asker's language, exact after a change."""

import datetime
import xml.etree.ElementTree as ElementTree

import pytest

from recommendations import services
from recommendations.models import Status
from tests.test_colours import contrast

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def quarter(make_recommendation, process):
    """Four published recommendations of the activity theme, one executed (25%), and an unpublished one."""
    make_recommendation(status=Status.EXECUTED)
    for _ in range(3):
        make_recommendation(status=Status.ONGOING)
    make_recommendation(status=Status.EXECUTED, published=False)
    return process


def badge(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    return ElementTree.fromstring(response.content)


def texts(svg):
    return [text.text for text in svg.iter(f"{SVG}text")]


def test_a_themes_badge_says_its_implementation_and_names_it_whole(client, quarter):
    svg = badge(client, "/badges/themes/consolidating-my-activity.svg")
    assert texts(svg) == ["Smart in Progress", "25% implemented"]
    description = "Consolidating my activity: 25% of 4 recommendations implemented (1 executed)"
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == description
    assert svg.find(f"{SVG}title").text == description


@pytest.mark.parametrize(
    ("headers", "query", "value"),
    [
        ({"HTTP_ACCEPT_LANGUAGE": "nl"}, "", "25% uitgevoerd"),
        ({}, "?lang=fr", "25\u00a0% mises en œuvre"),
        ({"HTTP_ACCEPT_LANGUAGE": "nl"}, "?lang=fr", "25\u00a0% mises en œuvre"),
        ({}, "?lang=xx", "25% implemented"),
    ],
)
def test_a_badge_speaks_the_askers_language_or_the_one_asked_for(client, quarter, headers, query, value):
    svg = badge(client, f"/badges/themes/consolidating-my-activity.svg{query}", **headers)
    assert texts(svg)[1] == value


def test_a_badge_is_exact_after_a_change(client, quarter, make_recommendation):
    path = "/badges/cycles/2019-2020.svg"
    assert texts(badge(client, path))[1] == "25% implemented"
    ongoing = make_recommendation(status=Status.ONGOING)
    services.record_progress(ongoing, status=Status.EXECUTED, date=datetime.date(2021, 1, 4))
    # 2 executed of 5.
    assert texts(badge(client, path))[1] == "40% implemented"


def test_an_offices_badge_counts_a_recommendation_of_two_of_its_workgroups_once(client, make_recommendation, process):
    both = [process["nantes_group"], process["lyon_group"]]
    process["lyon_group"].office = process["nantes_group"].office
    process["lyon_group"].save()
    make_recommendation(status=Status.EXECUTED, workgroups=both)
    make_recommendation(status=Status.ONGOING, workgroups=[process["lyon_group"]])
    svg = badge(client, "/badges/offices/nantes.svg")
    assert svg.get("aria-label") == "Nantes: 50% of 2 recommendations implemented (1 executed)"


def test_a_workgroup_without_recommendations_says_so(client, process):
    svg = badge(client, "/badges/workgroups/gender-online.svg")
    assert texts(svg)[1] == "no recommendations yet"
    assert svg.get("aria-label") == "Gender (online): no published recommendations yet"


def test_a_badges_text_stays_text(client, quarter):
    quarter["activity"].name = 'Work & <b>"income"</b>'
    quarter["activity"].save()
    svg = badge(client, "/badges/themes/consolidating-my-activity.svg")
    assert svg.get("aria-label").startswith('Work & <b>"income"</b>: 25%')
    assert svg.find(f".//{SVG}b") is None


@pytest.mark.parametrize(
    "path",
    ["/badges/people/anyone.svg", "/badges/themes/no-such-theme.svg", "/embed/themes/no-such-theme/"],
)
def test_an_unknown_badge_or_card_is_not_found(client, process, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("executed", [0, 1, 2, 4])
def test_white_text_reads_on_every_badges_colour(client, make_recommendation, executed):
    for number in range(4):
        make_recommendation(status=Status.EXECUTED if number < executed else Status.ONGOING)
    svg = badge(client, "/badges/themes/consolidating-my-activity.svg")
    for rect in svg.iter(f"{SVG}rect"):
        assert contrast(rect.get("fill"), "#ffffff") >= 4.5, rect.get("fill")


def test_the_figure_card_may_be_framed_by_other_sites_and_links_out_of_the_frame(client, quarter):
    for _ in range(2):  # built, then read from the page cache: the same headers
        response = client.get("/embed/themes/consolidating-my-activity/?lang=nl")
        assert response.status_code == 200
        assert "X-Frame-Options" not in response
        policy = response["Content-Security-Policy"]
        assert "frame-ancestors *" in policy
        assert "script-src 'self'" in policy
        page = response.content.decode()
        assert '<html lang="nl">' in page
        assert "1 van 4 uitgevoerd" in page
        assert 'href="/themes/consolidating-my-activity/" target="_blank" rel="noopener"' in page


def test_other_pages_still_refuse_to_be_framed(client, quarter):
    response = client.get("/themes/consolidating-my-activity/")
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_a_themes_page_gives_the_code_of_its_badge_and_card_in_the_readers_language(client, quarter, settings):
    settings.ALLOWED_HOSTS = ["sip.example.org", "localhost"]
    client.cookies["django_language"] = "fr"
    page = client.get("/themes/consolidating-my-activity/", HTTP_HOST="sip.example.org").content.decode()
    assert (
        '<img class="elsewhere__badge" src="http://sip.example.org/badges/themes/consolidating-my-activity.svg?lang=fr"'
        in page
    )
    assert '&lt;iframe src="http://sip.example.org/embed/themes/consolidating-my-activity/?lang=fr"' in page
    # Kept per host: another host's visitors are given their own addresses.
    other = client.get("/themes/consolidating-my-activity/", HTTP_HOST="localhost").content.decode()
    assert "http://localhost/badges/themes/consolidating-my-activity.svg?lang=fr" in other


def test_an_offices_page_gives_the_code_of_its_badge(client, quarter):
    page = client.get("/offices/nantes/").content.decode()
    assert '<img class="elsewhere__badge" src="http://testserver/badges/offices/nantes.svg?lang=en"' in page
    card = client.get("/embed/offices/nantes/").content.decode()
    assert 'href="/offices/nantes/" target="_blank"' in card
