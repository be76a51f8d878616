"""The follow-up section of a theme's, cycle's, workgroup's and office's page: how many of its published
recommendations a published running or finished project answers, and how many were executed without any
project. Every expected figure is counted by hand from the register below."""

import csv
import io
import re

import pytest

from recommendations.models import Status

from .test_projects import make_project


@pytest.fixture
def register(process, make_recommendation):
    """In 2019-2020, theme "Consolidating my activity", Nantes' workgroup:

    A executed, a running project             -> running
    B executed, no project                    -> executed without a project
    C ongoing, a finished and a running one   -> running (once)
    D ongoing, a finished project             -> finished
    E executed, only an unpublished project   -> executed without a project
    F postponed, a planned project            -> none of the three
    H executed, a stopped project             -> none of the three: it has a project
    S unpublished, a running project          -> not counted anywhere
    and in 2017-2018 (Brussels), O executed, answered by A's running project too.
    """
    group = process["nantes_group"]

    def make(letter, status, **fields):
        return make_recommendation(
            reference=f"2020-BE-0{ord(letter) - 64}", status=status, workgroups=[group], **fields
        )

    a, b, c, d, e, f, h = (
        make(letter, status)
        for letter, status in zip(
            "ABCDEFH",
            [Status.EXECUTED, Status.EXECUTED, Status.ONGOING, Status.ONGOING, Status.EXECUTED, Status.POSTPONED]
            + [Status.EXECUTED],
            strict=True,
        )
    )
    s = make("S", Status.ONGOING, published=False)
    old = make_recommendation(
        reference="2018-BE-01",
        cycle=process["old"],
        theme=process["gender"],
        status=Status.EXECUTED,
        workgroups=[process["old_group"]],
    )
    make_project("both-cycles", state="running", answers=[a, c, old])
    make_project("done", state="finished", answers=[c, d])
    make_project("draft", state="running", published=False, answers=[e])
    make_project("planned", state="planned", answers=[f])
    make_project("stopped", state="stopped", answers=[h])
    make_project("hidden-one", state="running", answers=[s])
    return {**process, "d": d}


def follow_up(client, path, language="en"):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    section = re.search(r'<section class="follow-up".*?</section>', html, re.S).group(0)
    text = " ".join(re.sub(r"<[^>]+>", " ", section).split())
    counts = dict(re.findall(r"<th scope=\"row\">([^<]+)</th><td class=\"number\">(\d+)</td>", section))
    return text, counts


def test_a_theme_counts_each_recommendation_once_by_its_best_project(client, register):
    text, counts = follow_up(client, "/themes/consolidating-my-activity/")
    assert counts == {
        "with a running project": "2",
        "with a finished project, none running": "1",
        "executed without a project": "2",
    }
    assert "Today 3 of its 7 recommendations have a running or finished project." in text
    assert "See these projects" in text


def test_a_project_answering_two_cycles_counts_in_each_cycle(client, register):
    _text, old = follow_up(client, "/cycles/2017-2018/")
    assert old == {
        "with a running project": "1",
        "with a finished project, none running": "0",
        "executed without a project": "0",
    }
    _text, new = follow_up(client, "/cycles/2019-2020/")
    assert new["with a running project"] == "2"


def test_an_office_and_a_workgroup_count_their_recommendations(client, register):
    _text, office = follow_up(client, "/offices/nantes/")
    assert office == {
        "with a running project": "2",
        "with a finished project, none running": "1",
        "executed without a project": "2",
    }
    text, group = follow_up(client, "/workgroups/activity-nantes/")
    assert group == office
    # The project list has no workgroup filter: no link that would list every project.
    assert "See these projects" not in text


def test_a_change_of_a_project_shows_on_the_next_request(client, register):
    follow_up(client, "/themes/consolidating-my-activity/")
    make_project("new-start", state="running", answers=[register["d"]])
    _text, counts = follow_up(client, "/themes/consolidating-my-activity/")
    assert counts["with a running project"] == "3"
    assert counts["with a finished project, none running"] == "0"


def test_the_section_reads_in_dutch_and_french(client, register):
    dutch, _counts = follow_up(client, "/themes/consolidating-my-activity/", "nl")
    french, _counts = follow_up(client, "/themes/consolidating-my-activity/", "fr")
    assert "Vandaag hebben 3 van de 7 aanbevelingen een lopend of afgerond project." in dutch
    assert "Aujourd'hui, 3 de ses 7 recommandations ont un projet en cours ou terminé." in french


def report_rows(client, query):
    response = client.get("/exports/projects.csv", query)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_projects_report_holds_the_projects_answering_the_selected_recommendations(client, charlie, register):
    client.force_login(charlie)
    header, *rows = report_rows(client, {"cycle": "2017-2018"})
    assert header[:4] == ["slug", "title", "kind", "state"]
    assert [(row[0], row[3], row[7]) for row in rows] == [
        ("both-cycles", "running", "2018-BE-01 | 2020-BE-01 | 2020-BE-03")
    ]
    # Published projects only, unless the unpublished recommendations are asked for too.
    _header, *rows = report_rows(client, {"cycle": "2019-2020"})
    assert sorted(row[0] for row in rows) == ["both-cycles", "done", "planned", "stopped"]
    header, *rows = report_rows(client, {"cycle": "2019-2020", "include": "unpublished"})
    assert header[-1] == "published"
    assert sorted((row[0], row[-1]) for row in rows) == [
        ("both-cycles", "True"),
        ("done", "True"),
        ("draft", "False"),
        ("hidden-one", "True"),
        ("planned", "True"),
        ("stopped", "True"),
    ]
