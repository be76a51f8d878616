"""Unpublished recommendations and staff-only facts never reach anyone outside staff.

The strongest form of the promise: every public page and public CSV that a visitor or a member can
reach, by following links or choosing any filter value, is the same (CSRF tokens aside) whether or not
an unpublished recommendation, with its decisions and history, exists. Its reference, text and
figures cannot leak if nothing changes. The staff reports refuse non-staff in
``test_permission_matrix.py``.
"""

import datetime
import io
import re
from collections import deque
from urllib.parse import urlencode, urlsplit

import openpyxl
import pytest

from following import digests
from following.models import Follower, Kind, Mail, Subscription
from projects.filters import ProjectFilter
from projects.models import Project, ProjectUpdate
from recommendations import services
from recommendations.filters import RecommendationFilter
from recommendations.models import Decision, Recommendation, Status
from recommendations.reports.reports import REPORTS
from recommendations.spreadsheets import FORMATS
from stocktaking.models import Edition, ThemeAnalysis
from workgroups.models import Cycle, Office, Theme, Workgroup

SECRET = "Zanzibar"
CSRF_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
LINK = re.compile(r'href="(/[^"#]*)"')
NOT_PUBLIC = ("/admin/", "/static/", "/language/", "/exports/")
MAX_PAGES = 400


@pytest.fixture
def register(make_recommendation, process, alice, bob):
    """Published recommendations around an unpublished one that revisits one and is revisited by another."""
    earlier = make_recommendation(
        reference="2018-BE-01",
        cycle=process["old"],
        theme=process["gender"],
        workgroups=[process["old_group"]],
        status=Status.POSTPONED,
    )
    services.record_progress(
        earlier, status=Status.ONGOING, date=datetime.date(2020, 9, 1), note="Picked up", user=alice
    )
    # Postponed and waiting to be taken up: the unpublished one takes it up again, an unpublished project
    # answers the next; neither may take them off the public list of those waiting.
    waiting = make_recommendation(reference="2018-BE-02", cycle=process["old"], status=Status.POSTPONED)
    answered_in_draft = make_recommendation(reference="2018-BE-03", cycle=process["old"], status=Status.POSTPONED)
    secret = make_recommendation(
        reference="2020-BE-66",
        published=False,
        status=Status.EXECUTED,
        revisits=waiting,
        title=f"{SECRET} title",
        text=f"{SECRET} text",
        context=f"{SECRET} context",
        directorate=f"{SECRET} team",
        workgroups=[process["lyon_group"], process["nantes_group"]],
    )
    services.record_decision(
        secret,
        user=bob,
        board="BE",
        meeting_date=datetime.date(2020, 6, 20),
        decision=Decision.REFORMULATED,
        motivation=f"{SECRET} motivation",
        reformulated_text=f"{SECRET} reformulated",
    )
    # The French board refuses what the Belgian one reformulated: the boards would differ on it.
    services.record_decision(
        secret, user=bob, board="FR", meeting_date=datetime.date(2020, 6, 21), decision=Decision.REFUSED
    )
    services.record_progress(
        secret, status=Status.EXECUTED, date=datetime.date(2020, 10, 1), note=f"{SECRET} note", user=alice
    )
    current = make_recommendation(reference="2020-BE-01", status=Status.ONGOING)
    # A published project answers it and the unpublished one; an unpublished project answers it too.
    shared = Project.objects.create(
        kind="test_project",
        title="Shared agendas",
        slug="shared-agendas",
        description="Monthly meetings.",
        contact_name="Sofie",
        start_date=datetime.date(2021, 1, 1),
    )
    shared.recommendations.set([current, secret])
    shared.offices.set([process["brussels"], process["lyon_group"].office])
    draft = Project.objects.create(
        kind="local_initiative",
        title=f"{SECRET} project",
        slug="draft-project",
        description=f"{SECRET} plan",
        contact_name=f"{SECRET} contact",
        start_date=datetime.date(2021, 1, 1),
        published=False,
    )
    draft.recommendations.set([current, answered_in_draft])
    draft.offices.set([process["brussels"]])
    # A stocktaking dated before any of them: each is a change since, the unpublished one would be too.
    edition = Edition.objects.create(slug="2020", as_of=datetime.date(2020, 5, 1), title="Stocktaking 2020")
    ThemeAnalysis.objects.create(edition=edition, theme=process["activity"], analysis="Activity moved.")
    Edition.objects.create(
        slug="draft-stocktaking", as_of=datetime.date(2020, 5, 1), title=f"{SECRET} stocktaking", published=False
    )
    make_recommendation(reference="2021-BE-01", status=Status.NOT_EXECUTED, revisits=secret, country="BE")
    make_recommendation(
        reference="2020-FR-01", country="FR", theme=process["gender"], workgroups=[process["online_group"]]
    )
    return secret


