"""On a 360×640 phone, in every language, the headline figures are on the first screen and nothing
scrolls sideways."""

import pytest

from .conftest import COLLECT_VIOLATIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_SCREEN = {"width": 360, "height": 640}


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_overview_shows_its_figures_on_a_phones_first_screen(live_server, demo, browser, accessible, language):
    context = browser.new_context(viewport=FIRST_SCREEN, locale=language, is_mobile=True)
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        assert page.locator("html").get_attribute("lang") == language
        for part in (".headline__number >> nth=0", ".headline__number >> nth=1", ".stacked-bar >> nth=0"):
            box = page.locator(part).bounding_box()
            assert box["y"] + box["height"] <= FIRST_SCREEN["height"], (language, part, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= FIRST_SCREEN["width"], language
        accessible(page)
    finally:
        context.close()
