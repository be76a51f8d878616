"""The stocktaking import in bulk: a fixed number of queries, all or nothing, and the rows services would write."""

import datetime
import gc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from import_export import exceptions

from recommendations import services
from recommendations.models import DataVersion, ProgressUpdate, Recommendation, Status
from recommendations.stocktaking.files import read_dataset
from recommendations.stocktaking.resource import RecommendationResource
from workgroups.models import Cycle, Theme

HEADER = "reference,title,text,cycle,theme,workgroups,country,status,status_date\n"
IMPORT_URL = reverse("admin:recommendations_recommendation_import")


def csv_file(lines):
    return (HEADER + "".join(",".join(line) + "\n" for line in lines)).encode()


def new_lines(count, status="ongoing"):
    return [
        (
            f"2020-BE-{number:03d}",
            f"Title {number}",
            "Text",
            "2019-2020",
            "Gender equality",
            "Activity (Nantes)|activity-lyon",
            "BE",
            status,
            "2020-09-01",
        )
        for number in range(1, count + 1)
    ]


def import_file(data, user=None, dry_run=False):
    return RecommendationResource().import_data(read_dataset(data), dry_run=dry_run, user=user)


def data_version():
    return DataVersion.objects.filter(pk=1).values_list("number", flat=True).first()


def state():
    """Everything an import writes, without keys and times."""
    return [
        (
            item.reference,
            item.title,
            item.text,
            item.cycle_id,
            item.theme_id,
            item.country,
            item.status,
            item.status_date,
            item.latest_decision,
            item.follow_up,
            item.published,
            item.version,
            sorted(item.workgroups.values_list("pk", flat=True)),
            list(item.updates.order_by("date", "id").values_list("status", "date", "note", "recorded_by", "decision")),
        )
        for item in Recommendation.objects.order_by("reference")
    ]


def queries_of(work):
    with CaptureQueriesContext(connection) as queries:
        work()
    # SQLite takes at most 999 values a statement: there bulk writes come in as many batches as that needs.
    batched = ("INSERT", "UPDATE") if connection.vendor == "sqlite" else ()
    return len([query for query in queries if not query["sql"].startswith(batched)])


def test_the_number_of_queries_does_not_grow_with_the_lines(process, alice):
    assert queries_of(lambda: import_file(csv_file(new_lines(10)), user=alice)) == queries_of(
        lambda: import_file(csv_file(new_lines(100)[10:]), user=alice)
    )
    assert Recommendation.objects.count() == 100

    # Changing recommendations: a status, a title and the workgroups of every line.
    def changed(lines, start):
        return [
            (ref, f"New {title}", text, cycle, theme, "gender-online", country, "executed", "2021-01-01")
            for ref, title, text, cycle, theme, _groups, country, _status, _date in lines[start:]
        ]

    assert queries_of(lambda: import_file(csv_file(changed(new_lines(10), 0)), user=alice)) == queries_of(
        lambda: import_file(csv_file(changed(new_lines(100), 10)), user=alice)
    )
    assert set(Recommendation.objects.values_list("status", "version")) == {(Status.EXECUTED, 2)}


def test_previewing_a_thousand_lines_reads_each_kind_of_record_once(process, make_recommendation):
    make_recommendation(reference="2020-BE-001")
    with CaptureQueriesContext(connection) as queries:
        result = import_file(csv_file(new_lines(1000)), dry_run=True)
    assert result.totals["new"] == 999
    assert result.totals["update"] == 1
    # Cycles, themes, the workgroups of the named cycles, the named recommendations and their
    # workgroups; savepoints aside.
    reads = [query["sql"] for query in queries if query["sql"].startswith("SELECT")]
    assert len(reads) == 5, reads


