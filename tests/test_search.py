"""The list's search (``?q=``): in every language's columns; on PostgreSQL by words, stems and without
accents, ranked, through its index."""

import pytest
from django.db import connection, transaction
from django.urls import reverse

from recommendations import search, services
from recommendations.filters import RecommendationFilter
from recommendations.models import Recommendation, SearchDocument

from .support import queries_of_page

full_text_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="stems, accents and ranking are PostgreSQL's full-text search; SQLite searches by contains: "
    "run with DATABASE_URL=postgres://...",
)


def found(words, **data):
    filterset = RecommendationFilter({"q": words, **data}, queryset=Recommendation.objects.all())
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs.values_list("reference", flat=True))


@pytest.fixture
def register(make_recommendation):
    """Recommendations written in Dutch, French and English, some translated."""
    make_recommendation(
        reference="2020-BE-01",
        language="nl",
        title="Gedeelde werkruimten in elk kantoor",
        text="De leden vragen plaatsen om samen te werken.",
        title_fr="Des espaces partagés dans chaque bureau",
    )
    make_recommendation(
        reference="2020-FR-01",
        country="FR",
        language="fr",
        title="Une crèche pour les enfants des membres",
        text="Des formations à la facturation pour les nouveaux membres.",
        title_nl="Kinderopvang voor de kinderen van de leden",
    )
    make_recommendation(
        reference="2020-BE-07",
        language="en",
        title="A steady income between two jobs",
        text="A fund for difficult months.",
        context="Members asked for a fund in every meeting.",
    )


def test_a_search_finds_a_text_only_in_a_translation(register):
    assert found("espaces partagés") == ["2020-BE-01"]
    assert found("Kinderopvang") == ["2020-FR-01"]


def test_a_search_finds_a_reference(register):
    assert found("2020-BE-07") == ["2020-BE-07"]
    assert sorted(found("2020-be")) == ["2020-BE-01", "2020-BE-07"]


def test_a_search_in_the_list_its_csv_and_a_report(register, client, charlie):
    page = client.get("/recommendations/", {"q": "kinderopvang"}).content.decode()
    assert "2020-FR-01" in page
    assert "2020-BE-01" not in page
    for url in ["/recommendations/export.csv", reverse("export_report", args=["recommendations", "csv"])]:
        client.force_login(charlie)
        response = client.get(url, {"q": "kinderopvang"})
        assert response.status_code == 200, url
        csv = b"".join(response.streaming_content).decode()
        assert "2020-FR-01" in csv, url
        assert "2020-BE-" not in csv, url


def test_a_search_costs_the_list_two_queries_more_at_most_on_any_page(make_recommendation, client, monkeypatch):
    from recommendations import search, views

    # Pages of two, of which the first two rows are ranked on PostgreSQL: pages among them and after them.
    monkeypatch.setattr(search, "RANKED", 2)
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for number in range(1, 8):
        make_recommendation(title=f"A fund, {number}")
    plain = queries_of_page(client, "/recommendations/")
    for page in (1, 2, 4):
        assert queries_of_page(client, f"/recommendations/?q=fund&page={page}") <= plain + 2, page


@full_text_only
def test_accents_are_ignored(register):
    assert found("creche") == ["2020-FR-01"]
    assert found("espaces partages") == ["2020-BE-01"]


@full_text_only
def test_dutch_words_are_found_by_their_stem(register):
    assert found("werkruimte") == ["2020-BE-01"]


@full_text_only
def test_french_words_are_found_by_their_stem(register):
    assert found("formation") == ["2020-FR-01"]
    assert found("crèches") == ["2020-FR-01"]


@full_text_only
def test_words_anywhere_in_a_text_are_found_not_only_next_to_each_other(register):
    assert found("nouveaux facturation") == ["2020-FR-01"]
    assert found('"nouveaux facturation"') == []


@full_text_only
def test_a_title_match_comes_before_a_text_match_then_the_usual_order(make_recommendation, process):
    # In the usual order (newest cycle first, then by reference) the text match would come first.
    make_recommendation(reference="2020-BE-01", title="Meetings", text="A crèche in Brussels.")
    make_recommendation(reference="2018-BE-09", cycle=process["old"], title="A crèche", text="For the members.")
    make_recommendation(reference="2020-BE-02", title="Crèche", text="For the members.")
    assert found("creche") == ["2020-BE-02", "2018-BE-09", "2020-BE-01"]
    assert found("creche", sort="reference") == ["2018-BE-09", "2020-BE-01", "2020-BE-02"]


@full_text_only
def test_a_search_reads_the_index(register):
    with connection.cursor() as cursor:
        # A few rows are read faster without it: forbid the other ways, to see whether the index can be used.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = SearchDocument.objects.filter(document=search.query("creche")).explain()
    assert "recommendation_search_idx" in plan


