"""The stocktaking import: real-world files, plain messages, all or nothing, and no change on re-import."""

import csv
import datetime
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import formats, timezone, translation

from recommendations import services
from recommendations.models import ProgressUpdate, Recommendation, Status
from recommendations.stocktaking.files import ImportFileError, read_dataset
from recommendations.stocktaking.resource import RecommendationResource

FILES = Path(__file__).parent / "files"
IMPORT_URL = reverse("admin:recommendations_recommendation_import")
PROCESS_IMPORT_URL = reverse("admin:recommendations_recommendation_process_import")


def import_bytes(data, user=None, dry_run=False):
    return RecommendationResource().import_data(read_dataset(data), dry_run=dry_run, user=user)


def file_problems(name):
    with pytest.raises(ImportFileError) as caught:
        read_dataset((FILES / name).read_bytes())
    return caught.value.messages


def snapshot():
    return sorted(
        (item.reference, item.title, item.text, item.status, item.status_date, item.cycle_id, item.theme_id)
        for item in Recommendation.objects.all()
    ), ProgressUpdate.objects.count()


def test_excel_file_with_bom_semicolons_crlf_blank_lines_and_labels_imports(process, alice):
    result = import_bytes((FILES / "excel_semicolon_bom_crlf.csv").read_bytes(), user=alice)
    assert result.problems == []
    first = Recommendation.objects.get(reference="2020-BE-90")
    assert first.title == "Égalité des genres dans les réunions"
    assert first.text == "Texte avec « guillemets » et accents"
    assert (first.theme, first.status, first.status_date) == (
        process["gender"],
        Status.EXECUTED,
        datetime.date(2020, 9, 1),
    )
    assert list(first.workgroups.all()) == [process["online_group"]]
    second = Recommendation.objects.get(reference="2020-BE-91")
    assert second.status == Status.ONGOING
    assert set(second.workgroups.all()) == {process["nantes_group"], process["lyon_group"]}
    assert second.updates.get().recorded_by == alice


def test_old_excel_windows_1252_file_keeps_its_accents(process):
    result = import_bytes((FILES / "old_excel_latin1.csv").read_bytes())
    assert result.problems == []
    imported = Recommendation.objects.get(reference="2020-BE-92")
    assert imported.title == "Réseau d'entraide à Liège"
    assert imported.status == Status.NOT_EXECUTED


def test_duplicated_references_name_both_lines(process):
    assert file_problems("duplicate_references.csv") == ["Lines 2 and 4 both have the reference 2020-BE-93."]


def test_missing_required_columns_are_named_before_any_row(process):
    [message] = file_problems("missing_columns.csv")
    assert message.startswith("Required columns are missing: text, status.")


def test_unknown_theme_is_an_error_on_its_line_and_nothing_is_written(process):
    before = snapshot()
    result = import_bytes((FILES / "unknown_theme.csv").read_bytes())
    assert result.problems == ["Line 3, column theme: There is no theme called “Gendr equality” (by name or slug)."]
    assert snapshot() == before


def test_unknown_workgroup_and_status_are_errors_by_column(process):
    result = import_bytes((FILES / "unknown_workgroup_and_status.csv").read_bytes())
    assert result.problems == [
        "Line 2, column workgroups: There is no workgroup called “Gender (Liège)” in cycle 2019-2020.",
        "Line 2, column status: “finished” is not one of: executed, ongoing, not_executed, rejected, postponed.",
    ]
    assert not Recommendation.objects.exists()


