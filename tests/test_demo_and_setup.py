"""The demo data, the staff roles and the migrations that a fresh database gets."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from recommendations.models import BoardDecision, ProgressUpdate, Recommendation, Status
from workgroups.languages import shown
from workgroups.models import Cycle, Office, Theme, Workgroup

from .support import recorded_statuses, statuses_from_history


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    # The tests below only read the demo: it is loaded once for them all, and rolled back after them.
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_once, db):
    pass


def test_no_model_change_lacks_its_migration(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_demo_has_the_figures_of_the_seed_texts(demo):
    assert Recommendation.objects.count() == 250
    assert Cycle.objects.count() == 5
    assert Recommendation.objects.filter(cycle__name="2019-2020").count() == 53
    assert Workgroup.objects.filter(cycle__name="2019-2020").count() == 17
    assert set(Recommendation.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(BoardDecision.objects.values_list("board", flat=True)) == {"BE", "FR"}
    # A history with updates in every year from the oldest cycle's 2016 to 2025.
    assert set(range(2016, 2026)) <= {update.date.year for update in ProgressUpdate.objects.all()}
    assert all(cycle.is_demo for cycle in Cycle.objects.all())


def test_demo_cycles_are_those_of_the_seed_texts(demo):
    cycles = Cycle.objects.order_by("start_date")
    # Five cycles by the stocktaking of January 2022; none in the pause year 2021-2022, none in 2018-2019.
    assert [cycle.name for cycle in cycles] == ["2015-2016", "2016-2017", "2017-2018", "2019-2020", "2020-2021"]
    assert [cycle.edition for cycle in cycles] == [1, 2, 3, 4, 5]
    assert all(cycle.end_date.year <= 2021 for cycle in cycles)
    fourth = Cycle.objects.get(edition=4)
    assert (fourth.name, fourth.ran_in_belgium, fourth.ran_in_france) == ("2019-2020", True, True)
    assert (fourth.start_date.year, fourth.end_date.year) == (2019, 2020)
    # 2019-2020 was France's first cycle.
    assert Cycle.objects.filter(ran_in_france=True).order_by("start_date").first() == fourth
    assert "pauze" in Cycle.objects.get(name="2020-2021").description


def test_demo_themes_are_named_as_the_seed_texts_name_them_in_dutch_with_a_french_name(demo):
    for theme in Theme.objects.all():
        assert (theme.language, bool(theme.name), bool(theme.name_fr)) == ("nl", True, True), theme.name
        assert not shown(theme, "name", "fr").original
    belgian_2020 = {
        "Gendergelijkheid",
        "Mijn activiteit consolideren",
        "Gedeelde ruimten, third places: de werkruimten",
    }
    first = set(Cycle.objects.get(edition=1).themes.values_list("name", flat=True))
    assert "Bestaan als coöperatie. Met wie? Voor wie?" in first
    # France's first cycle took up the questions of the first Belgian edition.
    assert set(Cycle.objects.get(name="2019-2020").themes.values_list("name", flat=True)) == belgian_2020 | first
    assert Theme.objects.get(name="Gendergelijkheid").name_fr == "Égalité de genre"


def test_demo_names_are_written_where_they_are_used(demo):
    brussels = Office.objects.get(slug="brussels")
    assert (brussels.language, brussels.name, brussels.name_nl) == ("fr", "Bruxelles", "Brussel")
    assert Office.objects.get(slug="ghent").name == "Gent"
    assert set(Workgroup.objects.filter(office__country="FR").values_list("language", flat=True)) == {"fr"}
    assert set(Workgroup.objects.filter(office__country="BE").values_list("language", flat=True)) == {"nl", "fr"}
    nantes = Workgroup.objects.get(cycle__name="2019-2020", office__slug="nantes")
    assert (nantes.name, nantes.moderator) == ("Lancer mon activité (Nantes)", "Mathilde")


def test_demo_recommendations_are_written_in_their_groups_language(demo):
    french_groups = Recommendation.objects.filter(workgroups__office__country="FR")
    assert french_groups.exists()
    assert set(french_groups.values_list("language", flat=True)) == {"fr"}
    assert set(Recommendation.objects.filter(country="FR").values_list("language", flat=True)) == {"fr"}
    assert set(Recommendation.objects.filter(country="BE").values_list("language", flat=True)) == {"nl", "fr"}
    for recommendation in Recommendation.objects.prefetch_related("workgroups"):
        groups = {group.language for group in recommendation.workgroups.all()}
        assert recommendation.language in groups, recommendation.reference
    # Smart France's board writes French.
    assert set(BoardDecision.objects.filter(board="FR").values_list("language", flat=True)) == {"fr"}
    noted = ProgressUpdate.objects.exclude(note="").select_related("recommendation")
    assert all(update.language == update.recommendation.language for update in noted)


def test_demo_texts_are_partly_translated_so_that_the_original_shows_marked(demo):
    not_dutch = Recommendation.objects.exclude(language="nl")
    assert not_dutch.filter(title_nl="").exists()
    assert not_dutch.exclude(title_nl="").exists()
    dutch = Recommendation.objects.filter(language="nl")
    assert dutch.filter(title_fr="").exists()
    assert dutch.exclude(title_fr="").exists()
    assert 0 < Recommendation.objects.exclude(title_en="").count() < 50
    assert BoardDecision.objects.filter(language="fr", motivation_nl="").exists()
    assert BoardDecision.objects.filter(language="fr").exclude(motivation_nl="").exists()
    assert ProgressUpdate.objects.filter(language="fr").exclude(note="").filter(note_nl="").exists()
    assert ProgressUpdate.objects.filter(language="fr").exclude(note_nl="").exists()


def test_demo_keeps_every_translation_out_of_its_own_language(demo):
    for model in (Office, Theme, Cycle, Workgroup, Recommendation, BoardDecision, ProgressUpdate):
        for record in model.objects.all():
            record.clean()
            for name in model.translated_fields:
                for language in ("nl", "fr", "en"):
                    translation = getattr(record, f"{name}_{language}")
                    assert not translation or getattr(record, name), (model, record.pk, name)


@pytest.mark.parametrize(
    "word", ["crèche", "échéance", "coöperatie", "werkruimten", "espaces de travail", "formations"]
)
def test_demo_texts_carry_their_accents(demo, word):
    columns = ["title", "text", "title_nl", "title_fr", "text_nl", "text_fr"]
    assert any(Recommendation.objects.filter(**{f"{column}__contains": word}).exists() for column in columns), word


def test_every_demo_status_equals_its_newest_update(demo):
    assert recorded_statuses() == statuses_from_history()


def test_loading_the_demo_twice_changes_nothing(demo):
    before = (Recommendation.objects.count(), BoardDecision.objects.count(), ProgressUpdate.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert (Recommendation.objects.count(), BoardDecision.objects.count(), ProgressUpdate.objects.count()) == before


def test_demo_references_are_unique_human_references(demo):
    duplicated = Recommendation.objects.values("reference").annotate(n=Count("id")).filter(n__gt=1)
    assert not duplicated.exists()
    assert Recommendation.objects.filter(reference="2020-BE-07", cycle__name="2019-2020").exists()


def test_demo_accounts_get_one_role_each_and_a_password_printed_once(db, django_user_model):
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    assert out.getvalue().count("password:") == 3
    secretary = django_user_model.objects.get(username="secretary")
    assert secretary.is_staff
    assert list(secretary.groups.values_list("name", flat=True)) == ["Board secretaries"]
    again = StringIO()
    call_command("create_demo_accounts", stdout=again)
    assert "password:" not in again.getvalue()
