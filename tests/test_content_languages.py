"""Content in three languages: each reader sees their language or the original, marked; staff see the
languages side by side and what needs translating; files carry a column per language and round-trip."""

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from recommendations import services
from recommendations.models import ProgressUpdate, Recommendation
from recommendations.reports.reports import RecommendationsReport
from recommendations.spreadsheets import csv_chunks
from recommendations.stocktaking.files import read_dataset
from recommendations.stocktaking.resource import RecommendationResource

from .support import admin_form_data


class LanguageOf(HTMLParser):
    """The language each piece of text of a page is marked as being in (the nearest ``lang``)."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}

    def __init__(self):
        super().__init__()
        self.stack = []
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        language = dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else None)
        self.stack.append((tag, language))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip():
            self.texts.append((" ".join(data.split()), self.stack[-1][1] if self.stack else None))


def texts_of(response):
    parser = LanguageOf()
    parser.feed(response.content.decode())
    return parser.texts


def language_of(response, text):
    found = [language for piece, language in texts_of(response) if text in piece]
    assert found, f"{text!r} is not on the page"
    return found


@pytest.fixture
def french_one(make_recommendation, process):
    """Written in French, its title translated into Dutch, its text not."""
    process["gender"].name_nl = "Gender"
    process["gender"].name_fr = "Genre"
    process["gender"].save()
    return make_recommendation(
        reference="2020-FR-11",
        language="fr",
        title="Ouvrir une crèche coopérative",
        title_nl="Een coöperatieve crèche openen",
        text="Les membres avec enfants demandent une crèche.",
        theme=process["gender"],
    )


def test_a_dutch_reader_sees_the_dutch_title_and_the_french_text_marked_as_french(client, french_one):
    page = client.get(french_one.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl")
    assert language_of(page, "Een coöperatieve crèche openen") == ["nl", "nl"]  # title and heading
    assert language_of(page, "Les membres avec enfants demandent une crèche.") == ["fr"]
    assert "in het Frans" in page.content.decode()
    assert "Ouvrir une crèche coopérative" not in page.content.decode()


def test_a_french_reader_sees_the_original_unmarked(client, french_one):
    page = client.get(french_one.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    assert language_of(page, "Ouvrir une crèche coopérative") == ["fr", "fr"]
    assert language_of(page, "Les membres avec enfants demandent une crèche.") == ["fr"]
    assert "en français" not in page.content.decode()


def test_an_english_reader_sees_the_untranslated_title_marked_even_in_the_page_title(client, french_one):
    page = client.get(french_one.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<title lang="fr">2020-FR-11 Ouvrir une crèche coopérative' in page
    marked = '<span lang="fr">Ouvrir une crèche coopérative</span> <small class="original-language">in French</small>'
    assert marked in page


def test_names_in_lists_and_figures_are_in_the_readers_language(client, french_one):
    dutch = client.get(reverse("recommendation_list"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    french = client.get(reverse("recommendation_list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Een coöperatieve crèche openen" in dutch
    assert ">Genre<" in french
    assert ">Gender<" in dutch


def test_the_public_csv_is_in_the_readers_language_and_falls_back_to_the_original(
    client, french_one, make_recommendation
):
    untranslated = make_recommendation(reference="2020-FR-13", language="fr", title="Former les membres")
    response = client.get(reverse("recommendation_export_csv"), HTTP_ACCEPT_LANGUAGE="nl")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    titles = {row[0]: (row[1], row[3]) for row in rows[1:]}
    assert titles["2020-FR-11"] == ("Een coöperatieve crèche openen", "Gender")
    assert titles[untranslated.reference][0] == "Former les membres"


def test_the_admin_sets_the_languages_side_by_side_with_the_original_marked(client, alice, french_one):
    client.force_login(alice)
    page = client.get(reverse("admin:recommendations_recommendation_change", args=[french_one.pk])).content.decode()
    assert 'name="title_nl"' in page
    assert 'name="title_en"' in page
    # The French text is the original: there is no French translation to write.
    assert 'name="title_fr"' not in page
    assert "Original, in French" in page
    # One line: the text as written, then the translations, the cooperative's languages first.
    assert re.search(r'class="form-row[^"]* field-title field-title_nl field-title_en"', page)


def test_staff_find_what_needs_a_dutch_translation(client, alice, french_one, make_recommendation):
    dutch = make_recommendation(reference="2020-BE-21", language="nl", title="Werkruimten delen")
    done = make_recommendation(
        reference="2020-FR-12", language="fr", title="Partager", title_nl="Delen", text="Texte", text_nl="Tekst"
    )
    client.force_login(alice)
    listed = client.get(reverse("admin:recommendations_recommendation_changelist") + "?needs_translation=nl")
    page = listed.content.decode()
    assert "2020-FR-11" in page  # its text is not in Dutch yet
    assert dutch.reference not in page
    assert done.reference not in page


def test_a_translation_into_the_language_written_is_refused(client, alice, french_one):
    client.force_login(alice)
    url = reverse("admin:recommendations_recommendation_change", args=[french_one.pk])
    data = admin_form_data(client.get(url))
    response = client.post(url, {**data, "language": "nl"})
    assert response.status_code == 200
    assert "there is nothing to translate it into here" in response.content.decode()
    french_one.refresh_from_db()
    assert (french_one.language, french_one.title_nl) == ("fr", "Een coöperatieve crèche openen")


def test_correcting_a_note_keeps_its_translations_and_changes_its_language(client, alice, french_one):
    update = french_one.updates.get()
    services.edit_progress_note(update, "Ouverte", language="fr", note_nl="Geopend")
    client.force_login(alice)
    url = reverse("admin:recommendations_progressupdate_change", args=[update.pk])
    data = admin_form_data(client.get(url))
    assert data["note_nl"] == "Geopend"
    assert client.post(url, {**data, "note": "Ouverte en mai", "note_en": "Opened in May"}).status_code == 302
    saved = ProgressUpdate.objects.get(pk=update.pk)
    assert (saved.note, saved.note_nl, saved.note_en) == ("Ouverte en mai", "Geopend", "Opened in May")


def test_a_new_note_is_taken_to_be_in_the_writers_language(client, alice, french_one):
    client.force_login(alice)
    form = client.get(reverse("admin:recommendations_progressupdate_add"), HTTP_ACCEPT_LANGUAGE="fr")
    assert '<option value="fr" selected>' in form.content.decode()


def test_the_stocktaking_file_has_a_column_per_language_and_imports_back(french_one):
    rows = list(RecommendationsReport(Recommendation.objects.all()))
    header = rows[0]
    for name in ("language", "title_nl", "title_fr", "title_en", "text_nl", "context_fr"):
        assert name in header
    line = next(row for row in rows if row[0] == "2020-FR-11")
    assert line[header.index("language")] == "fr"
    assert line[header.index("title_nl")] == "Een coöperatieve crèche openen"
    line[header.index("text_nl")] = "Leden met kinderen vragen een crèche."
    line[header.index("title_en")] = "Open a cooperative crèche"
    data = "".join(csv_chunks(rows)).encode("utf-8")
    result = RecommendationResource().import_data(read_dataset(data))
    assert result.problems == []
    french_one.refresh_from_db()
    assert (french_one.title, french_one.title_nl, french_one.title_en, french_one.text_nl) == (
        "Ouvrir une crèche coopérative",
        "Een coöperatieve crèche openen",
        "Open a cooperative crèche",
        "Leden met kinderen vragen een crèche.",
    )


def test_a_decision_recorded_in_bulk_is_in_the_secretarys_language(client, bob, french_one):
    client.force_login(bob)
    changelist = reverse("admin:recommendations_recommendation_changelist")
    data = {
        "_selected_action": [french_one.pk],
        "action": "record_board_decision",
        "apply": "1",
        "board": "FR",
        "meeting_date": "2020-09-15",
        "decision": "postponed",
        "motivation": "Moyens insuffisants",
    }
    assert client.post(changelist, data, HTTP_ACCEPT_LANGUAGE="fr").status_code == 302
    decision = french_one.decisions.get()
    assert (decision.motivation, decision.language) == ("Moyens insuffisants", "fr")


def test_the_sort_menu_is_in_the_readers_language(client, french_one):
    page = client.get(reverse("recommendation_list"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert '<option value="-date">Statusdatum, nieuwste eerst</option>' in page
    assert "descending" not in page


def test_a_translations_field_is_named_with_the_language_as_each_language_writes_it():
    field = Recommendation._meta.get_field("title_nl")
    with translation.override("fr"):
        assert str(field.verbose_name) == "titre (néerlandais)"
    with translation.override("nl"):
        assert str(field.verbose_name) == "titel (Nederlands)"
    with translation.override("en"):
        assert str(field.verbose_name) == "title (Dutch)"
