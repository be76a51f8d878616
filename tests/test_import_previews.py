"""The file of an import preview: kept in a folder of its own until confirmed, never a path the form brings."""

import io
import os
import time
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

from recommendations.models import Recommendation

FILES = Path(__file__).parent / "files"
IMPORT_URL = reverse("admin:recommendations_recommendation_import")
PROCESS_IMPORT_URL = reverse("admin:recommendations_recommendation_process_import")
GONE = "The file of this preview is no longer kept: upload it again. Nothing was imported."


@pytest.fixture
def previews(settings, tmp_path):
    settings.IMPORT_PREVIEW_DIR = tmp_path / "previews"
    return settings.IMPORT_PREVIEW_DIR


def preview(client):
    with open(FILES / "excel_semicolon_bom_crlf.csv", "rb") as handle:
        response = client.post(IMPORT_URL, {"import_file": handle, "format": "0"})
    assert response.status_code == 200
    return response.context["confirm_form"].initial


def test_a_preview_keeps_its_file_until_the_confirmation_removes_it(client, alice, process, previews):
    client.force_login(alice)
    confirm = preview(client)
    assert [path.name for path in previews.iterdir()] == [confirm["import_file_name"]]
    assert client.post(PROCESS_IMPORT_URL, {**confirm, "format": "0"}).status_code == 302
    assert Recommendation.objects.count() == 2
    assert list(previews.iterdir()) == []


def test_a_preview_confirmed_twice_or_forged_says_so_and_touches_nothing(client, alice, process, previews, tmp_path):
    client.force_login(alice)
    confirm = preview(client)
    client.post(PROCESS_IMPORT_URL, {**confirm, "format": "0"})
    outside = tmp_path / "outside.csv"
    outside.write_bytes((FILES / "excel_semicolon_bom_crlf.csv").read_bytes())
    Recommendation.objects.all().delete()
    for name in [confirm["import_file_name"], "0" * 32, str(outside), "../outside.csv"]:
        response = client.post(PROCESS_IMPORT_URL, {**confirm, "import_file_name": name, "format": "0"}, follow=True)
        assert response.redirect_chain == [(IMPORT_URL, 302)], name
        assert GONE in [str(message) for message in response.context["messages"]], name
    assert client.post(PROCESS_IMPORT_URL, {**confirm, "import_file_name": "", "format": "0"}).status_code == 200
    assert not Recommendation.objects.exists()
    assert outside.exists()


def test_previews_older_than_their_age_go_at_the_next_upload(client, alice, process, previews, settings):
    client.force_login(alice)
    stale = preview(client)["import_file_name"]
    hours_ago = time.time() - settings.IMPORT_PREVIEW_MAX_AGE - 60
    os.utime(previews / stale, (hours_ago, hours_ago))
    fresh = preview(client)["import_file_name"]
    assert [path.name for path in previews.iterdir()] == [fresh]


def test_a_file_of_too_many_rows_is_refused_before_it_is_read_whole(client, alice, process, previews, settings):
    settings.IMPORT_MAX_ROWS = 1
    client.force_login(alice)
    with open(FILES / "excel_semicolon_bom_crlf.csv", "rb") as handle:
        response = client.post(IMPORT_URL, {"import_file": handle, "format": "0"})
    assert response.context["form"].errors["import_file"] == [
        "The file has more rows than an import may hold (1). Split it and import each part."
    ]
    assert "confirm_form" not in response.context


def test_the_import_asks_for_a_file_and_no_format(client, alice, process, previews):
    client.force_login(alice)
    form = client.get(IMPORT_URL).context["form"]
    assert [label for _value, label in form.fields["format"].choices] == ["CSV or XLSX"]
    workbook = openpyxl.Workbook()
    workbook.active.append(["Reference", "Title", "Text", "Cycle", "Theme", "Country", "Status"])
    workbook.active.append(["2020-BE-99", "Tableur", "Texte", "2019-2020", "Gender equality", "BE", "Exécutée"])
    upload = io.BytesIO()
    workbook.save(upload)
    upload.name = "stand-van-zaken.xlsx"
    upload.seek(0)
    response = client.post(IMPORT_URL, {"import_file": upload, "format": "0"})
    assert [row.import_type for row in response.context["result"].valid_rows()] == ["new"]
    assert "confirm_form" in response.context