def test_a_thousand_new_lines_are_written_whole_with_no_cycle_collection_among_them(process, alice):
    collections = []

    def started(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    good = read_dataset(csv_file(new_lines(1000)))
    lines = new_lines(1000)
    lines[-1] = ("2020-be-1000", *lines[-1][1:])
    bad = read_dataset(csv_file(lines))
    gc.callbacks.append(started)
    try:
        result = RecommendationResource().import_data(good, user=alice)
        after_good = len(collections)
        with pytest.raises(exceptions.ImportError):
            RecommendationResource().import_data(bad, raise_errors=True)
    finally:
        gc.callbacks.remove(started)
    assert result.totals["new"] == 1000
    # Written in several chunks on PostgreSQL (bulk.COPY_ROWS): every line, the last as the first.
    written = Recommendation.objects.order_by("reference").values_list("reference", "title", "status")
    assert list(written) == sorted((f"2020-BE-{number:03d}", f"Title {number}", "ongoing") for number in range(1, 1001))
    assert ProgressUpdate.objects.filter(recorded_by=alice).count() == 1000
    # At most the one collection once each import is over; without the pause, hundreds among the lines.
    assert after_good <= 1, collections
    assert len(collections) - after_good <= 1, collections
    assert gc.isenabled()


def test_a_bad_line_anywhere_writes_nothing_and_every_problem_is_named_with_its_line(process, make_recommendation):
    make_recommendation(reference="2020-BE-050", status=Status.ONGOING)
    before = state(), data_version()
    lines = new_lines(60)
    lines[0] = ("2020-be-001", *lines[0][1:])
    lines[29] = (lines[29][0], "x" * 301, *lines[29][2:])
    lines[49] = (*lines[49][:7], "executed", "2019-01-01")
    lines[59] = (*lines[59][:4], "Gendr equality", *lines[59][5:])
    result = import_file(csv_file(lines))
    assert result.problems == [
        "Line 2, column reference: Use capital letters, digits and single hyphens, for example 2020-BE-07.",
        "Line 31, column title: Ensure this value has at most 300 characters (it has 301).",
        "Line 51, column status_date: The new status Executed would date from 2019-01-01, not after the current "
        "status Ongoing of 2020-06-01. Write the day the change took effect, or leave the cell empty to date it "
        "today.",
        "Line 61, column theme: There is no theme called “Gendr equality” (by name or slug).",
    ]
    assert [row.number for row in result.invalid_rows] == [1, 30, 50, 60]
    assert (state(), data_version()) == before


def test_reimporting_the_same_file_changes_nothing_not_even_the_data_version(process, alice):
    data = csv_file(new_lines(20))
    import_file(data, user=alice)
    before = state(), data_version()
    result = import_file(data, user=alice)
    assert (result.totals["new"], result.totals["update"], result.totals["skip"]) == (0, 0, 20)
    assert result.problems == []
    assert (state(), data_version()) == before


def test_an_import_raises_edit_versions_so_an_edit_opened_before_it_is_refused(process, make_recommendation):
    opened = make_recommendation(reference="2020-BE-001")
    make_recommendation(
        reference="2020-BE-002",
        title="Title 2",
        text="Text",
        theme=process["gender"],
        status=Status.ONGOING,
        date=datetime.date(2020, 9, 1),
        workgroups=[process["nantes_group"], process["lyon_group"]],
    )
    version = data_version()
    import_file(csv_file(new_lines(2)))
    assert Recommendation.objects.get(reference="2020-BE-001").version == 2
    assert Recommendation.objects.get(reference="2020-BE-002").version == 1
    assert data_version() == version + 1
    opened.title = "Edited meanwhile"
    with pytest.raises(services.EditConflict):
        services.save_recommendation(opened, seen_version=1)


def test_status_changes_are_recorded_as_the_importing_user_dated_by_the_file_or_today(
    process, alice, make_recommendation
):
    make_recommendation(reference="2020-BE-001")
    make_recommendation(reference="2020-BE-002")
    lines = new_lines(3)
    lines[1] = (*lines[1][:8], "")
    import_file(csv_file(lines), user=alice)
    newest = {
        item.reference: (item.status, item.status_date, item.updates.latest().recorded_by)
        for item in Recommendation.objects.all()
    }
    assert newest == {
        "2020-BE-001": (Status.ONGOING, datetime.date(2020, 9, 1), alice),
        "2020-BE-002": (Status.ONGOING, timezone.localdate(), alice),
        "2020-BE-003": (Status.ONGOING, datetime.date(2020, 9, 1), alice),
    }
    assert ProgressUpdate.objects.count() == 5


def test_a_preview_writes_nothing_and_shows_each_line(client, alice, process, make_recommendation):
    make_recommendation(reference="2020-BE-001")
    before = state(), data_version()
    result = import_file(csv_file(new_lines(3)), user=alice, dry_run=True)
    assert [row.import_type for row in result.rows] == ["update", "new", "new"]
    assert (state(), data_version()) == before
    client.force_login(alice)
    upload = SimpleUploadedFile("stocktaking.csv", csv_file(new_lines(3)))
    preview = client.post(IMPORT_URL, {"import_file": upload, "format": "0"})
    page = preview.content.decode()
    assert "1 to change, 2 new, 0 unchanged." in page
    assert "<li>Title: Recommendation 1 → Title 1</li>" in page
    assert "<li>Theme: Consolidating my activity → Gender equality</li>" in page
    assert "<li>Workgroups: Activity (Nantes) → Activity (Nantes) | Activity (Lyon)</li>" in page
    assert "<li>Status: Not executed → Ongoing, dated Sept. 1, 2020</li>" in page
    assert "<li><strong>2020-BE-002</strong> Title 2 — new</li>" in page
    # Only what changes is listed: the unchanged country is not.
    assert "Country:" not in page
    assert "confirm_form" in preview.context
    assert (state(), data_version()) == before


def import_one_by_one(lines, user):
    """The import as it was, line by line through services: the rows the bulk import must write too."""
    for reference, title, text, cycle, theme, groups, country, status, date in lines:
        cycle = Cycle.objects.get(name=cycle)
        groups = [cycle.workgroups.get(slug=slug) for slug in groups.split("|") if slug]
        date = datetime.date.fromisoformat(date) if date else timezone.localdate()
        found = Recommendation.objects.filter(reference=reference).first()
        fields = {
            "title": title,
            "text": text,
            "cycle": cycle,
            "theme": Theme.objects.get(name=theme),
            "country": country,
        }
        if found is None:
            services.create_recommendation(
                Recommendation(reference=reference, **fields), status=status, date=date, workgroups=groups, user=user
            )
            continue
        for name, value in fields.items():
            setattr(found, name, value)
        services.save_recommendation(found, seen_version=None)
        found.workgroups.set(groups)
        if status != found.status:
            services.record_progress(found, status=status, date=date, user=user)


def test_the_bulk_import_writes_the_rows_services_write_one_by_one(process, alice, make_recommendation):
    make_recommendation(reference="2020-BE-001", status=Status.ONGOING, date=datetime.date(2020, 9, 1))
    make_recommendation(reference="2020-BE-002", date=datetime.date(2020, 7, 1))
    make_recommendation(reference="2020-BE-003", date=datetime.date(2020, 7, 1))
    make_recommendation(reference="2020-BE-004", date=datetime.date(2020, 9, 1))
    services.record_decision(
        Recommendation.objects.get(reference="2020-BE-004"),
        board="BE",
        meeting_date=datetime.date(2020, 8, 1),
        decision="refused",
    )
    lines = [
        # a new status dated by the file, another workgroup, the same title
        (
            "2020-BE-001",
            "Recommendation 1",
            "Text of the recommendation.",
            "2019-2020",
            "Consolidating my activity",
            "gender-online",
            "BE",
            "executed",
            "2021-03-01",
        ),
        # a new title only
        (
            "2020-BE-002",
            "A new title",
            "Text of the recommendation.",
            "2019-2020",
            "Consolidating my activity",
            "activity-nantes",
            "BE",
            "not_executed",
            "",
        ),
        # a new status without a date: today
        (
            "2020-BE-003",
            "Recommendation 3",
            "Text of the recommendation.",
            "2019-2020",
            "Consolidating my activity",
            "activity-nantes",
            "BE",
            "ongoing",
            "",
        ),
        # a refused one taken up again
        (
            "2020-BE-004",
            "Recommendation 4",
            "Text of the recommendation.",
            "2019-2020",
            "Consolidating my activity",
            "activity-nantes|activity-lyon",
            "FR",
            "ongoing",
            "2020-10-01",
        ),
        # new ones, with and without workgroups and dates
        (
            "2020-BE-005",
            "Five",
            "Text five",
            "2019-2020",
            "Gender equality",
            "gender-online|activity-lyon",
            "BE",
            "postponed",
            "2020-06-30",
        ),
        ("2020-BE-006", "Six", "Text six", "2017-2018", "Gender equality", "", "BE", "not_executed", ""),
    ]
    with transaction.atomic():
        import_one_by_one(lines, alice)
        expected = state()
        transaction.set_rollback(True)
    result = import_file(csv_file(lines), user=alice)
    assert result.problems == []
    assert (result.totals["new"], result.totals["update"], result.totals["skip"]) == (2, 4, 0)
    assert state() == expected


def test_a_nul_character_anywhere_is_named_with_its_line_before_anything_is_read(process):
    from recommendations.stocktaking.files import ImportFileError

    lines = new_lines(300)
    lines[250] = (*lines[250][:1], "Title\x00 250", *lines[250][2:])
    with pytest.raises(ImportFileError) as refused:
        read_dataset(csv_file(lines))
    assert refused.value.messages == [
        "Line 252 holds a NUL character, which cannot be stored: remove it and import again."
    ]
    assert not Recommendation.objects.exists()


def test_a_write_refused_by_the_database_is_said_in_plain_words_and_writes_nothing(process, monkeypatch, caplog):
    """Another change can still win the race for a reference between the check and the write."""
    from django.db import IntegrityError

    from recommendations import bulk

    def refused(model, objects):
        raise IntegrityError('duplicate key value violates unique constraint "recommendation_reference_key"')

    monkeypatch.setattr(bulk, "insert", refused)
    before = data_version()
    result = import_file(csv_file(new_lines(3)))
    assert result.problems == [
        "The import could not be written: the recommendations it names were changed at the same time. "
        "Nothing was imported; import the file again."
    ]
    assert "duplicate key" not in " ".join(result.problems)
    assert "The import could not be written." in caplog.text
    assert not Recommendation.objects.exists()
    assert data_version() == before
