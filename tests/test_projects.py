"""Projects: their rules, the list and its CSV with every filter, one project, an office's page, and the
projects section of a recommendation's page. Expected rows and figures are written out by hand."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.models import Project, ProjectUpdate
from recommendations.models import Status
from workgroups.models import Workgroup

from .support import admin_form_data, hostile, queries_of, queries_of_page

SECRET = "Zanzibar"


def make_project(slug, offices=(), answers=(), **fields):
    fields.setdefault("kind", "test_project")
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    fields.setdefault("description", f"What {slug} is.")
    fields.setdefault("contact_name", "Sofie Peeters")
    fields.setdefault("start_date", datetime.date(2022, 10, 6))
    project = Project.objects.create(slug=slug, **fields)
    project.offices.set(offices)
    project.recommendations.set(answers)
    return project


@pytest.fixture
def register(process, make_recommendation):
    """Two cycles' recommendations answered by projects; one unpublished recommendation, one unpublished project."""
    nantes, lyon, brussels = (process[f"{name}_group"].office for name in ("nantes", "lyon", "old"))
    current = make_recommendation(reference="2020-BE-01", status=Status.ONGOING, workgroups=[process["nantes_group"]])
    earlier = make_recommendation(
        reference="2018-BE-01",
        cycle=process["old"],
        theme=process["gender"],
        status=Status.EXECUTED,
        workgroups=[process["old_group"]],
    )
    french = make_recommendation(
        reference="2020-FR-01", country="FR", theme=process["gender"], workgroups=[process["online_group"]]
    )
    secret = make_recommendation(
        reference="2017-BE-66",
        title=f"{SECRET} title",
        cycle=process["old"],
        theme=process["gender"],
        published=False,
        workgroups=[process["lyon_group"]],
    )
    afterworks = make_project(
        "afterworks",
        title="Afterworks by sector",
        offices=[brussels, nantes],
        answers=[current, earlier],
        state="running",
        contact_email="smartinprogress@smart.coop",
        taking_part="Every first Tuesday, at the office.",
    )
    ProjectUpdate.objects.create(project=afterworks, date=datetime.date(2022, 10, 6), text="First afterwork.")
    ProjectUpdate.objects.create(project=afterworks, date=datetime.date(2024, 1, 18), text="Now in Ghent too.")
    hackathon = make_project(
        "hackathon",
        kind="hackathon",
        state="finished",
        start_date=datetime.date(2023, 3, 17),
        end_date=datetime.date(2023, 3, 19),
        offices=[nantes],
        answers=[current],
    )
    committee = make_project(
        "lyon-committee",
        kind="local_initiative",
        state="running",
        start_date=datetime.date(2021, 1, 12),
        offices=[lyon],
        answers=[secret],
    )
    draft = make_project(
        "draft", title=f"{SECRET} draft", published=False, offices=[brussels], answers=[french], state="planned"
    )
    return {
        **process,
        "current": current,
        "earlier": earlier,
        "french": french,
        "secret": secret,
        "afterworks": afterworks,
        "hackathon": hackathon,
        "committee": committee,
        "draft": draft,
    }


def listed(client, query=""):
    response = client.get(f"/projects/{query}")
    assert response.status_code == 200, query
    return [project.slug for project in response.context["page"].object_list]


# --- The rules of a project


def test_a_project_cannot_end_before_it_starts(register):
    project = register["afterworks"]
    project.end_date = datetime.date(2022, 10, 5)
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert error.value.message_dict["end_date"] == ["The end date cannot be before the start date."]
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()


def test_a_finished_or_stopped_project_says_when_it_ended(register):
    project = register["afterworks"]
    for state in ("finished", "stopped"):
        project.state = state
        with pytest.raises(ValidationError) as error:
            project.full_clean()
        assert error.value.message_dict["end_date"] == ["A finished or stopped project needs the date it ended."]
    project.end_date = datetime.date(2024, 6, 30)
    project.full_clean()


def test_a_project_says_how_to_reach_it(register):
    project = register["hackathon"]
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert error.value.message_dict["contact_email"] == [
        "Give an e-mail address or a link, so that members know how to take part."
    ]
    project.contact_url = "https://smartinprogress.example.org/hackathon"
    project.full_clean()


