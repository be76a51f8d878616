"""Stocktaking editions: an edition's figures on its day beside today's, per theme, what changed since,
its analyses in the reader's language, the report, the list, and who may write them. Every expectation is
counted by hand on the register below."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from recommendations import services
from recommendations.models import Status
from stocktaking.models import Edition, ThemeAnalysis

from .support import queries_of_page

DAY = datetime.date(2022, 1, 31)


@pytest.fixture
def register(process, make_recommendation, alice):
    """Four published recommendations around the edition's day, and an unpublished one.

    On 31 January 2022: 2020-BE-01 ongoing, 2020-BE-02 executed (activity); 2020-BE-03 rejected (gender).
    Since: 2020-BE-01 executed on 1 May 2022; 2022-BE-01 (gender) handed in on 1 March 2022.
    """
    first = make_recommendation(reference="2020-BE-01", status=Status.NOT_EXECUTED)
    services.record_progress(first, status=Status.ONGOING, date=datetime.date(2021, 3, 1), user=alice)
    services.record_progress(first, status=Status.EXECUTED, date=datetime.date(2022, 5, 1), user=alice)
    make_recommendation(reference="2020-BE-02", status=Status.EXECUTED)
    third = make_recommendation(reference="2020-BE-03", status=Status.ONGOING, theme=process["gender"])
    services.record_progress(third, status=Status.REJECTED, date=datetime.date(2021, 12, 1), user=alice)
    make_recommendation(
        reference="2022-BE-01", title="Late one", theme=process["gender"], date=datetime.date(2022, 3, 1)
    )
    hidden = make_recommendation(reference="2020-BE-66", status=Status.ONGOING, published=False)
    services.record_progress(hidden, status=Status.EXECUTED, date=datetime.date(2022, 6, 1), user=alice)
    edition = Edition.objects.create(
        slug="2022",
        as_of=DAY,
        language="nl",
        title="Stand van zaken 2022",
        title_fr="État des lieux 2022",
        introduction="Gesprekken met de coördinatoren.",
    )
    ThemeAnalysis.objects.create(
        edition=edition,
        theme=process["gender"],
        language="fr",
        analysis="Les groupes étaient petits.",
        analysis_nl="De groepen waren klein.",
    )
    return edition


def counts(figures):
    return {status.value: count for status, count in figures.counts.items() if count}


def test_the_page_shows_the_figures_of_the_day_beside_todays_per_theme_and_what_changed(client, register, process):
    response = client.get("/stocktaking/2022/")
    assert response.status_code == 200
    context = response.context
    assert counts(context["then"]) == {"executed": 1, "ongoing": 1, "rejected": 1}
    # A third each: the whole percentages add up to 100, the first status taking the point left over.
    assert context["then"].implementation == 34
    assert counts(context["today"]) == {"executed": 2, "rejected": 1, "not_executed": 1}
    assert context["today"].implementation == 50
    rows = {row["theme"].slug: row for row in context["rows"]}
    activity, gender = rows["consolidating-my-activity"], rows["gender-equality"]
    assert (counts(activity["then"]), counts(activity["today"])) == ({"executed": 1, "ongoing": 1}, {"executed": 2})
    assert (counts(gender["then"]), counts(gender["today"])) == (
        {"rejected": 1},
        {"rejected": 1, "not_executed": 1},
    )
    # Old → new: ongoing → executed; the late one had no status on the day.
    assert [(r.reference, old, new) for r, old, new in activity["changes"]["first"]] == [
        ("2020-BE-01", Status.ONGOING, Status.EXECUTED)
    ]
    assert [(r.reference, old, new) for r, old, new in gender["changes"]["first"]] == [
        ("2022-BE-01", None, Status.NOT_EXECUTED)
    ]
    assert activity["changes"]["count"] == gender["changes"]["count"] == 1
    page = response.content.decode()
    assert "2020-BE-02" not in page  # unchanged: not listed
    assert "2020-BE-66" not in page  # unpublished
    assert "not recorded yet" in page
    assert "34%" in page
    assert "50%" in page


def test_the_editions_figures_are_the_overviews_as_of_its_day(client, register):
    edition = client.get("/stocktaking/2022/").context
    overview = client.get("/", {"as_of": DAY.isoformat()}).context
    assert edition["then"].counts == overview["summary"].counts
    per_theme = next(table for table in overview["breakdowns"] if table["id"] == "themes")["rows"]
    shown = {row["theme"].pk: row["then"].counts for row in edition["rows"] if row["then"].total}
    assert shown == {theme.pk: figures.counts for theme, figures in per_theme}
    assert edition["today"].counts == client.get("/").context["summary"].counts


def test_texts_read_in_the_readers_language_or_as_written_marked(client, register):
    dutch = client.get("/stocktaking/2022/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Stand van zaken 2022" in dutch
    assert "De groepen waren klein." in dutch
    assert "Les groupes étaient petits." not in dutch
    french = client.get("/stocktaking/2022/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "État des lieux 2022" in french
    assert "Les groupes étaient petits." in french
    # No French introduction: the Dutch one, with its language and a marker.
    assert '<div class="prose" lang="nl"><p>Gesprekken met de coördinatoren.</p></div>' in french
    assert "en néerlandais" in french


def test_a_long_list_of_changes_shows_the_first_ten_and_links_to_all_of_them_page_by_page(
    client, register, make_recommendation, process
):
    for number in range(1, 28):
        late = make_recommendation(reference=f"2019-BE-{number:02d}", status=Status.ONGOING)
        services.record_progress(late, status=Status.EXECUTED, date=datetime.date(2023, 1, number))
    context = client.get("/stocktaking/2022/").context
    activity = next(row for row in context["rows"] if row["theme"] == process["activity"])
    assert activity["changes"]["count"] == 28
    assert [r.reference for r, _old, _new in activity["changes"]["first"]] == [
        f"2019-BE-{number:02d}" for number in range(1, 11)
    ]
    link = "/stocktaking/2022/changes/consolidating-my-activity/"
    assert f'href="{link}"' in client.get("/stocktaking/2022/").content.decode()
    first = client.get(link)
    assert [r.reference for r, _old in first.context["changes"]] == [f"2019-BE-{n:02d}" for n in range(1, 26)]
    second = client.get(link, {"page": 2}).context["changes"]
    assert [(r.reference, old) for r, old in second] == [
        ("2019-BE-26", Status.ONGOING),
        ("2019-BE-27", Status.ONGOING),
        ("2020-BE-01", Status.ONGOING),
    ]
    # Its cost does not grow with the number of changes.
    assert queries_of_page(client, "/stocktaking/2022/?") <= 12


def test_an_unpublished_edition_is_not_listed_nor_found(client, register):
    Edition.objects.create(slug="draft", as_of=DAY, title="Zanzibar draft", published=False)
    listed = client.get("/stocktaking/")
    assert [edition.slug for edition, _figures in listed.context["rows"]] == ["2022"]
    assert "Zanzibar" not in listed.content.decode()
    assert client.get("/stocktaking/draft/").status_code == 404
    assert client.get("/stocktaking/draft/changes/gender-equality/").status_code == 404
    assert client.get("/stocktaking/2022/changes/no-such-theme/").status_code == 404


def test_the_list_shows_each_editions_percentage_then_and_today_and_every_page_links_it(client, register):
    response = client.get("/stocktaking/")
    page = response.content.decode()
    assert 'href="/stocktaking/2022/"' in page
    assert "34% implemented then" in page
    assert "50% today" in page
    assert 'href="/stocktaking/"' in client.get("/").content.decode()


def read_csv(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_the_report_gives_the_editions_figures_beside_todays_per_theme(client, register, charlie):
    client.force_login(charlie)
    response = client.get("/exports/stocktaking.csv", {"edition": "2022"})
    assert response.status_code == 200
    assert 'filename="stocktaking_edition-2022_' in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0][:3] == ["theme", "theme_slug", "executed_as_of"]
    assert rows[0][-1] == "changed_since"
    #           then: ex on ne re po total %   today: ex on ne re po total %  changed
    assert rows[1:] == [
        [
            "Consolidating my activity",
            "consolidating-my-activity",
            *["1", "1", "0", "0", "0", "2", "50", "2", "0", "0", "0", "0", "2", "100", "1"],
        ],
        [
            "Gender equality",
            "gender-equality",
            *["0", "0", "0", "1", "0", "1", "0", "0", "0", "1", "1", "0", "2", "0", "1"],
        ],
        ["All recommendations", "", *["1", "1", "0", "1", "0", "3", "34", "2", "0", "1", "1", "0", "4", "50", "2"]],
    ]
    # Narrowed by a filter: the gender theme alone.
    narrowed = read_csv(client.get("/exports/stocktaking.csv", {"edition": "2022", "theme": "gender-equality"}))
    assert [row[0] for row in narrowed[1:]] == ["Gender equality", "All recommendations"]
    workbook = client.get("/exports/stocktaking.xlsx", {"edition": "2022"}, HTTP_ACCEPT_LANGUAGE="nl")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(workbook.streaming_content))).active
    header = [cell.value for cell in sheet[1]]
    assert header[2] == "Uitgevoerd, 31-1-2022"
    assert header[-1] == "Status veranderd sinds 31-1-2022"
    assert sheet["I4"].value == 0.34
    assert sheet["I4"].number_format.endswith("%")


def test_the_report_refuses_a_missing_or_unknown_edition_in_plain_words(client, register, charlie):
    client.force_login(charlie)
    missing = client.get("/exports/stocktaking.csv")
    assert missing.status_code == 400
    assert "Choose a stocktaking edition" in missing.content.decode()
    unknown = client.get("/exports/stocktaking.xlsx", {"edition": "1999"})
    assert unknown.status_code == 400
    assert "There is no stocktaking edition “1999”." in unknown.content.decode()
    page = client.get("/exports/").content.decode()
    assert 'href="/exports/stocktaking.xlsx?edition=2022"' in page


def test_the_team_writes_an_edition_with_its_analyses_inline_and_its_date_cannot_be_to_come(client, alice, process):
    client.force_login(alice)
    data = {
        "language": "nl",
        "title": "Stand van zaken 2024",
        "title_fr": "État des lieux 2024",
        "title_en": "",
        "slug": "2024",
        "as_of": "2999-01-01",
        "introduction": "",
        "published": "on",
        "analyses-TOTAL_FORMS": "1",
        "analyses-INITIAL_FORMS": "0",
        "analyses-0-theme": str(process["gender"].pk),
        "analyses-0-language": "nl",
        "analyses-0-analysis": "Kleine groepen.",
        "analyses-0-analysis_fr": "Petits groupes.",
    }
    refused = client.post("/admin/stocktaking/edition/add/", data)
    assert refused.status_code == 200
    assert "A stocktaking is dated today or an earlier day" in refused.content.decode()
    assert not Edition.objects.exists()
    saved = client.post("/admin/stocktaking/edition/add/", {**data, "as_of": "2024-01-31"})
    assert saved.status_code == 302
    analysis = ThemeAnalysis.objects.get(edition__slug="2024")
    assert (analysis.theme, analysis.analysis_fr) == (process["gender"], "Petits groupes.")
    assert "Petits groupes." in client.get("/stocktaking/2024/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_a_change_of_an_edition_shows_on_its_kept_page_at_once(client, register, settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    assert "Stand van zaken 2022" in client.get("/stocktaking/2022/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    register.title = "Stand van zaken, herzien"
    register.save()
    assert "Stand van zaken, herzien" in client.get("/stocktaking/2022/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()


def test_the_report_from_a_shell_names_its_edition_and_refuses_none(register, tmp_path):
    target = tmp_path / "stocktaking.csv"
    call_command("export_report", "stocktaking", "edition=2022", "-o", str(target))
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[-1][0] == "All recommendations"
    assert rows[-1][-1] == "2"
    with pytest.raises(CommandError, match="Choose a stocktaking edition"):
        call_command("export_report", "stocktaking", "-o", str(target))
