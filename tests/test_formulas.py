"""Formulas in reports: no cell a spreadsheet would run, and what staff typed comes back from an import as typed."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from recommendations import services
from recommendations.models import Recommendation
from recommendations.reports.reports import REPORTS
from recommendations.stocktaking.files import read_dataset
from recommendations.stocktaking.resource import RecommendationResource
from workgroups.models import Office

from .support import report_query


def spreadsheet_runs(cell):
    """LibreOffice runs a cell whose first character, past spaces, starts a formula; tab and CR hide one."""
    return isinstance(cell, str) and (cell[:1] in ("\t", "\r") or cell.lstrip()[:1] in ("=", "+", "-", "@"))


def cells(client, name, file_format):
    response = client.get(reverse("export_report", args=[name, file_format]), report_query(name))
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    if file_format == "csv":
        return data, [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for cell in row]
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
    return data, [cell for row in sheet.iter_rows(values_only=True) for cell in row]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_no_report_cell_runs_as_a_formula(client, alice, process, edition, make_recommendation, file_format):
    process["new"].name = " =cycle"
    process["new"].save()
    process["activity"].name = " +theme"
    process["activity"].save()
    group = process["nantes_group"]
    group.name, group.moderator = " -group", "\u00a0@moderator"
    group.save()
    Office.objects.filter(pk=group.office_id).update(name="  =office")
    recommendation = make_recommendation(
        title=" =1+1", text="\n=2", context=" \t=3", directorate="\u00a0=4", reference="2020-BE-09"
    )
    services.record_decision(
        recommendation,
        board="BE",
        meeting_date=datetime.date(2020, 7, 1),
        decision="reformulated",
        motivation=" =5",
        reformulated_text=" -6",
        user=alice,
    )
    services.record_progress(recommendation, status="ongoing", date=datetime.date(2021, 1, 5), note=" @7", user=alice)
    client.force_login(alice)
    for name in REPORTS:
        _data, found = cells(client, name, file_format)
        assert found, name
        assert [cell for cell in found if spreadsheet_runs(cell)] == [], name


TYPED = ["=1+1", " =1+1", "'=x", "-5", "@a", "''+y", "'plain", "it's"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_typed_text_round_trips_through_export_and_import(client, alice, make_recommendation, file_format):
    for number, typed in enumerate(TYPED, 1):
        make_recommendation(reference=f"2020-BE-{number:02d}", title=typed, text=typed, context=typed)
    client.force_login(alice)
    data, _found = cells(client, "recommendations", file_format)
    result = RecommendationResource().import_data(read_dataset(data), dry_run=False, user=alice)
    assert result.problems == []
    assert result.totals["skip"] == len(TYPED)
    kept = dict(Recommendation.objects.values_list("reference", "title"))
    assert [kept[f"2020-BE-{number:02d}"] for number in range(1, len(TYPED) + 1)] == TYPED
    for typed, (title, text, context) in zip(
        TYPED, Recommendation.objects.order_by("reference").values_list("title", "text", "context")
    ):
        assert title == text == context == typed
