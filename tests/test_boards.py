"""The two boards' decisions (the list's ``board`` and ``boards`` filters, the boards' page and report) and
the postponed recommendations waiting to be taken up, each figure counted by hand on a small register."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Project
from recommendations import services
from recommendations.models import Decision, Status


def decide(recommendation, board, day, decision):
    text = "Narrower." if decision == Decision.REFORMULATED else ""
    services.record_decision(recommendation, board=board, meeting_date=day, decision=decision, reformulated_text=text)


@pytest.fixture
def register(make_recommendation, process):
    """R1 accepted in Belgium and refused in France; R2 postponed, then accepted, in Belgium and accepted in
    France; R3 reformulated in France only; R4 (an older cycle) refused in Belgium; R5 not decided on; an
    unpublished one that both boards decided on differently."""
    gender, activity = process["gender"], process["activity"]
    r1 = make_recommendation(reference="2020-BE-01", theme=activity)
    decide(r1, "BE", datetime.date(2020, 6, 10), Decision.ACCEPTED)
    decide(r1, "FR", datetime.date(2020, 6, 12), Decision.REFUSED)
    r2 = make_recommendation(reference="2020-BE-02", theme=gender)
    decide(r2, "BE", datetime.date(2020, 6, 10), Decision.POSTPONED)
    decide(r2, "BE", datetime.date(2020, 9, 1), Decision.ACCEPTED)
    decide(r2, "FR", datetime.date(2020, 6, 12), Decision.ACCEPTED)
    r3 = make_recommendation(reference="2020-FR-01", theme=gender, country="FR")
    decide(r3, "FR", datetime.date(2020, 6, 12), Decision.REFORMULATED)
    r4 = make_recommendation(reference="2018-BE-01", theme=gender, cycle=process["old"], date=datetime.date(2018, 6, 1))
    decide(r4, "BE", datetime.date(2018, 6, 20), Decision.REFUSED)
    make_recommendation(reference="2020-BE-05", theme=activity)
    hidden = make_recommendation(reference="2020-BE-66", theme=activity, published=False)
    decide(hidden, "BE", datetime.date(2020, 6, 10), Decision.ACCEPTED)
    decide(hidden, "FR", datetime.date(2020, 6, 12), Decision.REFUSED)


def listed(client, **query):
    response = client.get("/recommendations/", query)
    assert response.status_code == 200
    # The list's count is its figures' total: the same set.
    assert response.context["summary"].total == len(response.context["page"].object_list)
    return sorted(row.reference for row in response.context["page"].object_list)


@pytest.mark.parametrize(
    "query, references",
    [
        ({"board": "FR", "decision": "refused"}, ["2020-BE-01"]),
        ({"board": "BE", "decision": "refused"}, ["2018-BE-01"]),
        ({"board": "BE", "decision": "accepted"}, ["2020-BE-01", "2020-BE-02"]),
        # The Belgian board postponed R2 before accepting it: its newest decision counts.
        ({"board": "BE", "decision": "postponed"}, []),
        ({"board": "FR"}, ["2020-BE-01", "2020-BE-02", "2020-FR-01"]),
        ({"board": "BE"}, ["2018-BE-01", "2020-BE-01", "2020-BE-02"]),
        # Without a board, the newest decision of either: R1's is the French refusal.
        ({"decision": "refused"}, ["2018-BE-01", "2020-BE-01"]),
        ({"boards": "differ"}, ["2020-BE-01"]),
        ({"boards": "differ", "board": "BE", "decision": "accepted"}, ["2020-BE-01"]),
        ({"boards": "differ", "board": "FR", "decision": "accepted"}, []),
    ],
)
def test_the_list_narrows_to_a_boards_newest_decision(client, register, query, references):
    assert listed(client, **query) == references


@pytest.mark.parametrize("query", [{"board": "DE"}, {"board": "be"}, {"boards": "agree"}])
def test_an_unknown_board_value_is_refused_with_the_page(client, register, query):
    response = client.get("/recommendations/", query)
    assert response.status_code == 400
    assert b"2020-BE-01" not in response.content
    assert client.get("/recommendations/export.csv", query).status_code == 400


def test_the_public_csv_takes_the_board_filter(client, register):
    response = client.get("/recommendations/export.csv", {"board": "FR", "decision": "refused"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [(row["reference"], row["decision_be"], row["decision_fr"]) for row in rows] == [
        ("2020-BE-01", "accepted", "refused")
    ]


def test_the_boards_page_counts_each_boards_newest_decisions_per_cycle_and_theme(client, register, process):
    response = client.get("/boards/")
    assert response.status_code == 200
    belgium, france = response.context["boards"]

    def plain(rows):
        return [(obj.slug, [count for _decision, count in counts.in_order], counts.total) for obj, counts in rows]

    # accepted, reformulated, postponed, refused
    assert [count for _d, count in belgium["total"].in_order] == [2, 0, 0, 1]
    assert plain(belgium["cycles"]) == [("2019-2020", [2, 0, 0, 0], 2), ("2017-2018", [0, 0, 0, 1], 1)]
    assert plain(belgium["themes"]) == [
        ("consolidating-my-activity", [1, 0, 0, 0], 1),
        ("gender-equality", [1, 0, 0, 1], 2),
    ]
    assert [count for _d, count in france["total"].in_order] == [1, 1, 0, 1]
    assert plain(france["cycles"]) == [("2019-2020", [1, 1, 0, 1], 3)]
    assert plain(france["themes"]) == [
        ("consolidating-my-activity", [0, 0, 0, 1], 1),
        ("gender-equality", [1, 1, 0, 0], 2),
    ]
    assert response.context["differing"] == 1
    assert [row.reference for row in response.context["page"].object_list] == ["2020-BE-01"]
    content = response.content.decode()
    assert 'href="/recommendations/2020-BE-01/"' in content
    assert 'href="/recommendations/2020-BE-02/"' not in content
    assert 'href="/recommendations/?boards=differ"' in content
    assert "2020-BE-66" not in content


def test_the_boards_page_speaks_dutch_and_french(client, register):
    dutch = client.get("/boards/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    for words in ("Raad van bestuur, België", "Aanvaard", "Verdaagd", "Geweigerd"):
        assert words in dutch
    french = client.get("/boards/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Conseil d’administration, Belgique" in french or "Conseil d'administration, Belgique" in french
    assert "Refusée" in french


@pytest.mark.parametrize("day", ["2020-06-11", "abc"])
def test_the_boards_page_says_it_shows_no_earlier_day(client, register, day):
    response = client.get("/boards/", {"as_of": day})
    assert response.status_code == 400
    assert b"cannot show them as they stood on an earlier day" in response.content
    assert "boards" not in response.context or not response.context.get("boards")


def test_the_board_decisions_report_counts_per_board_cycle_and_theme(client, register, charlie):
    client.force_login(charlie)
    response = client.get("/exports/board-decisions.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows == [
        ["board", "cycle", "cycle_slug", "theme", "theme_slug", "accepted", "reformulated", "postponed", "refused"]
        + ["total", "decided_differently"],
        ["BE", "2017-2018", "2017-2018", "Gender equality", "gender-equality", "0", "0", "0", "1", "1", "0"],
        ["BE", "2019-2020", "2019-2020", "Consolidating my activity", "consolidating-my-activity"]
        + ["1", "0", "0", "0", "1", "1"],
        ["BE", "2019-2020", "2019-2020", "Gender equality", "gender-equality", "1", "0", "0", "0", "1", "0"],
        ["BE", "All recommendations", "", "", "", "2", "0", "0", "1", "3", "1"],
        ["FR", "2019-2020", "2019-2020", "Consolidating my activity", "consolidating-my-activity"]
        + ["0", "0", "0", "1", "1", "1"],
        ["FR", "2019-2020", "2019-2020", "Gender equality", "gender-equality", "1", "1", "0", "0", "2", "0"],
        ["FR", "All recommendations", "", "", "", "1", "1", "0", "1", "3", "1"],
    ]
    # Narrowed by the list's filters: the old cycle alone.
    response = client.get("/exports/board-decisions.csv", {"cycle": "2017-2018"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row[:2] + row[5:] for row in rows[1:]] == [
        ["BE", "2017-2018", "0", "0", "0", "1", "1", "0"],
        ["BE", "All recommendations", "0", "0", "0", "1", "1", "0"],
        ["FR", "All recommendations", "0", "0", "0", "0", "0", "0"],
    ]


def test_the_board_decisions_workbook_reads_in_dutch(client, register, charlie):
    client.force_login(charlie)
    response = client.get("/exports/board-decisions.xlsx", HTTP_ACCEPT_LANGUAGE="nl")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert (rows[0][0], rows[0][5]) == ("Raad van bestuur", "Aanvaard")
    assert rows[1][:2] == ["België", "2017-2018"]
    assert rows[1][5:] == [0, 0, 0, 1, 1, 0]
    assert b"board-decisions" in client.get("/exports/").content


def test_a_correction_of_a_decision_moves_the_boards_figures(client, register):
    assert client.get("/boards/").context["differing"] == 1
    r1 = services.Recommendation.objects.get(reference="2020-BE-01")
    services.delete_decision(r1.decisions.get(board="FR"))
    response = client.get("/boards/")
    assert response.context["differing"] == 0
    assert listed(client, board="FR") == ["2020-BE-02", "2020-FR-01"]


@pytest.fixture
def postponed(make_recommendation, process):
    """W1, W4 and W5 wait; W2 is taken up by a later recommendation, W3 answered by a project; W4 only by an
    unpublished project, W7 is unpublished, W6 not postponed."""
    old = process["old"]
    make_recommendation(reference="2018-BE-01", cycle=old, status=Status.POSTPONED, date=datetime.date(2018, 3, 1))
    w2 = make_recommendation(reference="2018-BE-02", cycle=old, status=Status.POSTPONED, date=datetime.date(2018, 1, 1))
    make_recommendation(reference="2020-BE-10", revisits=w2)
    w3 = make_recommendation(
        reference="2018-BE-03", cycle=old, status=Status.POSTPONED, date=datetime.date(2017, 12, 1)
    )
    w4 = make_recommendation(reference="2018-BE-04", cycle=old, status=Status.POSTPONED, date=datetime.date(2019, 1, 1))
    w5 = make_recommendation(reference="2020-BE-05", theme=process["gender"])
    decide(w5, "BE", datetime.date(2020, 7, 1), Decision.POSTPONED)
    make_recommendation(reference="2020-BE-06", status=Status.ONGOING)
    make_recommendation(reference="2020-BE-07", status=Status.POSTPONED, published=False)
    answering_project("Mentors").recommendations.set([w3])
    answering_project("Draft", published=False).recommendations.set([w4])


def answering_project(title, **fields):
    return Project.objects.create(
        kind="test_project",
        title=title,
        slug=title.lower(),
        description="-",
        contact_name="Ann",
        start_date=datetime.date(2021, 1, 1),
        **fields,
    )


def waiting(client, **query):
    response = client.get("/waiting/", query)
    assert response.status_code == 200
    return [row.reference for row in response.context["page"].object_list], response


def test_waiting_lists_postponed_ones_nobody_took_up_longest_postponed_first(client, postponed):
    references, response = waiting(client)
    assert references == ["2018-BE-01", "2018-BE-04", "2020-BE-05"]
    assert response.context["page"].paginator.count == 3
    assert b"3 postponed recommendations are waiting." in response.content
    assert waiting(client, cycle="2019-2020")[0] == ["2020-BE-05"]
    assert waiting(client, theme="gender-equality")[0] == ["2020-BE-05"]
    assert waiting(client, cycle="2017-2018", theme="consolidating-my-activity")[0] == ["2018-BE-01", "2018-BE-04"]


def test_waiting_follows_a_new_revisit_and_a_new_project(client, postponed, make_recommendation):
    w1 = services.Recommendation.objects.get(reference="2018-BE-01")
    make_recommendation(reference="2020-BE-20", revisits=w1)
    Project.objects.get(slug="draft").delete()
    assert waiting(client)[0] == ["2018-BE-04", "2020-BE-05"]
    Project.objects.get(slug="mentors").recommendations.add(services.Recommendation.objects.get(reference="2018-BE-04"))
    assert waiting(client)[0] == ["2020-BE-05"]


def test_waiting_pages_and_refuses_unknown_filters(client, make_recommendation, process):
    for number in range(26):
        make_recommendation(
            reference=f"2018-BE-{number + 10}",
            cycle=process["old"],
            status=Status.POSTPONED,
            date=datetime.date(2018, 1, 1) + datetime.timedelta(days=number),
        )
    first, _response = waiting(client)
    assert first == [f"2018-BE-{number + 10}" for number in range(25)]
    assert waiting(client, page=2)[0] == ["2018-BE-35"]
    response = client.get("/waiting/", {"cycle": "1999"})
    assert response.status_code == 400
    assert "There is no cycle “1999”." in response.content.decode()
    assert "2018-BE-10" not in response.content.decode()


def test_waiting_pages_follow_the_order_across_days_shared_by_several_and_a_new_one_at_once(
    client, make_recommendation, process
):
    # Three a day over twenty days, their references against the order of their making, so that pages end
    # within a day; one of each day taken up by a project, which leaves forty.
    answering = answering_project("Mentors")
    expected = []
    for day in range(20):
        for number in (3, 2, 1):
            reference = f"2018-BE-{day:02d}{number}"
            made = make_recommendation(
                reference=reference,
                cycle=process["old"],
                status=Status.POSTPONED,
                date=datetime.date(2018, 1, 1) + datetime.timedelta(days=day),
            )
            if number == 2:
                answering.recommendations.add(made)
            else:
                expected.append(reference)
    expected.sort()
    assert waiting(client)[0] == expected[:25]
    assert waiting(client, page=2)[0] == expected[25:]
    make_recommendation(
        reference="2018-BE-9999", cycle=process["old"], status=Status.POSTPONED, date=datetime.date(2017, 6, 1)
    )
    references, response = waiting(client, page=2)
    assert references == expected[24:]
    assert response.context["page"].paginator.count == 41


def test_waiting_is_linked_from_the_overview_and_the_projects(client, postponed):
    assert b'href="/waiting/"' in client.get("/").content
    assert b'href="/boards/"' in client.get("/").content
    assert b'href="/waiting/"' in client.get("/projects/").content


def test_waiting_speaks_dutch_and_french(client, postponed):
    dutch = client.get("/waiting/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "3 uitgestelde aanbevelingen wachten." in dutch
    french = client.get("/waiting/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "3 recommandations reportées attendent." in french


def test_the_boards_page_and_the_waiting_list_run_as_many_queries_for_more_recommendations(
    client, postponed, make_recommendation
):
    def queries(path):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    def differing_and_waiting(number):
        more = make_recommendation(reference=f"2020-FR-{number + 10}", country="FR", status=Status.POSTPONED)
        decide(more, "BE", datetime.date(2020, 6, 10), Decision.ACCEPTED)
        decide(more, "FR", datetime.date(2020, 6, 12), Decision.POSTPONED)

    differing_and_waiting(0)
    before = {path: queries(path) for path in ("/boards/", "/waiting/")}
    for number in range(1, 6):
        differing_and_waiting(number)
    assert {path: queries(path) for path in before} == before