def project_filter_urls():
    """The project list and its CSV for every value of every filter, and a value not understood."""
    form = ProjectFilter({}).form
    choices = [
        (name, value) for name, field in form.fields.items() for value, _label in getattr(field, "choices", ()) if value
    ]
    return [
        f"{path}?{urlencode({name: str(value)})}"
        for name, value in [*choices, ("page", "2"), ("state", "x")]
        for path in ("/projects/", "/projects/export.csv")
    ]


def filter_urls():
    """The list and its CSV for every value of every filter, and searches for the unpublished one."""
    form = RecommendationFilter({}).form
    choices = [
        (name, value) for name, field in form.fields.items() for value, _label in getattr(field, "choices", ()) if value
    ]
    # Searches for it, a page past the end, and a value not understood (the 400 page).
    searches = [("q", SECRET), ("q", "2020-BE-66"), ("q", "66"), ("q", "reformulated"), ("page", "2"), ("status", "x")]
    lists = [
        f"{path}?{urlencode({name: str(value)})}"
        for name, value in choices + searches
        for path in ("/recommendations/", "/recommendations/export.csv", "/recommendations/export.xlsx")
    ]
    # The list's feed for the same values, but for an order or a page: it has one order and no pages.
    feeds = [
        f"/en/recommendations/feed/?{urlencode({name: str(value)})}"
        for name, value in choices + searches
        if name not in ("sort", "page")
    ]
    return lists + feeds


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_text(data):
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
    return "\n".join("\t".join(str(value) for value in row) for row in sheet.iter_rows(values_only=True)).encode()


def crawl(client, language):
    """Every public URL reachable from the overview and the filters, with its status and content."""
    seen, found = set(), {}
    # Every theme, cycle and workgroup page too: some are linked from nowhere when all they hold is unpublished.
    pages = [obj.get_absolute_url() for model in (Theme, Cycle, Workgroup, Office) for obj in model.objects.all()]
    # And their feeds, and those of the projects: a feed of a published theme holds only published changes.
    feeds = [f"/{language}{page}feed/" for page in pages + ["/projects/shared-agendas/", "/projects/draft-project/"]]
    start = [
        "/",
        "/recommendations/export.csv",
        "/projects/export.csv",
        "/projects/draft-project/",
        "/boards/",
        "/waiting/",
        "/stocktaking/draft-stocktaking/",
        # Every theme's changes since the stocktaking: some are linked from nowhere, having few changes.
        *(f"/stocktaking/2020/changes/{theme.slug}/" for theme in Theme.objects.all()),
    ]
    waiting = [
        f"/waiting/?{urlencode({model.__name__.lower(): obj.slug})}"
        for model in (Theme, Cycle)
        for obj in model.objects.all()
    ]
    queue = deque([*start, *pages, *feeds, *waiting, *filter_urls(), *project_filter_urls()])
    while queue and len(found) < MAX_PAGES:
        url = queue.popleft()
        if url in seen or url.startswith(NOT_PUBLIC):
            continue
        seen.add(url)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        if response["Content-Type"] == XLSX:
            # A workbook's bytes hold the moment it was written: compare what it shows.
            content = workbook_text(content)
        found[url] = (response.status_code, CSRF_TOKEN.sub(b"", content))
        if response["Content-Type"].startswith("text/html"):
            queue.extend(link.replace("&amp;", "&") for link in LINK.findall(content.decode()))
    assert len(found) < MAX_PAGES, "the crawl stopped early"
    return found


@pytest.fixture(params=["anonymous", "dave"])
def visitor(request, client, register):
    if request.param == "dave":
        client.force_login(request.getfixturevalue("dave"))
    return client


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_public_site_is_the_same_with_or_without_an_unpublished_recommendation(visitor, register, language):
    with_it = crawl(visitor, language)
    paths = {urlsplit(url).path for url in with_it}
    assert {
        "/",
        "/recommendations/",
        "/recommendations/2021-BE-01/",
        "/themes/gender-equality/",
        "/cycles/2019-2020/",
        "/workgroups/activity-lyon/",
        "/projects/",
        "/projects/shared-agendas/",
        "/offices/lyon/",
        "/offices/brussels/",
        "/boards/",
        "/waiting/",
        "/stocktaking/",
        "/stocktaking/2020/",
        f"/{language}/themes/gender-equality/feed/",
        f"/{language}/offices/lyon/feed/",
        f"/{language}/projects/shared-agendas/feed/",
        f"/{language}/recommendations/2021-BE-01/feed/",
        "/en/recommendations/feed/",
    } <= paths
    # The postponed ones that only the unpublished recommendation and project take up are still waiting.
    assert b"2018-BE-02" in with_it["/waiting/"][1]
    assert b"2018-BE-03" in with_it["/waiting/"][1]
    for url, (status, content) in with_it.items():
        if "q=" not in url:  # a search echoes what was searched; the comparison below covers it
            assert SECRET.encode() not in content, url
            assert b"2020-BE-66" not in content, url
        assert b"alice" not in content, url
        assert b"bob" not in content, url
        # Only a value that is not understood answers 400, and the unpublished project is not found; every
        # other page and file is there.
        refused = "/projects/" in url and "state=x" in url or "/recommendations/" in url and "status=x" in url
        assert status == (404 if "/draft-" in url else 400 if refused else 200), url

    register.delete()
    without_it = {url: answer for url, answer in crawl(visitor, language).items() if url in with_it}
    assert without_it.keys() == with_it.keys()
    for url in with_it:
        assert without_it[url] == with_it[url], url


