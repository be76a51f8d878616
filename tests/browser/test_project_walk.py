"""A member's walk from the figures to what is being done: overview → a theme → a recommendation → a project
that answers it → an office that takes part, on a 360 px phone in Dutch and in French, with axe-core on
every page and no sideways scrolling."""

import pytest

from .conftest import COLLECT_VIOLATIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 740}
THEME = "/themes/meeting-again-gatherings-and-networks-between-members/"
RECOMMENDATION = "/recommendations/2021-BE-09/"
PROJECT = "/projects/afterwork-sectoraal-brussel/"
OFFICE = "/offices/brussels/"
# What each step's page says, in the reader's language.
WORDS = {
    "nl": {"projects": "Projecten die erop antwoorden", "take_part": "Hoe deelnemen", "office": "Lokaal kantoor"},
    "fr": {"projects": "Projets qui y répondent", "take_part": "Comment participer", "office": "Bureau local"},
}


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_member_walks_from_the_overview_to_a_project_and_its_office(live_server, demo, browser, accessible, language):
    context = browser.new_context(viewport=PHONE, locale=language, is_mobile=True)
    context.set_default_timeout(10_000)
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    words = WORDS[language]

    def arrived(path):
        assert page.url == live_server.url + path
        assert page.locator("html").get_attribute("lang") == language
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], path
        accessible(page)

    try:
        page.goto(live_server.url + "/")
        arrived("/")
        page.locator(f'a[href="{THEME}"]:visible').first.click()
        arrived(THEME)
        page.locator(f'a[href="{RECOMMENDATION}"]').first.click()
        arrived(RECOMMENDATION)
        projects = page.get_by_role("region", name=words["projects"])
        assert projects.locator(".card").count() == 3
        projects.locator(f'a[href="{PROJECT}"]').click()
        arrived(PROJECT)
        taking_part = page.get_by_role("region", name=words["take_part"])
        assert taking_part.get_by_role("link", name="smartinprogress@smart.coop").is_visible()
        page.locator(f'a[href="{OFFICE}"]').first.click()
        arrived(OFFICE)
        assert page.locator(".kind").inner_text() == words["office"]
        assert page.locator(f'a[href="{PROJECT}"]').count() == 1
    finally:
        context.close()


PAGES = [
    ("/projects/", 200),
    ("/projects/?kind=hackathon&office=nantes", 200),
    ("/projects/?state=finished&kind=nope", 400),
    ("/projects/meet-connect-belgique-france/", 200),
    ("/offices/nantes/", 200),
    ("/projects/no-such-project/", 404),
]


def test_every_kind_of_project_page_passes_axe_on_a_wide_screen(live_server, demo, page, accessible):
    for path, status in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == status, path
        accessible(page)
