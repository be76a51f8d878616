"""The demo data, the staff roles and the migrations that a fresh database gets."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from recommendations.models import BoardDecision, ProgressUpdate, Recommendation, Status
from workgroups.models import Cycle, Workgroup

from .support import recorded_statuses, statuses_from_history


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_no_model_change_lacks_its_migration(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_demo_has_the_figures_of_the_seed_texts(demo):
    assert Recommendation.objects.count() == 250
    assert Cycle.objects.count() == 5
    assert Cycle.objects.filter(ran_in_belgium=True, ran_in_france=True).get().name == "2019-2020"
    assert Recommendation.objects.filter(cycle__name="2019-2020").count() == 53
    assert Workgroup.objects.filter(cycle__name="2019-2020").count() == 17
    assert set(Recommendation.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(BoardDecision.objects.values_list("board", flat=True)) == {"BE", "FR"}
    # A history with updates in every year from the oldest cycle's 2016 to 2025.
    assert sorted({update.date.year for update in ProgressUpdate.objects.all()}) == list(range(2016, 2026))
    assert all(cycle.is_demo for cycle in Cycle.objects.all())


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
