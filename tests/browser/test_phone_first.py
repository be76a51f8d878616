"""On a 360×640 phone, in every language, the headline figures are on the first screen, nothing scrolls
sideways and the figures per theme, cycle and workgroup are cards; on a wide screen they are tables,
beside a line chart of the years."""

import pytest
from django.utils import timezone

from recommendations import services
from recommendations.models import Recommendation, Status

from .conftest import COLLECT_VIOLATIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_SCREEN = {"width": 360, "height": 640}
PUBLIC_PAGES = [
    "/",
    "/themes/gender-equality/",
    "/cycles/2019-2020/",
    "/workgroups/2019-2020-gender-equality-online-belgium-and-france/",
    "/recommendations/2020-BE-01/",
]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_public_pages_fit_a_phone_with_the_overviews_figures_on_its_first_screen(
    live_server, demo, browser, accessible, language
):
    context = browser.new_context(viewport=FIRST_SCREEN, locale=language, is_mobile=True)
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        assert page.locator("html").get_attribute("lang") == language
        for part in (".headline__number >> nth=0", ".headline__number >> nth=1", ".stacked-bar >> nth=0"):
            box = page.locator(part).bounding_box()
            assert box["y"] + box["height"] <= FIRST_SCREEN["height"], (language, part, box)
        # Every year's figures are in view, not behind a sideways scroll.
        assert page.locator(".year-figures__item").count() == page.locator(".line-chart__point").count() > 1
        assert page.locator(".year-figures__count").last.is_visible()
        accessible(page)
        for path in PUBLIC_PAGES:
            page.goto(live_server.url + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= FIRST_SCREEN["width"], (language, path)
        page.goto(live_server.url + "/cycles/2019-2020/")
        assert page.locator(".figure-cards").first.is_visible()
        assert page.locator("table.figures").first.is_hidden()
        assert page.locator(".figure-card__figures").first.is_visible()
        accessible(page)
    finally:
        context.close()


def test_a_wide_screen_shows_tables_a_line_chart_with_the_year_so_far_and_a_breadcrumb(
    live_server, demo, page, accessible
):
    today = timezone.localdate()
    services.record_progress(Recommendation.objects.get(reference="2020-BE-02"), status=Status.EXECUTED, date=today)
    page.goto(live_server.url + "/")
    assert page.locator(".figure-cards").first.is_hidden()
    assert page.get_by_role("region", name="Per theme").get_by_role("table").is_visible()
    years = page.locator(".over-time tbody tr")
    assert page.locator(".line-chart .line-chart__point").count() == years.count() > 1
    assert page.locator(".line-chart__year--so-far .line-chart__label").text_content() == str(today.year)
    assert page.locator(".line-chart__so-far").text_content() == "(so far)"
    # Chart text is body text, not grown with the drawing.
    sizes = page.eval_on_selector_all(".line-chart text", "texts => texts.map(t => getComputedStyle(t).fontSize)")
    assert max(float(size.removesuffix("px")) for size in sizes) <= 16
    accessible(page)

    page.goto(live_server.url + "/recommendations/2020-BE-01/?cycle=2019-2020")
    crumbs = page.get_by_role("navigation", name="Breadcrumb").get_by_role("link")
    assert crumbs.all_inner_texts() == ["All recommendations", "2019-2020", "2020-BE-01"]
    for href in [crumbs.nth(index).get_attribute("href") for index in range(crumbs.count())]:
        assert page.request.get(live_server.url + href).status == 200, href
    # Text on the left, what became of it on the right.
    text, story = page.locator(".recommendation__text"), page.locator(".recommendation__story")
    assert story.bounding_box()["x"] > text.bounding_box()["x"] + text.bounding_box()["width"]
    accessible(page)

    page.goto(live_server.url + "/recommendations/2099-XX-99/")
    assert "divided by all recommendations" not in page.locator("footer").inner_text()
