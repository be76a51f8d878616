"""Hostile text on every public page in headless Chromium: shown as text, no dialog opens, nothing it
holds becomes an element, and the Content-Security-Policy had nothing to block."""

import pytest

from ..support import make_hostile_register
from ..test_hostile_text import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_hostile_text_opens_no_dialog_and_shows_as_text_on_every_public_page(live_server, page):
    records = make_hostile_register()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        # Nothing typed became markup: no image but the page's own badge, and no script (the page has none).
        assert page.locator("main img:not(.elsewhere__badge):not(.follow__icon), script").count() == 0, path
        assert page.evaluate("window.__violations") == [], path
    page.goto(live_server.url + "/recommendations/2020-BE-13/")
    assert page.get_by_role("heading", level=1).inner_text() == records["recommendation"].title
    assert dialogs == []
