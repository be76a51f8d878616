"""A board secretary records one meeting's decisions on ten recommendations in a real browser, and every
interaction is counted."""

import datetime
import importlib

import pytest
from django.contrib.auth.models import Group, Permission

from recommendations.models import BoardDecision, Decision, Recommendation

from ..conftest import make_user

pytestmark = pytest.mark.browser

STAFF_ROLES = importlib.import_module("recommendations.migrations.0002_staff_roles").ROLES
REFERENCES = [f"2020-FR-{number:02d}" for number in range(1, 11)]


@pytest.fixture
def secretary(demo, django_user_model):
    # A live-server test before this one empties every table, the roles a migration made included.
    group, _created = Group.objects.get_or_create(name="Board secretaries")
    if not group.permissions.exists():
        codes = [code.split(".") for code in STAFF_ROLES["Board secretaries"]]
        group.permissions.set(
            Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in codes
        )
    return make_user(django_user_model, "bob", group.name)


class Counted:
    """The page, with every click, key press, fill and choice counted as one interaction."""

    def __init__(self, page):
        self.page, self.interactions = page, 0

    def __getattr__(self, name):
        action = getattr(self.page, name)
        if name not in ("click", "fill", "press", "select_option", "check"):
            return action

        def counted(*args, **kwargs):
            self.interactions += 1
            return action(*args, **kwargs)

        return counted


@pytest.mark.django_db(transaction=True)
def test_a_secretary_records_a_meeting_on_ten_recommendations_in_few_steps(live_server, page, secretary, accessible):
    before = {reference: Recommendation.objects.get(reference=reference).decisions.count() for reference in REFERENCES}
    screen = Counted(page)
    page.goto(f"{live_server.url}/admin/")
    screen.fill("#id_username", "bob")
    screen.fill("#id_password", "bob-Pa55word!")
    screen.click("input[type=submit]")
    screen.click("text=Record a board's decisions")
    page.wait_for_selector("#result_list")
    # The list fits a 1280 px screen: status and latest decision are in sight.
    width = page.evaluate("document.querySelector('#result_list').getBoundingClientRect().right")
    assert width <= page.evaluate("document.querySelector('#changelist-filter').getBoundingClientRect().left")
    screen.fill("#searchbar", " ".join(REFERENCES))
    screen.press("#searchbar", "Enter")
    page.wait_for_url("**q=2020-FR-01*")
    assert page.locator("#result_list tbody tr").count() == 10
    screen.check("#action-toggle")
    screen.select_option("select[name=action]", "record_board_decision")
    screen.click("button[name=index]")
    page.wait_for_selector(".bulk-row")
    accessible(page)
    assert page.locator(".bulk-row").count() == 10
    assert page.locator("select[name=board]").input_value() == ""
    screen.select_option("select[name=board]", "FR")
    screen.fill("input[name=meeting_date]", "2020-10-15")
    screen.select_option("select[name=decision]", "accepted")
    screen.click("input[name=apply]")
    page.wait_for_selector(".messagelist")
    assert "Recorded the decision on 10 recommendations." in page.content()
    recorded = BoardDecision.objects.filter(
        recommendation__reference__in=REFERENCES, board="FR", meeting_date=datetime.date(2020, 10, 15)
    )
    assert sorted(recorded.values_list("recommendation__reference", flat=True)) == REFERENCES
    assert set(recorded.values_list("decision", flat=True)) == {Decision.ACCEPTED}
    after = {reference: Recommendation.objects.get(reference=reference).decisions.count() for reference in REFERENCES}
    assert after == {reference: count + 1 for reference, count in before.items()}
    # Log in (3), find the list (1), the meeting's references (2), all of them (1), the action (2), the form (4).
    assert screen.interactions == 13