def test_the_admin_refuses_an_end_before_the_start_with_its_message_and_saves_nothing(client, alice, process):
    client.force_login(alice)
    data = {
        "kind": "hackathon",
        "language": "en",
        "title": "A hackathon",
        "slug": "a-hackathon",
        "description": "Two days.",
        "state": "planned",
        "start_date": "2026-10-09",
        "end_date": "2026-10-08",
        "contact_name": "Pieter",
        "contact_email": "smartinprogress@smart.coop",
        "published": "on",
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "0",
    }
    response = client.post("/admin/projects/project/add/", data)
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not Project.objects.exists()
    response = client.post("/admin/projects/project/add/", {**data, "end_date": "2026-10-10"})
    assert response.status_code == 302
    assert Project.objects.get().slug == "a-hackathon"


def test_a_board_secretary_adds_an_update_but_cannot_change_the_project(client, bob, register):
    client.force_login(bob)
    project = register["hackathon"]
    data = {"project": project.pk, "date": "2023-04-01", "language": "fr", "text": "Les propositions sont suivies."}
    assert client.post("/admin/projects/projectupdate/add/", data).status_code == 302
    assert project.updates.get().text == "Les propositions sont suivies."
    change = client.post(f"/admin/projects/project/{project.pk}/change/", {"title": "Renamed"})
    assert change.status_code == 403
    project.refresh_from_db()
    assert project.title == "Hackathon"


# --- The list and its CSV


def test_the_list_shows_published_projects_newest_first(client, register):
    assert listed(client) == ["hackathon", "afterworks", "lyon-committee"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?kind=hackathon", ["hackathon"]),
        ("?kind=local_initiative", ["lyon-committee"]),
        ("?state=running", ["afterworks", "lyon-committee"]),
        ("?state=planned", []),
        ("?office=nantes", ["hackathon", "afterworks"]),
        ("?office=brussels", ["afterworks"]),
        # Through published recommendations only: the Lyon committee answers an unpublished one.
        ("?theme=gender-equality", ["afterworks"]),
        ("?theme=consolidating-my-activity", ["hackathon", "afterworks"]),
        ("?cycle=2017-2018", ["afterworks"]),
        ("?cycle=2019-2020", ["hackathon", "afterworks"]),
        ("?kind=test_project&cycle=2019-2020&office=nantes", ["afterworks"]),
    ],
)
def test_each_filter_narrows_the_list(client, register, query, expected):
    assert listed(client, query) == expected


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_holds_the_filtered_list_with_offices_and_published_recommendations(client, register):
    rows = csv_rows(client.get("/projects/export.csv", {"office": "nantes"}))
    assert rows == [
        [
            "slug",
            "title",
            "kind",
            "state",
            "start_date",
            "end_date",
            "offices",
            "recommendations",
            "contact_name",
            "contact_email",
            "contact_url",
        ],
        ["hackathon", "Hackathon", "hackathon", "finished", "2023-03-17", "2023-03-19", "Nantes", "2020-BE-01",
         "Sofie Peeters", "", ""],
        ["afterworks", "Afterworks by sector", "test_project", "running", "2022-10-06", "", "Brussels | Nantes",
         "2018-BE-01 | 2020-BE-01", "Sofie Peeters", "smartinprogress@smart.coop", ""],
    ]  # fmt: skip
    committee = csv_rows(client.get("/projects/export.csv", {"kind": "local_initiative"}))[1]
    assert committee[6:8] == ["Lyon", ""]
    assert SECRET not in str(csv_rows(client.get("/projects/export.csv")))


@pytest.mark.parametrize(
    "query, message",
    [
        ({"kind": "nope"}, "There is no kind “nope”."),
        ({"state": "done"}, "There is no state “done”."),
        ({"office": "atlantis"}, "There is no office “atlantis”."),
        ({"cycle": "1999"}, "There is no cycle “1999”."),
    ],
)
def test_an_unknown_filter_value_is_refused_on_the_page_and_in_the_csv(client, register, query, message):
    page = client.get("/projects/", query)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert "Afterworks" not in page.content.decode()
    export = client.get("/projects/export.csv", query)
    assert export.status_code == 400
    assert message in export.content.decode()


# --- One project


def test_a_project_page_says_what_it_is_how_to_take_part_and_what_it_answers(client, register):
    response = client.get("/projects/afterworks/")
    assert response.status_code == 200
    html = response.content.decode()
    for shown in [
        "Afterworks by sector",
        "Running",
        "How to take part",
        "Every first Tuesday, at the office.",
        'href="mailto:smartinprogress@smart.coop"',
        'href="/offices/brussels/"',
        'href="/offices/nantes/"',
        'href="/recommendations/2020-BE-01/"',
        'href="/recommendations/2018-BE-01/"',
    ]:
        assert shown in html, shown
    # Updates newest first.
    assert html.index("Now in Ghent too.") < html.index("First afterwork.")


