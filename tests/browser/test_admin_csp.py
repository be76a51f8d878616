"""In a real headless Chromium: the admin works under the strict Content-Security-Policy (its scripts
run, nothing is blocked) and text typed by staff never runs as script."""

import pytest

from .conftest import COLLECT_VIOLATIONS

pytestmark = pytest.mark.browser

SCRIPT_TITLE = "<script>alert('title')</script><img src=x onerror=alert('img')>"


@pytest.fixture
def browser_page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.add_init_script(COLLECT_VIOLATIONS)
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


@pytest.fixture
def scripted_recommendation(django_user_model, make_recommendation):
    django_user_model.objects.create_superuser(username="root", password="root-Pa55word!")
    return make_recommendation(title=SCRIPT_TITLE)


# The database is filled before the browser starts: Playwright's event loop forbids queries in this thread.
@pytest.mark.django_db(transaction=True)
def test_admin_runs_under_the_policy_and_shows_typed_script_as_text(live_server, scripted_recommendation, browser_page):
    recommendation, page = scripted_recommendation, browser_page

    def nothing_blocked():
        # Each page load starts a new list: check before leaving the page.
        assert page.evaluate("window.__violations") == [], page.url

    page.goto(f"{live_server.url}/admin/login/")
    nothing_blocked()
    page.fill("#id_username", "root")
    page.fill("#id_password", "root-Pa55word!")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    nothing_blocked()

    page.goto(f"{live_server.url}/admin/recommendations/recommendation/")
    assert SCRIPT_TITLE in page.inner_text("#result_list")
    nothing_blocked()

    page.goto(f"{live_server.url}/admin/recommendations/recommendation/{recommendation.pk}/change/")
    assert page.input_value("#id_title") == SCRIPT_TITLE
    # The autocomplete widgets are built by the admin's scripts: they ran.
    page.wait_for_selector(".select2-container")
    nothing_blocked()

    page.goto(f"{live_server.url}/admin/recommendations/boarddecision/add/")
    page.wait_for_selector(".datetimeshortcuts")
    nothing_blocked()
    page.click("#id_recommendation + .select2 .select2-selection")
    page.keyboard.type("2020")
    # The autocomplete asks the server for matches (connect-src) and shows the typed title as text.
    page.wait_for_selector(".select2-results__option:not(.loading-results)")
    assert SCRIPT_TITLE in page.inner_text(".select2-results")

    nothing_blocked()
    assert page.dialogs == []
