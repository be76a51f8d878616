"""Hostile uploads: each is refused with a message by the admin import and the command alike, and
nothing is written. The files are made here, as an attacker would make them."""

import csv
import io
import zipfile

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from recommendations.models import Recommendation
from recommendations.stocktaking.files import ImportFileError, read_dataset

IMPORT_URL = reverse("admin:recommendations_recommendation_import")
HEADER = "reference,title,text,cycle,theme,country,status\n"
GOOD_ROW = "2020-BE-50,Shared spaces,Open the offices,2019-2020,Gender equality,BE,ongoing\n"


def oversized(settings):
    settings.IMPORT_MAX_BYTES = 64 * 1024
    return (HEADER + GOOD_ROW * 2000).encode()


def not_a_spreadsheet(settings):
    # The first bytes of a PNG image, then noise: what a mistaken upload looks like.
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40


def a_zip_that_is_no_spreadsheet(settings):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    return buffer.getvalue()


def zip_bomb(settings):
    """A valid XLSX whose sheet holds 128 MB of spaces, packed into about 128 kB."""
    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER.strip().split(","))
    workbook.save(buffer)
    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                with target.open(entry.filename, "w", force_zip64=True) as sheet:
                    sheet.write(data.replace(b"</worksheet>", b""))
                    for _ in range(128):
                        sheet.write(b" " * (1024 * 1024))
                    sheet.write(b"</worksheet>")
            else:
                target.writestr(entry, data)
    return bomb.getvalue()


def ten_thousand_columns(settings):
    row = io.StringIO()
    writer = csv.writer(row)
    writer.writerow(HEADER.strip().split(",") + [f"extra{number}" for number in range(10_000)])
    return (row.getvalue() + GOOD_ROW).encode()


def a_huge_value(settings):
    return (HEADER + '2020-BE-50,"' + "x" * (2 * 1024 * 1024) + '",t,2019-2020,Gender equality,BE,ongoing\n').encode()


HOSTILE = {
    oversized: "The file is 154.3\xa0KB; files up to 64.0\xa0KB can be imported. Nothing was imported.",
    not_a_spreadsheet: "This is not a CSV or XLSX file. Save the spreadsheet as .xlsx or as CSV.",
    a_zip_that_is_no_spreadsheet: "This spreadsheet cannot be read. Save it again as .xlsx or as CSV.",
    zip_bomb: "This spreadsheet unpacks to 128.0\xa0MB, more than an import may hold. Nothing was imported.",
    ten_thousand_columns: "The first line has 10007 columns; an import may have up to 200. Nothing was imported.",
    a_huge_value: "Line 2 holds a value longer than 1048576 characters, or a quote that is never closed.",
}


@pytest.fixture(params=HOSTILE, ids=lambda make: make.__name__)
def hostile(request, settings, tmp_path, process):
    data = request.param(settings)
    path = tmp_path / f"{request.param.__name__}.{'xlsx' if data.startswith(b'PK') else 'csv'}"
    path.write_bytes(data)
    return path, HOSTILE[request.param]


def test_the_reader_refuses_each_hostile_file_with_its_message(hostile):
    path, message = hostile
    with pytest.raises(ImportFileError) as caught:
        read_dataset(path.read_bytes())
    assert caught.value.messages == [message]


def test_the_command_refuses_each_hostile_file_and_writes_nothing(hostile):
    path, message = hostile
    with pytest.raises(CommandError) as caught:
        call_command("import_recommendations", str(path))
    assert str(caught.value) == message
    assert not Recommendation.objects.exists()


def test_the_admin_refuses_each_hostile_file_and_writes_nothing(client, alice, hostile):
    path, message = hostile
    client.force_login(alice)
    with open(path, "rb") as handle:
        response = client.post(IMPORT_URL, {"import_file": handle, "format": "0"})
    assert response.status_code == 200
    assert response.context["form"].errors["import_file"] == [message]
    assert "confirm_form" not in response.context
    assert not Recommendation.objects.exists()
    # The server is unharmed: the next, honest file imports.
    good = path.with_name("good.csv")
    good.write_text(HEADER + GOOD_ROW)
    with open(good, "rb") as handle:
        assert "confirm_form" in client.post(IMPORT_URL, {"import_file": handle, "format": "0"}).context
