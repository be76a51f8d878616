"""A member finds the stocktaking of January 2022 from the footer, reads it on a 360 px phone in Dutch and in
French (the figures then beside today's, the team's analysis, what changed since) and follows a theme's
changes: no sideways scrolling and no axe-core violation on any of these pages."""

import pytest

from .conftest import COLLECT_VIOLATIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 740}
EDITION = "/stocktaking/2022/"
WORDS = {
    "nl": {"title": "Stand van zaken januari 2022", "then_today": "Toen en vandaag", "changed": "Veranderd sindsdien"},
    "fr": {"title": "État des lieux de janvier 2022", "then_today": "Alors et aujourd'hui", "changed": "Changé depuis"},
}


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_member_reads_the_2022_stocktaking_on_a_phone(live_server, demo, browser, accessible, language):
    context = browser.new_context(viewport=PHONE, locale=language, is_mobile=True)
    context.set_default_timeout(10_000)
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    words = WORDS[language]

    def arrived(path):
        assert page.url.startswith(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == language
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], path
        accessible(page)

    try:
        page.goto(live_server.url + "/")
        page.locator('footer a[href="/stocktaking/"]').click()
        arrived("/stocktaking/")
        page.get_by_role("link", name=words["title"]).click()
        arrived(EDITION)
        assert page.get_by_role("heading", level=1).inner_text() == words["title"]
        assert page.get_by_role("heading", name=words["then_today"]).is_visible()
        # Every theme says what changed since; the first with changes lists them, old → new.
        assert page.get_by_role("heading", name=words["changed"]).count() == page.locator(".edition-theme").count() > 5
        assert page.locator(".change .badge").count() >= 2
        theme = page.locator(".edition-theme").first
        theme.locator(".change a").first.click()
        assert "/recommendations/" in page.url
        page.go_back()
        # A theme with more changes than listed links to all of them.
        more = page.locator('a[href*="/changes/"]')
        if more.count():
            more.first.click()
            arrived(EDITION + "changes/")
            assert page.locator(".change").count() > 10
    finally:
        context.close()