@pytest.mark.parametrize(
    "label, status",
    [
        ("Executed", Status.EXECUTED),
        ("uitgevoerd", Status.EXECUTED),
        ("EXÉCUTÉE", Status.EXECUTED),
        ("Ongoing", Status.ONGOING),
        ("Lopend", Status.ONGOING),
        ("en cours", Status.ONGOING),
        ("Not executed", Status.NOT_EXECUTED),
        ("Niet uitgevoerd", Status.NOT_EXECUTED),
        ("Non exécutée", Status.NOT_EXECUTED),
        ("not_executed", Status.NOT_EXECUTED),
        ("Rejected", Status.REJECTED),
        ("Verworpen", Status.REJECTED),
        ("Rejetée", Status.REJECTED),
        ("Postponed", Status.POSTPONED),
        ("Uitgesteld", Status.POSTPONED),
        ("  reportée ", Status.POSTPONED),
    ],
)
def test_statuses_read_by_code_or_label_in_any_language(recommendation, alice, label, status):
    data = (
        "reference,title,text,cycle,theme,country,status\n"
        f"{recommendation.reference},{recommendation.title},{recommendation.text},2019-2020,"
        f"consolidating-my-activity,BE,{label}\n"
    )
    assert import_bytes(data.encode(), user=alice).problems == []
    recommendation.refresh_from_db()
    assert recommendation.status == status


def test_status_change_becomes_a_progress_update_recorded_as_the_importing_user(recommendation, alice):
    data = (
        "reference;title;text;cycle;theme;country;status;status_date\n"
        f"{recommendation.reference};{recommendation.title};{recommendation.text};2019-2020;"
        "Consolidating my activity;BE;Lopend;2021-03-01\n"
    )
    result = import_bytes(data.encode(), user=alice)
    assert result.totals["update"] == 1
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.status_date) == (Status.ONGOING, datetime.date(2021, 3, 1))
    newest = recommendation.updates.latest()
    assert (newest.status, newest.recorded_by) == (Status.ONGOING, alice)


def test_status_dated_before_the_current_one_is_refused(recommendation):
    data = (
        "reference,title,text,cycle,theme,country,status,status_date\n"
        f"{recommendation.reference},{recommendation.title},{recommendation.text},2019-2020,"
        "Consolidating my activity,BE,executed,2019-01-01\n"
    )
    result = import_bytes(data.encode())
    assert result.problems == [
        "Line 2, column status_date: The new status Executed would date from 2019-01-01, not after the current "
        "status Not executed of 2020-06-01. Write the day the change took effect, or leave the cell empty to date "
        "it today."
    ]
    recommendation.refresh_from_db()
    assert recommendation.status == Status.NOT_EXECUTED


def test_reimporting_the_same_file_changes_nothing(process, alice):
    data = (FILES / "excel_semicolon_bom_crlf.csv").read_bytes()
    import_bytes(data, user=alice)
    before = snapshot()
    result = import_bytes(data, user=alice)
    assert (result.totals["new"], result.totals["update"], result.totals["skip"]) == (0, 0, 2)
    assert snapshot() == before


TRICKY = {
    "title": '=HYPERLINK("http://example.com"; "Égalité")',
    "text": "+32 2 123 45 67; appelez-nous — ça coûte 0 €",
    "context": "-1; « moins »",
    "directorate": "@Coopération; équipe vie coopérative",
}


@pytest.mark.parametrize("file_format, sep", [("csv", "semicolon"), ("csv", "comma"), ("xlsx", "comma")])
def test_export_then_import_round_trips_without_change(client, alice, make_recommendation, process, file_format, sep):
    make_recommendation(**TRICKY, workgroups=[process["nantes_group"], process["lyon_group"]])
    make_recommendation(status=Status.EXECUTED, published=False, follow_up="hackathon")
    services.record_decision(
        Recommendation.objects.first(), board="BE", meeting_date=datetime.date(2020, 7, 1), decision="accepted"
    )
    client.force_login(alice)
    report = reverse("export_report", args=["recommendations", file_format])
    response = client.get(report, {"sep": sep, "include": "unpublished"})
    data = b"".join(response.streaming_content)
    if file_format == "csv":
        assert "'=HYPERLINK" in data.decode("utf-8-sig")
        assert "Coopération" in data.decode("utf-8-sig")
    before = snapshot()
    result = import_bytes(data, user=alice)
    assert result.problems == []
    assert result.totals["skip"] == 2
    assert snapshot() == before