def test_a_project_page_never_shows_an_unpublished_recommendation(client, register):
    html = client.get("/projects/lyon-committee/").content.decode()
    assert "No published recommendation yet." in html
    assert SECRET not in html
    assert "2017-BE-66" not in html


def test_an_unpublished_project_answers_exactly_like_an_unknown_one(client, register):
    unpublished = client.get("/projects/draft/")
    unknown = client.get("/projects/nothing/")
    assert unpublished.status_code == unknown.status_code == 404
    assert unpublished.content == unknown.content.replace(b"/projects/nothing/", b"/projects/draft/")
    assert SECRET.encode() not in unpublished.content


# --- A recommendation's page, through the sections other apps add to it


def test_a_recommendation_page_lists_its_published_projects(client, register):
    html = client.get("/recommendations/2020-BE-01/").content.decode()
    assert 'id="projects-heading"' in html
    assert 'href="/projects/afterworks/"' in html
    assert 'href="/projects/hackathon/"' in html
    french = client.get("/recommendations/2020-FR-01/").content.decode()
    assert 'id="projects-heading"' not in french
    assert SECRET not in french


# --- An office


def test_an_office_page_shows_its_recommendations_figures_projects_and_initiatives(client, register):
    response = client.get("/offices/nantes/")
    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary.total, summary.counts[Status.ONGOING], summary.implementation) == (1, 1, 0)
    assert [project.slug for project in response.context["projects"]] == ["hackathon", "afterworks"]
    assert response.context["initiatives"] == []
    assert [row.reference for row in response.context["page"].object_list] == ["2020-BE-01"]
    brussels = client.get("/offices/brussels/")
    assert (brussels.context["summary"].total, brussels.context["summary"].implementation) == (1, 100)
    assert [project.slug for project in brussels.context["projects"]] == ["afterworks"]


def test_an_office_page_leaves_out_unpublished_recommendations_and_projects(client, register):
    response = client.get("/offices/lyon/")
    assert response.context["summary"].total == 0
    assert [project.slug for project in response.context["initiatives"]] == ["lyon-committee"]
    assert SECRET not in response.content.decode()
    assert SECRET not in client.get("/offices/brussels/").content.decode()


def test_a_recommendation_of_two_workgroups_of_one_office_counts_once(client, process, make_recommendation):
    second = Workgroup.objects.create(
        cycle=process["new"], theme=process["gender"], office=process["nantes_group"].office, name="Gender", slug="g"
    )
    make_recommendation(status=Status.EXECUTED, workgroups=[process["nantes_group"], second])
    response = client.get("/offices/nantes/")
    assert response.context["summary"].total == 1
    assert [row["rows"][0][1].total for row in response.context["breakdowns"]] == [1, 1]


def test_an_office_lists_its_recommendations_newest_cycle_first_by_reference_and_a_new_one_at_once(
    client, process, make_recommendation
):
    nantes = process["nantes_group"].office
    older = Workgroup.objects.create(cycle=process["old"], theme=process["gender"], office=nantes, name="Old", slug="o")
    for number in (3, 1, 2):
        make_recommendation(reference=f"2018-BE-{number:02d}", cycle=process["old"], workgroups=[older])
    for number in range(26, 0, -1):
        make_recommendation(reference=f"2020-BE-{number:02d}")
    make_recommendation(reference="2020-BE-99", workgroups=[process["lyon_group"]])

    def listed(page):
        rows = client.get(f"/offices/nantes/?page={page}").context["page"].object_list
        return [row.reference for row in rows]

    new = [f"2020-BE-{number:02d}" for number in range(1, 27)]
    assert listed(1) == new[:25]
    assert listed(2) == [new[25], "2018-BE-01", "2018-BE-02", "2018-BE-03"]
    make_recommendation(reference="2020-BE-00")
    assert listed(1) == ["2020-BE-00", *new[:24]]
    assert listed(2) == new[24:] + ["2018-BE-01", "2018-BE-02", "2018-BE-03"]


def test_unknown_addresses_answer_the_not_found_page(client, register):
    for path in ("/projects/nothing/", "/offices/atlantis/"):
        response = client.get(path)
        assert response.status_code == 404
        assert b"<html" in response.content
        assert b"Traceback" not in response.content


