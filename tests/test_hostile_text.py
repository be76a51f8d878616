"""Hostile text in every field comes out escaped on every public page and intact in every export.

"Intact" means the cell holds exactly what was saved, apart from the documented formula neutralisation
(a leading ``= + - @`` tab or carriage return gets an apostrophe), and in XLSX the spreadsheet limit of
32,767 characters per cell. The real browser check, that no
dialog opens, is ``tests/browser/test_hostile_text.py``.
"""

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils.html import escape

from projects.models import Project
from recommendations.reports.reports import REPORTS
from recommendations.spreadsheets import FORMATS, neutralise
from stocktaking.models import Edition

from .support import HOSTILE, hostile, make_hostile_register, report_query

PAGES = [
    "/",
    "/recommendations/",
    "/recommendations/2020-BE-13/",
    "/themes/hostile-theme/",
    "/cycles/hostile-cycle/",
    "/workgroups/hostile-workgroup/",
    "/recommendations/?cycle=hostile-cycle&q=%3Cscript%3E",
]
RAW = ["<script>alert", "<img src=x", "onerror=alert(2)>"]
# A spreadsheet cell holds at most this many characters (Excel's limit; openpyxl cuts there). Only the
# 100 kB texts are longer: the CSV holds them whole.
XLSX_CELL_LIMIT = 32_767


@pytest.fixture
def register(db, bob):
    hostile_register = make_hostile_register(user=bob)
    project = Project.objects.create(
        slug="hostile-project",
        kind="test_project",
        title=hostile("project title", 300),
        description=hostile("project description", 2000),
        contact_name=hostile("contact", 200),
        contact_email="animator@example.org",
        start_date=datetime.date(2021, 2, 1),
    )
    project.recommendations.set([hostile_register["recommendation"]])
    return {**hostile_register, "project": project}


def values_of(register):
    """Every hostile value by name, as it is saved."""
    recommendation, decision = register["recommendation"], register["decision"]
    updates = list(recommendation.updates.order_by("date"))
    return {
        "title": recommendation.title,
        "text": recommendation.text,
        "context": recommendation.context,
        "directorate": recommendation.directorate,
        "motivation": decision.motivation,
        "reformulated": decision.reformulated_text,
        "first note": updates[0].note,
        "note": updates[-1].note,
        "cycle": register["cycle"].name,
        "theme": register["theme"].name,
        "workgroup": register["workgroup"].name,
        "office": register["office"].name,
        "project title": register["project"].title,
        "contact": register["project"].contact_name,
    }


# Which saved values each file must hold, cell for cell.
EXPORTED = {
    "public": ["title", "cycle", "theme", "workgroup"],
    "recommendations": ["title", "text", "context", "directorate", "cycle", "theme", "workgroup"],
    "theme-summary": ["theme"],
    "cycle-summary": ["cycle"],
    "workgroup-summary": ["workgroup", "cycle", "theme", "office"],
    "board-decisions": ["cycle", "theme"],
    "decision-log": ["title", "motivation", "reformulated"],
    "progress-log": ["title", "first note", "note"],
    "stocktaking": ["theme"],
    "projects": ["project title", "contact"],
}


@pytest.mark.parametrize("url", PAGES)
def test_hostile_text_is_escaped_on_every_public_page(client, register, url):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert escape(HOSTILE) in page
    for raw in RAW:
        assert raw not in page


def test_the_detail_and_workgroup_pages_show_every_hostile_field_escaped(client, register):
    page = (
        client.get("/recommendations/2020-BE-13/").content.decode()
        + client.get("/workgroups/hostile-workgroup/").content.decode()
    )
    # The responsible team is internal: it reaches staff reports, not the public pages.
    shown = {**values_of(register), "moderator": register["workgroup"].moderator}
    del shown["directorate"]
    # A project's contact is on its own page; the recommendation's page lists the project by its title.
    del shown["contact"]
    for name, value in shown.items():
        # linebreaks turns the line end before the 100 kB of the long texts into <br>.
        assert escape(value).replace("\n", "<br>") in page, name


def cells(response, file_format):
    content = b"".join(response.streaming_content)
    if file_format == "csv":
        return {cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")) for cell in row}
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return {cell for row in workbook.active.iter_rows(values_only=True) for cell in row}


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("report", REPORTS)
def test_hostile_text_is_intact_in_every_report(client, charlie, register, report, file_format):
    client.force_login(charlie)
    Edition.objects.create(slug="2021", as_of=datetime.date(2021, 1, 31), title=hostile("edition title", 200))
    response = client.get(f"/exports/{report}.{file_format}", report_query(report))
    assert response.status_code == 200
    found, values = cells(response, file_format), values_of(register)
    limit = XLSX_CELL_LIMIT if file_format == "xlsx" else None
    for name in EXPORTED[report]:
        assert neutralise(values[name])[:limit] in found, name


def test_hostile_text_is_intact_in_the_public_csv(client, register):
    found, values = cells(client.get("/recommendations/export.csv"), "csv"), values_of(register)
    assert all(values[name] in found for name in EXPORTED["public"])
