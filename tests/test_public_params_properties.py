"""Property tests: whatever a visitor puts in the query string or the address of a public page (or a
coordinator in the reports page and its files), the answer is the page, a 400 that says which value was not
understood, or the page-not-found page (after a redirect to the address without the parameters a page does not
read): never a server error, and nothing typed comes back unescaped."""

from urllib.parse import quote, urlsplit

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .test_admin_forms_properties import NASTY, SCRIPT

LIST_PARAMETERS = ["cycle", "theme", "workgroup", "office", "country", "status", "decision", "q", "sort", "page"]
VALID = {
    "cycle": "2019-2020",
    "theme": "gender-equality",
    "workgroup": "activity-nantes",
    "office": "nantes",
    "country": "BE",
    "status": "executed",
    "decision": "accepted",
    "sort": "-date",
    "page": "1",
    "sep": "semicolon",
    "as_of": "2021-01-01",
}
PAGES = {
    "/": ["cycle", "country", "as_of"],
    "/recommendations/": LIST_PARAMETERS,
    "/recommendations/export.csv": [*LIST_PARAMETERS, "sep"],
    "/themes/gender-equality/": ["page", "as_of"],
    "/cycles/2019-2020/": ["page", "as_of"],
    "/workgroups/activity-nantes/": ["page", "as_of"],
    "/recommendations/2020-BE-01/": [],
}
CLEAR_MESSAGES = {
    400: [
        "There is a problem with the filters",
        "There is a problem with the day asked for",
        "These filters are not valid",
        "The separator must be",
    ],
    404: ["Page not found"],
}

text = st.one_of(
    st.text(max_size=200),
    st.text(st.characters(max_codepoint=0x1F), max_size=20),
    st.sampled_from(NASTY),
    st.sampled_from(list(VALID.values())),
)


def queries(names):
    """Query strings over ``names`` and a few unknown ones, each given any number of times."""
    pairs = st.tuples(st.one_of(st.sampled_from(names or ["page"]), st.text(max_size=20)), text)
    return st.lists(pairs, max_size=6).map(as_query)


def as_query(pairs):
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    return query.urlencode()


examples = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_answered_clearly(response):
    assert response.status_code in (200, 400, 404), response.status_code
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if not response["Content-Type"].startswith("text/"):
        assert response.status_code == 200  # a spreadsheet
        return
    page = content.decode("utf-8-sig")
    if response.status_code != 200:
        assert any(message in page for message in CLEAR_MESSAGES[response.status_code]), page[:500]
    if response["Content-Type"].startswith("text/html"):
        assert SCRIPT not in page


@pytest.fixture
def register(make_recommendation):
    make_recommendation(reference="2020-BE-01")


@pytest.mark.parametrize("path", PAGES)
@given(data=st.data())
@examples
def test_any_query_string_on_a_public_page_is_answered_clearly(client, register, path, data):
    query = data.draw(queries(PAGES[path]), label="query")
    response = client.get(f"{path}?{query}")
    if response.status_code == 302:
        # A parameter the page does not read: the same page without it.
        location = urlsplit(response["Location"])
        assert location.path == path
        assert set(QueryDict(location.query)) <= set(PAGES[path])
        assert not set(QueryDict(query)) <= set(PAGES[path])
        response = client.get(response["Location"])
    assert_answered_clearly(response)


@given(reference=st.one_of(text, st.sampled_from(["2020-BE-01", "2020-be-01", "2020-BE-01 ", "%00"])))
@examples
def test_any_reference_in_the_address_is_the_recommendation_or_not_found(client, register, reference):
    assert_answered_clearly(client.get(f"/recommendations/{quote(reference, safe='')}/"))


@given(
    path=st.sampled_from(["/exports/", "/exports/recommendations.csv", "/exports/theme-summary.xlsx"]),
    query=queries([*LIST_PARAMETERS, "sep"]),
)
@examples
def test_any_query_string_on_the_reports_is_answered_clearly(client, charlie, register, path, query):
    client.force_login(charlie)
    assert_answered_clearly(client.get(f"{path}?{query}"))
