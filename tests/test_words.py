"""Words members understand: a recommendation just handed in waits for the boards, it has not failed."""

import datetime
import html

from django.urls import reverse

from recommendations import services
from recommendations.models import Status

AWAITING = {
    "en": "awaiting the boards' decision",
    "nl": "wacht op de beslissing van de raden van bestuur",
    "fr": "en attente de la décision des conseils d'administration",
}


def test_a_recommendation_no_board_decided_on_says_it_awaits_the_boards(client, make_recommendation):
    waiting = make_recommendation()
    decided = make_recommendation()
    services.record_decision(decided, board="BE", meeting_date=datetime.date(2020, 7, 1), decision="accepted")
    started = make_recommendation(status=Status.ONGOING)
    for language, words in AWAITING.items():
        detail = client.get(waiting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert words in detail, language
        for other in (decided, started):
            assert words not in client.get(other.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    # As the reader sees it: the list writes the apostrophe as a character reference.
    listed = html.unescape(client.get(reverse("recommendation_list"), HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert listed.count(AWAITING["en"]) == 1
