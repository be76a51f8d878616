"""A member's journey through the public pages in headless Chromium, with axe-core on every page."""

import re

import pytest

from recommendations.models import Recommendation

# Live-server tests commit their data, so the database is flushed after each; serialized rollback
# puts back what migrations created (the staff groups) for the tests that run afterwards.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_member_narrows_the_overview_follows_a_theme_opens_a_recommendation_and_switches_to_dutch(
    live_server, demo, page, accessible
):
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "What became of the recommendations"
    accessible(page)

    # The figures come first; the narrowing folds away behind its summary.
    assert page.locator("select[name=cycle]").is_hidden()
    page.locator("summary", has_text="Narrow the figures").click()
    page.locator("select[name=cycle]").select_option("2019-2020")
    page.get_by_role("button", name="Show").click()
    assert "cycle=2019-2020" in page.url
    published = Recommendation.objects.published().filter(cycle__slug="2019-2020").count()
    assert page.locator(".headline__number").first.inner_text() == str(published)
    accessible(page)

    page.get_by_role("region", name="Per theme").get_by_role("link", name="Gender equality").click()
    assert page.url.endswith("/themes/gender-equality/")
    accessible(page)

    page.locator(".card__title a").first.click()
    assert re.search(r"/recommendations/[A-Z0-9-]+/$", page.url)
    recommendation_url = page.url
    accessible(page)

    # With the keyboard: the language links are in the tab order and follow with Enter.
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Nederlands").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.url == recommendation_url
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("link", name="Nederlands").get_attribute("aria-current") == "true"
    accessible(page)


def test_member_looks_at_the_figures_of_the_stocktaking_of_january_2022_and_back_at_todays(
    live_server, demo, page, accessible
):
    page.goto(live_server.url + "/")
    page.get_by_label("Figures as they stood at the end of").fill("2022-01-31")
    page.get_by_role("button", name="See that day's figures").click()
    assert page.url.endswith("/?as_of=2022-01-31")
    notice = page.locator(".as-of-notice")
    assert notice.inner_text().startswith("Figures as they stood at the end of Jan. 31, 2022")
    accessible(page)

    notice.get_by_role("link", name="See today's figures").click()
    assert page.url == live_server.url + "/"
    assert page.locator(".as-of-notice").count() == 0


PAGES = [
    ("/?as_of=2022-01-31", 200),
    ("/themes/gender-equality/?as_of=2022-02-30", 400),
    ("/recommendations/", 200),
    ("/recommendations/?status=executed&sort=-date&page=2", 200),
    ("/recommendations/?status=finished", 400),
    ("/cycles/2019-2020/", 200),
    ("/workgroups/2019-2020-gender-equality-online-belgium-and-france/", 200),
    ("/recommendations/2099-XX-99/", 404),
]


def test_every_kind_of_page_passes_axe(live_server, demo, page, accessible):
    for path, status in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == status, path
        accessible(page)


def test_pages_fit_a_360_pixel_phone_without_sideways_scrolling(live_server, demo, phone, accessible):
    paths = [
        "/",
        "/?as_of=2022-01-31",
        "/recommendations/",
        "/recommendations/2020-BE-01/",
        "/cycles/2019-2020/",
        "/themes/gender-equality/",
    ]
    for path in paths:
        phone.goto(live_server.url + path)
        assert phone.evaluate("document.scrollingElement.scrollWidth") <= 360, path
        accessible(phone)


def test_keyboard_reaches_the_skip_link_first_and_it_moves_to_the_content(live_server, demo, page):
    page.goto(live_server.url + "/recommendations/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