# --- Changes show at once on the kept pages


def test_a_change_of_a_project_shows_on_the_next_request(client, register):
    project = register["afterworks"]
    assert "Afterworks by sector" in client.get("/recommendations/2018-BE-01/").content.decode()
    project.title = "Sector evenings"
    project.save()
    ProjectUpdate.objects.create(project=project, date=datetime.date(2025, 1, 1), text="Antwerp joins.")
    assert "Sector evenings" in client.get("/recommendations/2018-BE-01/").content.decode()
    page = client.get("/projects/afterworks/").content.decode()
    assert "Antwerp joins." in page
    project.recommendations.remove(register["earlier"])
    assert "Sector evenings" not in client.get("/recommendations/2018-BE-01/").content.decode()
    project.published = False
    project.save()
    assert listed(client) == ["hackathon", "lyon-committee"]


# Each page's queries, at most: the recommendation's page reads its projects and their offices.
# The office page reads its follow-up by projects from their links, and its initiatives and other
# projects apart, each with its offices and its count.
BUDGETS = {"/projects/": 8, "/projects/afterworks/": 6, "/offices/nantes/": 21, "/recommendations/2020-BE-01/": 9}


def test_the_pages_cost_the_same_queries_for_few_or_many_projects_within_their_budget(client, register):
    pages = list(BUDGETS)
    few = [queries_of_page(client, page) for page in pages]
    for number in range(10):
        make_project(
            f"more-{number}", offices=[register["nantes_group"].office], answers=[register["current"]]
        ).updates.create(date=datetime.date(2024, 1, 1), text="More.")
    many = [queries_of_page(client, page) for page in pages]
    assert many == few
    assert all(count <= BUDGETS[page] for page, count in zip(pages, few, strict=True)), few


# --- The admin


@pytest.mark.parametrize("model", ["projects/project", "projects/projectupdate"])
def test_admin_list_of_projects_costs_the_same_queries_for_few_or_many_rows(client, root, register, model):
    client.force_login(root)
    few, response = queries_of(client.get, f"/admin/{model}/")
    assert response.status_code == 200
    for number in range(20):
        make_project(f"more-{number}", offices=[register["brussels"]]).updates.create(
            date=datetime.date(2024, 1, 1), text="More."
        )
    many, response = queries_of(client.get, f"/admin/{model}/")
    assert many == few
    assert client.get(f"/admin/{model}/add/").status_code == 200


def test_the_admin_refuses_a_recommendation_or_office_that_is_no_key_with_a_message(client, alice, register):
    client.force_login(alice)
    project = register["afterworks"]
    url = f"/admin/projects/project/{project.pk}/change/"
    data = {**admin_form_data(client.get(url)), "recommendations": ["x1"], "offices": ["²"]}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() == {"recommendations", "offices"}
    assert set(project.recommendations.values_list("reference", flat=True)) == {"2020-BE-01", "2018-BE-01"}


def test_hostile_text_in_every_field_of_a_project_is_escaped_on_its_pages(client, register):
    project = make_project(
        "hostile",
        title=hostile("title", 300),
        description=hostile("description"),
        taking_part=hostile("taking part"),
        contact_name=hostile("contact", 200),
        contact_email="smartinprogress@smart.coop",
        offices=[register["brussels"]],
        answers=[register["current"]],
    )
    project.updates.create(date=datetime.date(2024, 1, 1), text=hostile("update"))
    for path in ("/projects/", "/projects/hostile/", "/offices/brussels/", "/recommendations/2020-BE-01/"):
        html = client.get(path).content.decode()
        assert "<script>alert(" not in html, path
        assert "&lt;script&gt;alert(" in html, path


def test_an_office_page_shows_its_newest_projects_and_links_the_list_of_all(client, register):
    nantes = register["nantes_group"].office
    for number in range(1, 14):
        make_project(f"more-{number:02d}", offices=[nantes], start_date=datetime.date(2025, 1, number))
    response = client.get("/offices/nantes/")
    shown = [project.slug for project in response.context["projects"]]
    # Twelve of the fifteen, newest first; the list holds them all, the initiative of another office not.
    assert shown == [f"more-{number:02d}" for number in range(13, 1, -1)]
    page = response.content.decode()
    assert 'href="/projects/?office=nantes">All 15 projects of this office, its initiatives included</a>' in page
    assert "local initiatives of this office" not in page
    assert len(listed(client, "?office=nantes")) == 15
