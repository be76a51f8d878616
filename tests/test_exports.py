"""Coordinator reports: who may download them, what they hold, and how they are written."""

import csv
import datetime
import io
import itertools

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import urlencode

from recommendations import services
from recommendations.management.commands.export_report import Command
from recommendations.models import Recommendation, Status
from recommendations.reports.reports import REPORTS
from recommendations.spreadsheets import csv_chunks
from workgroups.models import Cycle, Theme, Workgroup

from .support import queries_of, report_query
from .test_projects import make_project

EXPORTS_URL = reverse("exports")


def report_url(name, file_format="csv"):
    return reverse("export_report", args=[name, file_format])


def content_of(response):
    return b"".join(response.streaming_content)


def csv_rows(response, separator=","):
    data = content_of(response)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=separator))


def xlsx_rows(response):
    sheet = openpyxl.load_workbook(io.BytesIO(content_of(response))).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def register(make_recommendation, process):
    """Four recommendations with decisions from both boards; a project answers one of them."""
    executed = make_recommendation(status=Status.EXECUTED)
    make_recommendation(status=Status.EXECUTED, theme=process["gender"], workgroups=[process["online_group"]])
    ongoing = make_recommendation(status=Status.ONGOING, workgroups=[process["nantes_group"], process["lyon_group"]])
    make_recommendation(cycle=process["old"], theme=process["gender"], workgroups=[process["old_group"]])
    services.record_decision(executed, board="BE", meeting_date=datetime.date(2020, 7, 1), decision="accepted")
    services.record_decision(ongoing, board="FR", meeting_date=datetime.date(2020, 7, 2), decision="postponed")
    make_project("afterworks", answers=[ongoing], state="running")
    return Recommendation.objects.all()


@pytest.mark.parametrize("persona", ["charlie", "alice"])
@pytest.mark.parametrize("name", list(REPORTS))
def test_coordinators_and_team_download_every_report_as_csv_and_xlsx(client, request, register, edition, persona, name):
    client.force_login(request.getfixturevalue(persona))
    today = timezone.localdate().isoformat()
    query = report_query(name, cycle="2019-2020")
    # A report about an edition names it in its file's name.
    named = f"{name}_edition-{edition.slug}" if "edition" in query else name
    csv_response = client.get(report_url(name), query)
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response["Content-Disposition"] == f'attachment; filename="{named}_cycle-2019-2020_{today}.csv"'
    header, *rows = csv_rows(csv_response)
    none = Recommendation.objects.none()
    assert header == REPORTS[name].made_for(query, none, counted=none).header()
    assert rows
    xlsx_response = client.get(report_url(name, "xlsx"), query)
    assert xlsx_response.status_code == 200
    assert xlsx_response["Content-Disposition"] == f'attachment; filename="{named}_cycle-2019-2020_{today}.xlsx"'
    assert len(xlsx_rows(xlsx_response)) == len(rows) + 1


@pytest.mark.parametrize("url", [EXPORTS_URL, report_url("theme-summary"), report_url("decision-log", "xlsx")])
def test_secretaries_and_members_are_refused_and_strangers_sent_to_log_in(client, bob, dave, url):
    assert client.get(url).status_code == 302
    assert client.get(url)["Location"].startswith(reverse("admin:login"))
    for user in (bob, dave):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_exports_page_lists_every_report_with_its_files_and_the_filters(client, charlie, process, edition):
    client.force_login(charlie)
    response = client.get(EXPORTS_URL, {"cycle": "2019-2020"})
    page = response.content.decode()
    for name, report in REPORTS.items():
        assert escape(str(report.title)) in page
        assert escape(str(report.description)) in page
        query = escape(urlencode(report_query(name, cycle="2019-2020")))
        assert f'{report_url(name)}?{query}&amp;sep=semicolon"' in page
        assert f'{report_url(name, "xlsx")}?{query}"' in page
    for parameter in ("cycle", "theme", "workgroup", "office", "country", "status", "decision"):
        assert f'name="{parameter}"' in page
    # The content security policy allows neither inline scripts nor inline styles.
    assert "<script" not in page
    assert 'style="' not in page


