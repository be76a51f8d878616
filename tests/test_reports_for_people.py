"""Reports as people open them: published only unless staff ask, workbooks that read like the site, and the
members' list in every format."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from recommendations import services
from recommendations.models import Status
from recommendations.reports import views as report_views

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report_url(name, file_format="csv"):
    return reverse("export_report", args=[name, file_format])


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response, separator=","):
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"), newline=""), delimiter=separator))


def sheet_of(response):
    return openpyxl.load_workbook(io.BytesIO(body(response))).active


@pytest.fixture
def register(make_recommendation, process):
    """Three published recommendations (2 executed, 1 ongoing) and one unpublished with a refusal."""
    shown = make_recommendation(status=Status.EXECUTED, title="Shown")
    make_recommendation(status=Status.EXECUTED, theme=process["gender"], workgroups=[process["online_group"]])
    make_recommendation(status=Status.ONGOING)
    hidden = make_recommendation(published=False, title="Hidden draft")
    services.record_decision(shown, board="BE", meeting_date=datetime.date(2020, 7, 1), decision="accepted")
    services.record_decision(hidden, board="FR", meeting_date=datetime.date(2020, 7, 2), decision="refused")
    return shown, hidden


def test_reports_leave_unpublished_recommendations_out_and_the_page_says_how_many(client, charlie, register):
    client.force_login(charlie)
    header, *rows = csv_rows(client.get(report_url("decision-log")))
    assert [row[0] for row in rows] == ["2020-BE-01"]
    assert "published" not in header
    totals = csv_rows(client.get(report_url("theme-summary")))[-1]
    assert totals[:2] == ["All recommendations", ""]
    assert totals[2:] == ["2", "1", "0", "0", "0", "3", "67"]
    page = client.get(reverse("exports")).content.decode()
    assert "1 unpublished recommendation matches these filters and is left out of the reports." in page
    narrowed = client.get(reverse("exports"), {"cycle": "2017-2018"}).content.decode()
    assert "left out of the reports" not in narrowed


def test_staff_who_ask_for_unpublished_ones_get_them_with_a_published_column(client, alice, register):
    client.force_login(alice)
    header, *rows = csv_rows(client.get(report_url("decision-log"), {"include": "unpublished"}))
    published = header.index("published")
    assert sorted((row[0], row[published]) for row in rows) == [("2020-BE-01", "True"), ("2020-BE-04", "False")]
    totals = csv_rows(client.get(report_url("theme-summary"), {"include": "unpublished"}))[-1]
    assert totals[2:] == ["2", "1", "0", "1", "0", "4", "50"]
    assert "The reports include unpublished recommendations." in client.get(
        reverse("exports"), {"include": "unpublished"}
    ).content.decode("utf-8")


def test_an_unknown_include_value_is_refused_and_names_the_parameter(client, charlie, register):
    client.force_login(charlie)
    response = client.get(report_url("decision-log"), {"include": "everything"})
    assert response.status_code == 400
    assert response.content.decode() == "The include parameter takes only the value unpublished."


def test_a_workbook_has_a_bold_frozen_filtered_header_in_the_readers_language(client, charlie, register):
    client.force_login(charlie)
    response = client.get(report_url("theme-summary", "xlsx"), HTTP_ACCEPT_LANGUAGE="fr")
    sheet = sheet_of(response)
    statuses = ["Exécutée", "En cours", "Non exécutée", "Rejetée", "Reportée"]
    assert [cell.value for cell in sheet[1]] == ["Thème", "Slug", *statuses, "Total", "Taux de mise en œuvre"]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:I{sheet.max_row}"
    assert sheet.column_dimensions["A"].width >= len("Consolidating my activity")
    total = sheet[sheet.max_row]
    assert (total[7].value, total[8].value, total[8].number_format) == (3, pytest.approx(0.67), "0%")


def test_a_workbook_holds_dates_as_dates_and_labels_for_codes(client, charlie, register):
    client.force_login(charlie)
    log = sheet_of(client.get(report_url("progress-log", "xlsx"), HTTP_ACCEPT_LANGUAGE="nl"))
    assert [cell.value for cell in log[1]][:4] == ["Referentie", "Titel", "Datum", "Status"]
    assert log["C2"].value == datetime.datetime(2020, 6, 1)
    assert log["C2"].number_format == "yyyy-mm-dd"
    assert log["D2"].value == "Uitgevoerd"


def test_the_importable_workbook_keeps_codes_and_holds_its_status_date_as_a_date(client, charlie, register):
    client.force_login(charlie)
    sheet = sheet_of(client.get(report_url("recommendations", "xlsx"), HTTP_ACCEPT_LANGUAGE="fr"))
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["reference", "title", "text"]
    row = {name: cell.value for name, cell in zip(header, sheet[2], strict=True)}
    assert (row["status"], row["status_date"]) == ("executed", datetime.datetime(2020, 6, 1))


def test_members_download_the_list_as_csv_with_commas_or_semicolons_or_as_a_workbook(client, register):
    page = client.get(reverse("recommendation_list"), {"status": "executed"}).content.decode()
    assert 'href="/recommendations/export.csv?status=executed"' in page
    assert 'href="/recommendations/export.csv?status=executed&amp;sep=semicolon"' in page
    assert 'href="/recommendations/export.xlsx?status=executed"' in page
    semicolons = csv_rows(client.get("/recommendations/export.csv?status=executed&sep=semicolon"), ";")
    assert [row[0] for row in semicolons] == ["reference", "2020-BE-01", "2020-BE-02"]
    response = client.get("/recommendations/export.xlsx", {"status": "executed"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Type"] == XLSX
    rows = [[cell.value for cell in row] for row in sheet_of(response).iter_rows()]
    assert rows[0][:2] == ["Référence", "Titre"]
    assert [(row[0], row[6]) for row in rows[1:]] == [("2020-BE-01", "Exécutée"), ("2020-BE-02", "Exécutée")]


def test_a_members_workbook_too_long_to_build_is_refused_with_a_way_out(client, register, monkeypatch):
    monkeypatch.setattr(report_views, "PUBLIC_XLSX_MAX_ROWS", 2)
    response = client.get("/recommendations/export.xlsx")
    assert response.status_code == 400
    assert "narrow it with the filters, or download the CSV file" in response.content.decode()
    assert client.get("/recommendations/export.xlsx", {"status": "executed"}).status_code == 200


def test_the_admin_leads_those_who_may_download_to_the_reports(client, charlie, bob):
    client.force_login(charlie)
    home = client.get(reverse("admin:index")).content.decode()
    assert home.count(f'href="{reverse("exports")}"') == 2
    client.force_login(bob)
    assert reverse("exports") not in client.get(reverse("admin:index")).content.decode()