@full_text_only
def test_pages_read_from_the_ranked_rows_follow_the_order_of_the_whole_list(make_recommendation, monkeypatch):
    from recommendations import search
    from recommendations.views import ListRows

    monkeypatch.setattr(search, "RANKED", 3)
    for number in range(1, 8):
        title = "Crèche" if number % 2 else "Meetings"
        make_recommendation(reference=f"2020-BE-{number:02d}", title=title, text=f"A crèche, {number}.")
    filterset = RecommendationFilter({"q": "creche"}, queryset=Recommendation.objects.all())
    whole = list(filterset.qs.values_list("pk", flat=True))
    assert len(whole) == 7
    rows = ListRows(filterset.qs, ranked=filterset.ranked)
    for start in range(8):
        for stop in range(start + 1, 9):
            assert [row.pk for row in rows[start:stop]] == whole[start:stop], (start, stop)


@full_text_only
def test_which_matches_are_ranked_is_kept_until_the_next_change(make_recommendation, monkeypatch):
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(search, "RANKED", 3)
    for number in range(1, 6):
        make_recommendation(reference=f"2020-BE-{number:02d}", title="Crèche")

    def ranked():
        filterset = RecommendationFilter({"q": "creche"}, queryset=Recommendation.objects.published())
        return list(filterset.ranked.values_list("reference", flat=True))

    # The three most recently recorded matches, equal in rank: in the usual order.
    assert ranked() == ["2020-BE-03", "2020-BE-04", "2020-BE-05"]
    with CaptureQueriesContext(connection) as read:
        assert ranked() == ["2020-BE-03", "2020-BE-04", "2020-BE-05"]
    assert not [query for query in read.captured_queries if "@@" in query["sql"]], "the words were searched again"
    make_recommendation(reference="2020-BE-06", title="Crèche")
    assert ranked() == ["2020-BE-04", "2020-BE-05", "2020-BE-06"]


@full_text_only
def test_the_words_follow_every_change_of_a_text_and_go_with_their_recommendation(register):
    kept = Recommendation.objects.get(reference="2020-BE-07")
    kept.title_fr = "Un revenu stable entre deux missions"
    kept.save()
    assert found("missions") == ["2020-BE-07"]
    # Written in another language now: its title is read with that language's stems.
    Recommendation.objects.filter(pk=kept.pk).update(language="nl", title="Een vast inkomen tussen twee opdrachten")
    assert found("opdracht") == ["2020-BE-07"]
    assert found("steady") == []
    services.delete_recommendations(Recommendation.objects.filter(pk=kept.pk))
    assert not SearchDocument.objects.filter(recommendation_id=kept.pk).exists()
    assert SearchDocument.objects.count() == 2


@full_text_only
def test_an_imported_recommendation_has_the_words_the_trigger_gives_one_written_alone(make_recommendation):
    """An import analyses its new lines' words on a second connection, beside its own statements."""
    from recommendations.stocktaking.files import read_dataset
    from recommendations.stocktaking.resource import RecommendationResource

    texts = {
        "language": "fr",
        "title": "Une crèche pour les enfants des membres",
        "text": "Des formations à la facturation.",
        "context": "Demandé à Nantes",
        "title_nl": "Kinderopvang voor de kinderen van de leden",
        "text_en": "Invoicing courses for new members.",
    }
    make_recommendation(reference="2020-FR-01", country="FR", **texts)
    columns = ["reference", *texts, "cycle", "theme", "country", "status"]
    values = ["2020-FR-02", *texts.values(), "2019-2020", "Gender equality", "FR", "ongoing"]
    data = (",".join(columns) + "\n" + ",".join(f'"{value}"' for value in values) + "\n").encode()
    with transaction.atomic():
        result = RecommendationResource().import_data(read_dataset(data), dry_run=False)
        assert not result.has_errors()
        assert not result.has_validation_errors()
        # Written after the import in the same transaction: the trigger gives it its words again.
        make_recommendation(reference="2020-FR-03", country="FR", **texts)

    def words(reference):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT document::text FROM recommendations_searchdocument d "
                "JOIN recommendations_recommendation r ON r.id = d.recommendation_id WHERE r.reference = %s",
                [reference],
            )
            return [row[0] for row in cursor.fetchall()]

    assert words("2020-FR-02") == words("2020-FR-01") == words("2020-FR-03")
    assert "'kinderopvang':8A" in words("2020-FR-02")[0]
    assert found("crèche facturation") == ["2020-FR-01", "2020-FR-02", "2020-FR-03"]
    assert found("invoicing") == ["2020-FR-01", "2020-FR-02", "2020-FR-03"]