def test_unknown_report_or_format_is_not_found(client, charlie):
    client.force_login(charlie)
    assert client.get(report_url("salaries")).status_code == 404
    assert client.get(report_url("theme-summary", "pdf")).status_code == 404


@pytest.mark.parametrize(
    "params, message",
    [
        (
            {"cycle": "1999"},
            "These filters are not valid: There is no cycle “1999”.",
        ),
        (
            {"status": "finished"},
            "These filters are not valid: There is no status “finished”.",
        ),
        ({"sep": "pipe"}, "The separator must be comma or semicolon."),
    ],
)
def test_invalid_filters_answer_400_with_a_plain_message_naming_the_value(client, charlie, register, params, message):
    client.force_login(charlie)
    response = client.get(report_url("recommendations"), params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == message


@pytest.fixture
def thirteen(make_recommendation, process):
    """Thirteen recommendations, one of them from two workgroups, and a theme, a cycle and a workgroup
    without any.

    ======  ===========================  =================  ==========================
    cycle   theme                        workgroups         statuses
    ======  ===========================  =================  ==========================
    2019    Consolidating my activity    Nantes             executed ×2, ongoing, rejected
    2019    Consolidating my activity    Nantes and Lyon    executed
    2019    Consolidating my activity    Lyon               not executed, postponed
    2019    Gender equality              online             executed, not executed ×2
    2017    Gender equality              Brussels           executed, rejected ×2
    ======  ===========================  =================  ==========================
    """
    nantes, lyon, online = process["nantes_group"], process["lyon_group"], process["online_group"]
    for status, workgroups in [
        (Status.EXECUTED, [nantes]),
        (Status.EXECUTED, [nantes, lyon]),
        (Status.EXECUTED, [nantes]),
        (Status.ONGOING, [nantes]),
        (Status.NOT_EXECUTED, [lyon]),
        (Status.REJECTED, [nantes]),
        (Status.POSTPONED, [lyon]),
    ]:
        make_recommendation(status=status, workgroups=workgroups)
    for status in (Status.EXECUTED, Status.NOT_EXECUTED, Status.NOT_EXECUTED):
        make_recommendation(status=status, theme=process["gender"], workgroups=[online])
    for status in (Status.EXECUTED, Status.REJECTED, Status.REJECTED):
        make_recommendation(
            status=status, cycle=process["old"], theme=process["gender"], workgroups=[process["old_group"]]
        )
    housing = Theme.objects.create(name="Housing", slug="housing")
    later = Cycle.objects.create(
        name="2021-2022",
        slug="2021-2022",
        edition=6,
        start_date=datetime.date(2021, 10, 1),
        end_date=datetime.date(2022, 5, 31),
    )
    Workgroup.objects.create(cycle=later, theme=housing, name="Housing (online)", slug="housing-online")


# The figures, worked out by hand: executed, ongoing, not executed, rejected, postponed, total and the
# implementation percentage, the executed share once whole percentages of all five statuses add up to 100
# (largest remainder; ties go to the larger count, then to that order of statuses).
# - 3 of 7 (activity): 42.86 and four times 14.29; the two spare points go to executed and ongoing: 43.
# - 2 of 6 (gender, 2 each executed, not executed and rejected): three times 33.33; the spare point goes to
#   executed, first in order: 34.
# - 1 of 3 beside one not executed and one postponed (Lyon): 34 likewise; 1 of 3 beside 2 of 3 (online,
#   Brussels): the spare point goes to the two thirds (66.67), executed keeps 33.
# - 4 of 10 (2019-2020): exactly 40.
# - 5 of 13 (everything): 38.46, 7.69, 23.08, 23.08, 7.69; the spare points go to ongoing and postponed: 38.
# A recommendation from two workgroups counts in each, and once in the last row; an empty set has no percentage.
ALL_THIRTEEN = ["All recommendations", "", 5, 1, 3, 3, 1, 13, 38]
FIGURE_COLUMNS = ["executed", "ongoing", "not_executed", "rejected", "postponed", "total", "implementation_percent"]
HAND_COMPUTED = {
    "theme-summary": [
        ["theme", "theme_slug", *FIGURE_COLUMNS],
        ["Consolidating my activity", "consolidating-my-activity", 3, 1, 1, 1, 1, 7, 43],
        ["Gender equality", "gender-equality", 2, 0, 2, 2, 0, 6, 34],
        ["Housing", "housing", 0, 0, 0, 0, 0, 0, None],
        ALL_THIRTEEN,
    ],
    "cycle-summary": [
        ["cycle", "cycle_slug", *FIGURE_COLUMNS],
        ["2021-2022", "2021-2022", 0, 0, 0, 0, 0, 0, None],
        ["2019-2020", "2019-2020", 4, 1, 3, 1, 1, 10, 40],
        ["2017-2018", "2017-2018", 1, 0, 0, 2, 0, 3, 33],
        ALL_THIRTEEN,
    ],
    "workgroup-summary": [
        [
            "workgroup",
            "workgroup_slug",
            "cycle",
            "theme",
            "office",
            *FIGURE_COLUMNS,
        ],
        ["Gender (Brussels)", "gender-brussels-2018", "2017-2018", "Gender equality", "Brussels", 1, 0, 0, 2, 0, 3, 33],
        ["Activity (Lyon)", "activity-lyon", "2019-2020", "Consolidating my activity", "Lyon", 1, 0, 1, 0, 1, 3, 34],
        [
            "Activity (Nantes)",
            "activity-nantes",
            "2019-2020",
            "Consolidating my activity",
            "Nantes",
            3,
            1,
            0,
            1,
            0,
            5,
            60,
        ],
        ["Gender (online)", "gender-online", "2019-2020", "Gender equality", "", 1, 0, 2, 0, 0, 3, 33],
        ["Housing (online)", "housing-online", "2021-2022", "Housing", "", 0, 0, 0, 0, 0, 0, None],
        ["All recommendations", "", "", "", "", 5, 1, 3, 3, 1, 13, 38],
    ],
}


def as_csv_cells(rows):
    """The rows as a CSV file reads back: every cell text, no percentage an empty cell."""
    return [["" if value is None else str(value) for value in row] for row in rows]


@pytest.mark.parametrize("name", list(HAND_COMPUTED))
def test_summary_csv_holds_the_hand_computed_figures(client, charlie, thirteen, name):
    client.force_login(charlie)
    assert csv_rows(client.get(report_url(name))) == as_csv_cells(HAND_COMPUTED[name])


def test_summary_xlsx_holds_the_hand_computed_figures_as_numbers(client, charlie, thirteen):
    client.force_login(charlie)
    header, *rows = xlsx_rows(client.get(report_url("workgroup-summary", "xlsx")))
    _codes, *expected_rows = HAND_COMPUTED["workgroup-summary"]
    statuses = ["Executed", "Ongoing", "Not executed", "Rejected", "Postponed"]
    assert header == ["Workgroup", "Slug", "Cycle", "Theme", "Office", *statuses, "Total", "Implemented"]
    # Spreadsheets keep no empty text (the office of an online workgroup, the padding of the last row), and
    # the percentage is a fraction shown as a percentage.
    assert rows == [
        [None if value == "" else value for value in row[:-1]] + [None if row[-1] is None else row[-1] / 100]
        for row in expected_rows
    ]


def test_summary_of_one_cycle_counts_only_that_cycle(client, charlie, thirteen):
    client.force_login(charlie)
    _header, *rows = csv_rows(client.get(report_url("theme-summary"), {"cycle": "2019-2020"}))
    # Gender equality keeps only the online workgroup's 1 of 3 (beside 2 of 3): 33; all: 4 of 10.
    assert rows == as_csv_cells(
        [
            ["Consolidating my activity", "consolidating-my-activity", 3, 1, 1, 1, 1, 7, 43],
            ["Gender equality", "gender-equality", 1, 0, 2, 0, 0, 3, 33],
            ["Housing", "housing", 0, 0, 0, 0, 0, 0, None],
            ["All recommendations", "", 4, 1, 3, 1, 1, 10, 40],
        ]
    )


FORMULAS = {"title": "=1+1", "text": "+cmd|' /C calc'!A0", "context": "@SUM(A1)", "directorate": "-2+3"}


def test_formulas_are_neutralised_in_csv_and_xlsx(client, alice, make_recommendation):
    make_recommendation(reference="2020-BE-50", **FORMULAS)
    make_recommendation(reference="2020-BE-51", title="\tTabbed", text="\r=carriage")
    client.force_login(alice)
    header, *rows = csv_rows(client.get(report_url("recommendations"), {"sort": "reference"}))
    csv_cells = {**dict(zip(header, rows[0])), **{"title2": rows[1][1], "text2": rows[1][2]}}
    header, *rows = xlsx_rows(client.get(report_url("recommendations", "xlsx"), {"sort": "reference"}))
    xlsx_cells = {**dict(zip(header, rows[0])), **{"title2": rows[1][1], "text2": rows[1][2]}}
    expected = {**{column: "'" + value for column, value in FORMULAS.items()}, "title2": "'\tTabbed"}
    for cells in (csv_cells, xlsx_cells):
        assert {column: cells[column] for column in expected} == expected
    # The apostrophe comes first; XLSX stores the carriage return as a line feed.
    assert csv_cells["text2"] == "'\r=carriage"
    assert xlsx_cells["text2"] == "'\n=carriage"


def test_semicolon_separator_on_request(client, charlie, register):
    client.force_login(charlie)
    response = client.get(report_url("cycle-summary"), {"sep": "semicolon"})
    assert content_of(response).decode("utf-8-sig").splitlines()[0].startswith("cycle;cycle_slug;executed;")


def test_a_long_csv_streams_in_several_pieces_that_make_up_the_whole_file(client, charlie, register):
    client.force_login(charlie)
    assert client.get(report_url("progress-log")).streaming
    rows = [[number, f"Recommendation {number}", datetime.date(2020, 6, 1)] for number in range(5000)]
    whole = io.StringIO(newline="")
    csv.writer(whole).writerows([str(number), title, day.isoformat()] for number, title, day in rows)
    pieces = list(csv_chunks(iter(rows)))
    # The byte-order mark, then the lines in more than one piece.
    assert len(pieces) > 2
    assert "".join(pieces) == "\ufeff" + whole.getvalue()
    # The first lines go out before the last row is read.
    read = []

    def counted(count):
        for number in range(count):
            read.append(number)
            yield [number]

    first_lines = next(itertools.islice(csv_chunks(counted(100_000)), 1, None))
    assert first_lines.startswith("0\r\n1\r\n2\r\n")
    assert len(read) < 100_000


def test_exports_page_offers_the_import_to_those_who_may_import(client, alice, charlie):
    import_url = reverse("admin:recommendations_recommendation_import")
    client.force_login(alice)
    assert import_url in client.get(EXPORTS_URL).content.decode()
    client.force_login(charlie)
    assert import_url not in client.get(EXPORTS_URL).content.decode()


def test_logs_have_one_row_per_event_with_who_recorded_it(client, alice, charlie, recommendation):
    services.record_progress(recommendation, status=Status.ONGOING, date=datetime.date(2021, 1, 5), user=alice)
    services.record_decision(
        recommendation, board="FR", meeting_date=datetime.date(2021, 2, 1), decision="refused", user=alice
    )
    client.force_login(charlie)
    header, *rows = csv_rows(client.get(report_url("progress-log")))
    progress = [dict(zip(header, row)) for row in rows]
    assert [(row["date"], row["status"], row["recorded_by"]) for row in progress] == [
        ("2020-06-01", "not_executed", ""),
        ("2021-01-05", "ongoing", "alice"),
        ("2021-02-01", "rejected", "alice"),
    ]
    assert progress[2]["caused_by_decision"] == "FR 2021-02-01 refused"
    header, *rows = csv_rows(client.get(report_url("decision-log")))
    decision = dict(zip(header, rows[0]))
    assert (decision["board"], decision["decision"], decision["recorded_by"]) == ("FR", "refused", "alice")


def test_recommendations_report_holds_the_internal_fields(client, charlie, register):
    # The French board postponed the third one, which moved it from ongoing to postponed.
    Recommendation.objects.filter(status=Status.POSTPONED).update(published=False, directorate="Members' services")
    client.force_login(charlie)
    assert csv_rows(client.get(report_url("recommendations"), {"status": "postponed"}))[1:] == []
    everything = {"status": "postponed", "include": "unpublished"}
    header, *rows = csv_rows(client.get(report_url("recommendations"), everything))
    row = dict(zip(header, rows[0]))
    assert (row["published"], row["directorate"], row["follow_up"]) == ("no", "Members' services", "none")
    assert (row["decision_be"], row["decision_fr"], row["status"], row["status_date"]) == (
        "",
        "postponed",
        "postponed",
        "2020-07-02",
    )
    assert row["workgroups"] == "Activity (Lyon) | Activity (Nantes)"


def populate(make_recommendation, process, count):
    for number in range(count):
        recommendation = make_recommendation(workgroups=[process["nantes_group"], process["lyon_group"]])
        if number % 2:
            services.record_decision(
                recommendation, board="BE", meeting_date=datetime.date(2020, 7, 1), decision="accepted"
            )


@pytest.mark.parametrize("name", list(REPORTS))
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_every_report_costs_the_same_queries_for_5_or_50_recommendations(
    client, charlie, make_recommendation, process, edition, name, file_format
):
    client.force_login(charlie)
    counts = []
    query = report_query(name, country="BE")
    for size in (5, 45):
        populate(make_recommendation, process, size)
        count, _content = queries_of(lambda: content_of(client.get(report_url(name, file_format), query)))
        counts.append(count)
    # One more for a report about one of several things: reading the one chosen.
    assert counts[0] == counts[1] <= (8 if REPORTS[name].chooses is None else 9)


def test_admin_list_exports_the_selected_rows_neutralised(client, charlie, make_recommendation):
    chosen = [make_recommendation(title="=evil").pk, make_recommendation().pk]
    make_recommendation()
    client.force_login(charlie)
    form = client.post(
        reverse("admin:recommendations_recommendation_changelist"),
        {"action": "export_admin_action", "_selected_action": chosen},
    ).context["form"]
    columns = {name: "on" for name in form.fields if name.startswith("recommendationresource_")}
    response = client.post(
        reverse("admin:recommendations_recommendation_export"),
        {**columns, "resource": "0", "format": "0", "export_items": chosen},
    )
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""))
    assert header[:2] == ["reference", "title"]
    assert sorted(row[1] for row in rows) == ["'=evil", "Recommendation 2"]


def test_export_command_writes_the_report_like_the_page(client, charlie, register, tmp_path):
    target = tmp_path / "themes.csv"
    call_command("export_report", "theme-summary", "cycle=2019-2020", "--sep", "semicolon", "-o", str(target))
    client.force_login(charlie)
    response = client.get(report_url("theme-summary"), {"cycle": "2019-2020", "sep": "semicolon"})
    assert target.read_bytes() == content_of(response)
    call_command("export_report", "progress-log", "--format", "xlsx", "-o", str(tmp_path / "log.xlsx"))
    assert openpyxl.load_workbook(tmp_path / "log.xlsx").active["A1"].value == "Reference"


def test_export_command_refuses_invalid_filters_with_the_message_of_the_page(client, charlie, db):
    with pytest.raises(CommandError) as caught:
        call_command("export_report", "decision-log", "status=finished")
    client.force_login(charlie)
    assert str(caught.value) == client.get(report_url("decision-log"), {"status": "finished"}).content.decode()
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["manage.py", "export_report", "decision-log", "status=finished"])
    assert exited.value.code == 1
