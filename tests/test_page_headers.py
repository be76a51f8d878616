"""Caching headers: public pages may be kept a minute by browsers and proxies, per language; staff files never."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recommendations.reports.reports import REPORTS

from .support import PUBLIC_PAGES, report_query

PAGES = PUBLIC_PAGES


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers={"accept-language": "nl"})
    assert response.status_code == 200, url
    return response, len(queries)


def varies_on(response):
    return {name.strip().lower() for name in response["Vary"].split(",")}


@pytest.mark.parametrize("url", PAGES)
def test_a_kept_page_sends_the_headers_of_a_page_built_now(client, shown, url):
    built, built_queries = get(client, url)
    kept, kept_queries = get(client, url)
    assert (built_queries > 1, kept_queries) == (True, 1), "built, then read from the cache"
    assert kept.content == built.content
    assert dict(kept.headers) == dict(built.headers)
    assert {"accept-language", "cookie"} <= varies_on(kept)
    assert kept["Cache-Control"] == "public, max-age=60"


def test_a_refused_filter_varies_on_the_language_and_is_not_kept_by_browsers(client, shown):
    response = client.get("/recommendations/?status=nonsense")
    assert response.status_code == 400
    assert {"accept-language", "cookie"} <= varies_on(response)
    assert "public" not in response.get("Cache-Control", "")


def no_store(response):
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    return {"private", "no-store"} <= directives


def test_staff_files_and_the_exports_page_are_never_stored(client, charlie, shown, edition):
    client.force_login(charlie)
    response = client.get(reverse("exports"))
    assert response.status_code == 200
    assert no_store(response)
    for name in REPORTS:
        for file_format in ("csv", "xlsx"):
            response = client.get(
                reverse("export_report", args=[name, file_format]), report_query(name, cycle="2019-2020")
            )
            assert response.status_code == 200
            assert no_store(response), (name, file_format)
    refused = client.get(reverse("export_report", args=["recommendations", "csv"]), {"status": "nonsense"})
    assert refused.status_code == 400
    assert no_store(refused)