def test_admin_import_previews_first_and_writes_on_confirmation(client, alice, process):
    client.force_login(alice)
    with open(FILES / "excel_semicolon_bom_crlf.csv", "rb") as handle:
        preview = client.post(IMPORT_URL, {"import_file": handle, "format": "0"})
    assert preview.status_code == 200
    assert [row.import_type for row in preview.context["result"].valid_rows()] == ["new", "new"]
    assert not Recommendation.objects.exists()
    confirm = preview.context["confirm_form"]
    response = client.post(PROCESS_IMPORT_URL, {**confirm.initial, "format": "0"})
    assert response.status_code == 302
    assert Recommendation.objects.count() == 2
    assert set(ProgressUpdate.objects.values_list("recorded_by", flat=True)) == {alice.pk}


def test_admin_import_shows_the_problems_the_command_prints(client, alice, process):
    client.force_login(alice)
    with open(FILES / "unknown_theme.csv", "rb") as handle:
        response = client.post(IMPORT_URL, {"import_file": handle, "format": "0"})
    message = "Line 3, column theme: There is no theme called “Gendr equality” (by name or slug)."
    assert message in response.content.decode()
    assert "confirm_form" not in response.context
    with pytest.raises(CommandError) as caught:
        call_command("import_recommendations", str(FILES / "unknown_theme.csv"))
    assert str(caught.value) == message
    assert not Recommendation.objects.exists()


def test_admin_import_names_file_problems_like_the_command(client, alice, process):
    client.force_login(alice)
    with open(FILES / "duplicate_references.csv", "rb") as handle:
        response = client.post(IMPORT_URL, {"import_file": handle, "format": "0"})
    message = "Lines 2 and 4 both have the reference 2020-BE-93."
    assert response.context["form"].errors["import_file"] == [message]
    with pytest.raises(CommandError) as caught:
        call_command("import_recommendations", str(FILES / "duplicate_references.csv"))
    assert str(caught.value) == message


def test_coordinators_and_secretaries_cannot_import(client, charlie, bob):
    for user in (charlie, bob):
        client.force_login(user)
        assert client.get(IMPORT_URL).status_code == 403


def test_import_command_dry_run_writes_nothing(process, capsys):
    call_command("import_recommendations", str(FILES / "excel_semicolon_bom_crlf.csv"), "--dry-run")
    assert "2 new, 0 updated, 0 unchanged." in capsys.readouterr().out
    assert not Recommendation.objects.exists()
    call_command("import_recommendations", str(FILES / "excel_semicolon_bom_crlf.csv"))
    assert Recommendation.objects.count() == 2


def test_import_command_exits_with_status_1_on_error(process):
    with pytest.raises(SystemExit) as caught:
        call_command_as_shell("import_recommendations", str(FILES / "missing_columns.csv"))
    assert caught.value.code == 1


def call_command_as_shell(*args):
    from recommendations.management.commands.import_recommendations import Command

    Command().run_from_argv(["manage.py", *args])


