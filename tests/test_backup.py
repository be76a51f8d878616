"""Backup and restore: a backup restored into an empty database gives back every record unchanged."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from recommendations.backup import backed_up_models
from recommendations.models import Recommendation

from .support import admin_form_data


def every_record():
    """Each model's rows, with references by natural key where the primary key is not kept."""
    return {
        model._meta.label: sorted(
            (str(row) for row in serializers.serialize("python", model._default_manager.order_by("pk"),
                                                       use_natural_foreign_keys=True)),
        )
        for model in backed_up_models()
    }


def empty_the_database():
    # PostgreSQL refuses to truncate tables with foreign-key checks still pending in this transaction.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def register(db, client, alice, bob, charlie, dave, root):
    call_command("load_demo", stdout=StringIO())
    recommendation = Recommendation.objects.get(reference="2020-BE-07")
    url = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    client.force_login(alice)
    assert client.post(url, {**admin_form_data(client.get(url)), "context": "Noted at the assembly"}).status_code == 302
    assert LogEntry.objects.exists()


def test_a_backup_holds_every_model_but_the_recreated_and_transient_ones():
    left_out = {model._meta.label for model in apps.get_models()} - {
        model._meta.label for model in backed_up_models()
    }
    assert left_out == {
        "contenttypes.ContentType", "auth.Permission", "sessions.Session",
        "axes.AccessAttempt", "axes.AccessAttemptExpiration", "axes.AccessLog", "axes.AccessFailureLog",
        "recommendations.DataVersion",
    }


def test_a_backup_restored_into_an_empty_database_gives_back_every_record(register, tmp_path):
    before = every_record()
    assert sum(map(len, before.values())) > 1000
    backup = tmp_path / "backup.json.gz"
    call_command("backup", str(backup), stdout=StringIO())

    empty_the_database()
    assert not any(model._default_manager.exists() for model in backed_up_models())

    call_command("restore", str(backup), stdout=StringIO())
    after = every_record()
    assert after.keys() == before.keys()
    for label, rows in before.items():
        assert after[label] == rows, label


def test_restore_refuses_a_database_that_holds_data(register, tmp_path):
    backup = tmp_path / "backup.json.gz"
    call_command("backup", str(backup), stdout=StringIO())
    Recommendation.objects.filter(reference="2020-BE-07").update(title="Changed after the backup")
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(backup), stdout=StringIO())
    assert Recommendation.objects.get(reference="2020-BE-07").title == "Changed after the backup"
