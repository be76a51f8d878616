"""Whole public pages kept in the cache: served again in one query, never once out of date.

A kept page is keyed by its address, its language, the day and the data version; any change of what
pages show moves the version on: a recommendation's change (through ``services``) and, here, a change
of the process the pages name (cycles, themes, workgroups, offices).
"""

import pytest

from .support import PUBLIC_PAGES

PAGES = PUBLIC_PAGES


def html(client, url, language="en"):
    response = client.get(url, headers={"accept-language": language})
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_each_language_has_its_own_kept_page(client, shown, url):
    dutch = html(client, url, "nl")
    assert '<html lang="nl">' in dutch
    assert '<html lang="en">' in html(client, url, "en")
    assert '<html lang="fr">' in html(client, url, "fr")
    assert html(client, url, "nl") == dutch


@pytest.mark.parametrize("url", PAGES)
def test_staff_and_visitors_see_the_same_page(client, shown, alice, url):
    """What lets one kept page serve everyone: nothing on a public page depends on who asks."""
    anonymous = html(client, url)
    client.force_login(alice)
    assert html(client, url) == anonymous


def test_renaming_a_theme_shows_on_kept_pages_at_once(client, shown, process):
    pages = ["/", "/recommendations/2020-BE-01/", "/cycles/2019-2020/"]
    for url in pages:
        assert "Consolidating my activity" in html(client, url)
    process["activity"].name = "Strengthening my activity"
    process["activity"].save()
    for url in pages:
        content = html(client, url)
        assert "Strengthening my activity" in content, url
        assert "Consolidating my activity" not in content, url


def test_renaming_a_workgroup_or_an_office_shows_on_the_kept_recommendation_page(client, shown, process):
    url = "/recommendations/2020-BE-01/"
    assert "Activity (Nantes)" in html(client, url)
    group = process["nantes_group"]
    group.name = "Activity (Nantes-Atlantique)"
    group.save()
    assert "Activity (Nantes-Atlantique)" in html(client, url)
    office = group.office
    office.name = "Nantes-Atlantique"
    office.save()
    assert ">Nantes-Atlantique<" in html(client, url)


def test_a_deleted_workgroup_leaves_the_kept_overview_menu(client, shown, process):
    assert "Gender (online)" in html(client, "/recommendations/")
    process["online_group"].delete()
    assert "Gender (online)" not in html(client, "/recommendations/")


def test_a_refused_filter_is_not_kept(client, shown):
    assert client.get("/recommendations/?status=nonsense").status_code == 400
    response = client.get("/recommendations/?status=nonsense")
    assert response.status_code == 400
    assert "nonsense" in response.content.decode()
    assert response.context is not None  # built again, not read from the cache