def test_xlsx_file_imports_like_csv(process, alice):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Reference", "Title", "Text", "Cycle", "Theme", "Country", "Status", "Status date"])
    sheet.append([])
    sheet.append(
        ["2020-BE-99 ", "Tableur", "Texte", "2019-2020", "Gender equality", "BE", "Exécutée", datetime.date(2020, 8, 1)]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_bytes(buffer.getvalue(), user=alice)
    assert result.problems == []
    imported = Recommendation.objects.get(reference="2020-BE-99")
    assert (imported.status, imported.status_date) == (Status.EXECUTED, datetime.date(2020, 8, 1))


def test_workgroup_of_another_cycle_is_refused(process):
    data = (
        "reference,title,text,cycle,theme,workgroups,country,status\n"
        "2020-BE-80,One,Text,2019-2020,Gender equality,gender-brussels-2018,BE,ongoing\n"
    )
    result = import_bytes(data.encode())
    assert result.problems == [
        "Line 2, column workgroups: There is no workgroup called “gender-brussels-2018” in cycle 2019-2020."
    ]
    assert not Recommendation.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "The file is empty."),
        (b"\r\n;;\r\n", "The file is empty."),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest",
            "This is an old Excel file (.xls). Save it as .xlsx or as CSV and import that.",
        ),
        (b"PK\x03\x04broken", "This spreadsheet cannot be read. Save it again as .xlsx or as CSV."),
        (b"reference;title;text;cycle;theme;country;status\r\n", "The file has column names but no rows."),
        (b"reference,title,text,cycle,theme,country,status,status\n", "These columns appear twice: status."),
        (
            b"reference,title,text,cycle,theme,country,status\n2020-BE-01,a,b,c,d,BE,ongoing,extra\n",
            "Line 2 has more values than the header has columns (7).",
        ),
    ],
)
def test_unusable_files_say_why_before_any_row(db, data, message):
    with pytest.raises(ImportFileError) as caught:
        read_dataset(data)
    assert caught.value.messages == [message]


CURRENT = datetime.date(2021, 9, 6)


def exported_with_three_new_statuses(client, alice, make_recommendation, status_date):
    """The `recommendations` report of three ongoing recommendations, each marked executed, with
    ``status_date`` in the date column (None: as exported)."""
    for _ in range(3):
        make_recommendation(status=Status.ONGOING, date=CURRENT)
    client.force_login(alice)
    response = client.get(reverse("export_report", args=["recommendations", "csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    for row in rows:
        row["status"] = "executed"
        if status_date is not None:
            row["status_date"] = status_date
    assert [row["status_date"] for row in rows] == [CURRENT.isoformat() if status_date is None else status_date] * 3
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.mark.parametrize("status_date", [None, "2021-09-06", "2021-09-05"])
def test_a_new_status_not_dated_after_the_current_one_is_refused_naming_both_dates(
    client, alice, make_recommendation, status_date
):
    data = exported_with_three_new_statuses(client, alice, make_recommendation, status_date)
    before = snapshot()
    result = import_bytes(data, user=alice)
    given = status_date or "2021-09-06"
    assert result.problems == [
        f"Line {line}, column status_date: The new status Executed would date from {given}, not after the "
        "current status Ongoing of 2021-09-06. Write the day the change took effect, or leave the cell empty "
        "to date it today."
        for line in (2, 3, 4)
    ]
    assert snapshot() == before


def test_a_new_status_dated_later_takes_that_date(client, alice, make_recommendation):
    data = exported_with_three_new_statuses(client, alice, make_recommendation, "2021-09-07")
    assert import_bytes(data, user=alice).problems == []
    assert set(Recommendation.objects.values_list("status", "status_date")) == {
        (Status.EXECUTED, datetime.date(2021, 9, 7))
    }


def test_an_empty_status_date_dates_the_change_today_and_the_preview_says_so(client, alice, make_recommendation):
    data = exported_with_three_new_statuses(client, alice, make_recommendation, "")
    preview = client.post(
        IMPORT_URL, {"import_file": io.BytesIO(data), "format": "0"}, headers={"accept-language": "nl"}
    )
    with translation.override("nl"):
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    assert preview.content.decode().count(f"Status: Lopend → Uitgevoerd, met ingang van {today}") == 3
    assert not Recommendation.objects.filter(status=Status.EXECUTED).exists()
    response = client.post(PROCESS_IMPORT_URL, {**preview.context["confirm_form"].initial, "format": "0"})
    assert response.status_code == 302
    assert set(Recommendation.objects.values_list("status", "status_date")) == {(Status.EXECUTED, timezone.localdate())}