def test_the_public_site_is_the_same_with_or_without_an_unpublished_project(client, register):
    with_it = crawl(client, "fr")
    assert "/projects/shared-agendas/" in with_it
    Project.objects.get(slug="draft-project").delete()
    without_it = crawl(client, "fr")
    assert without_it.keys() == with_it.keys()
    for url in with_it:
        assert without_it[url] == with_it[url], url


def test_the_stocktaking_report_is_the_same_with_or_without_an_unpublished_recommendation(client, register, charlie):
    client.force_login(charlie)
    asked = [
        ("csv", {"edition": "2020"}),
        ("xlsx", {"edition": "2020"}),
        ("csv", {"edition": "2020", "cycle": "2019-2020"}),
    ]

    def files():
        found = []
        for file_format, query in asked:
            response = client.get(f"/exports/stocktaking.{file_format}", query)
            assert response.status_code == 200
            content = b"".join(response.streaming_content)
            found.append(workbook_text(content) if file_format == "xlsx" else content)
        return found

    with_it = files()
    # The stocktaking counts the unpublished one neither then nor today, nor among the changes.
    # Today: one ongoing, one not executed and the two postponed ones of 2017-2018 waiting to be taken up,
    # all four recorded after the edition's day.
    assert b"Consolidating my activity,consolidating-my-activity,0,0,0,0,0,0,,0,1,1,0,2,4,0,4" in with_it[0]
    register.delete()
    assert files() == with_it


def test_an_unpublished_reference_answers_exactly_like_an_unknown_one(client, register):
    unpublished = client.get("/recommendations/2020-BE-66/")
    unknown = client.get("/recommendations/2099-XX-01/")
    assert unpublished.status_code == unknown.status_code == 404
    # The pages differ only where the language form names the address to come back to.
    assert CSRF_TOKEN.sub(b"", unpublished.content) == CSRF_TOKEN.sub(b"", unknown.content).replace(
        b"2099-XX-01", b"2020-BE-66"
    )
    assert SECRET.encode() not in unpublished.content


def test_an_unpublished_recommendations_feed_answers_exactly_like_an_unknown_ones(client, register):
    unpublished = client.get("/nl/recommendations/2020-BE-66/feed/")
    unknown = client.get("/nl/recommendations/2099-XX-01/feed/")
    assert unpublished.status_code == unknown.status_code == 404
    assert CSRF_TOKEN.sub(b"", unpublished.content) == CSRF_TOKEN.sub(b"", unknown.content).replace(
        b"2099-XX-01", b"2020-BE-66"
    )
    assert SECRET.encode() not in unpublished.content


def test_counts_and_figures_leave_the_unpublished_recommendation_out(client, register):
    figures = client.get("/cycles/2019-2020/").context["summary"]
    assert (figures.total, figures.implementation) == (3, 0)  # the unpublished one is executed: it would make 1 of 4
    assert client.get("/recommendations/", {"q": SECRET}).context["page"].paginator.count == 0


@pytest.mark.parametrize("persona, answer", [("anonymous", 302), ("dave", 403), ("bob", 403)])
def test_every_staff_report_in_every_format_refuses_visitors_members_and_board_secretaries(
    client, request, register, persona, answer
):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    for report in REPORTS:
        for file_format in FORMATS:
            assert client.get(f"/exports/{report}.{file_format}").status_code == answer, (report, file_format)


def test_no_digest_tells_of_an_unpublished_recommendation_or_project(client, register, process):
    """Followers of everything the unpublished ones touch get digests of the published ones only."""
    draft = Project.objects.get(slug="draft-project")
    ProjectUpdate.objects.create(project=draft, date=datetime.date(2021, 2, 1), text=f"{SECRET} news")
    followed = {
        Kind.THEME: process["activity"].pk,
        Kind.CYCLE: process["new"].pk,
        Kind.WORKGROUP: process["lyon_group"].pk,
        Kind.OFFICE: process["brussels"].pk,
        Kind.RECOMMENDATION: register.pk,
        Kind.PROJECT: draft.pk,
    }
    since = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    for kind, target in followed.items():
        follower = Follower.objects.create(email=f"{kind}@example.org", confirmed_at=since)
        Subscription.objects.create(follower=follower, kind=kind, target_id=target, confirmed_at=since)
    digests.compose(force=True)
    bodies = list(Mail.objects.values_list("to", "body"))
    # The theme, the cycle and the office have published recommendations with news; the Lyon workgroup has only
    # the unpublished one, like the unpublished recommendation and project themselves: no mail.
    assert {to for to, _body in bodies} == {"theme@example.org", "cycle@example.org", "office@example.org"}
    assert all(SECRET not in body and "2020-BE-66" not in body for _to, body in bodies)
    for kind, key in (("recommendation", "2020-BE-66"), ("project", "draft-project")):
        assert (
            client.post(f"/follow/{kind}/{key}/", {"email": "x@example.org", "frequency": "weekly"}).status_code == 404
        )


API = "/api/v1/"
API_ADDRESS = re.compile(r'"http://testserver(/api/[^"]*)"')


def api_urls():
    """Every list of the API, every record of the process, every value of every filter of the recommendations
    and the projects, searches for the unpublished recommendation, and its reference and the unpublished
    project's slug wherever the API takes one."""
    form = RecommendationFilter({}).form
    choices = [
        (name, value) for name, field in form.fields.items() for value, _label in getattr(field, "choices", ()) if value
    ]
    searches = [("q", SECRET), ("q", "2020-BE-66"), ("q", "reformulated"), ("status", "x")]
    project_choices = [
        (name, value)
        for name, field in ProjectFilter({}).form.fields.items()
        for value, _label in getattr(field, "choices", ())
        if value
    ]
    references = [*Recommendation.objects.values_list("reference", flat=True)]
    return [
        *(f"{API}{name}/" for name in ("recommendations", "decisions", "progress", "projects", "figures")),
        *(f"{API}{name}/" for name in ("themes", "cycles", "workgroups", "offices")),
        *(
            f"{API}{kind}/{slug}/"
            for kind, model in API_KINDS.items()
            for slug in model.objects.values_list("slug", flat=True)
        ),
        *(f"{API}recommendations/?{urlencode({name: str(value)})}" for name, value in choices + searches),
        *(f"{API}projects/?{urlencode({name: str(value)})}" for name, value in project_choices),
        *(f"{API}figures/?{urlencode({'cycle': slug})}" for slug in Cycle.objects.values_list("slug", flat=True)),
        *(f"{API}figures/?country={country}" for country in ("BE", "FR")),
        *(f"{API}{name}/?recommendation={reference}" for name in ("decisions", "progress") for reference in references),
        *(f"{API}recommendations/{reference}/" for reference in references),
        f"{API}projects/draft-project/",
    ]


API_KINDS = {"themes": Theme, "cycles": Cycle, "workgroups": Workgroup, "offices": Office}


def api_crawl(client, language, urls):
    """Every API address of ``urls`` and those their answers name, with its status and content."""
    seen, found = set(), {}
    queue = deque(urls)
    while queue and len(found) < 2 * MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        found[url] = (response.status_code, response.content)
        queue.extend(API_ADDRESS.findall(response.content.decode()))
    assert len(found) < 2 * MAX_PAGES, "the crawl stopped early"
    return found


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_api_is_the_same_with_or_without_an_unpublished_recommendation_or_project(client, register, language):
    urls = api_urls()
    with_it = api_crawl(client, language, urls)
    assert f"{API}recommendations/2021-BE-01/" in with_it
    assert f"{API}projects/shared-agendas/" in with_it
    for url, (status, content) in with_it.items():
        # A search, or a refusal naming the value asked for, echoes it; the comparison below covers them.
        if "q=" not in url and "2020-BE-66" not in url:
            assert SECRET.encode() not in content, url
            assert b"2020-BE-66" not in content, url
        assert b"alice" not in content, url
        assert b"bob" not in content, url
        hidden = "draft-project" in url or "2020-BE-66" in url and "q=" not in url
        expected = 400 if "status=x" in url or "recommendation=2020-BE-66" in url else 404 if hidden else 200
        assert status == expected, url

    register.delete()
    Project.objects.get(slug="draft-project").delete()
    without_it = api_crawl(client, language, urls)
    assert without_it.keys() == with_it.keys()
    for url in with_it:
        assert without_it[url] == with_it[url], url
