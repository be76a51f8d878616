"""Admin log-in throttling: repeated failures lock one user name from one address for a while."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

LOGIN = reverse("admin:login")


def log_in(client, password, address="203.0.113.7", username="alice"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address)


@pytest.fixture
def locked_out(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")
    return client


def test_failed_log_ins_lock_the_user_name_from_that_address(locked_out):
    response = log_in(locked_out, "alice-Pa55word!")
    assert response.status_code == 429
    assert "_auth_user_id" not in locked_out.session


def test_a_failure_below_the_limit_does_not_lock(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200
    assert log_in(client, "alice-Pa55word!").status_code == 302


def test_the_lock_holds_one_user_name_at_one_address_only(locked_out, bob):
    assert log_in(locked_out, "alice-Pa55word!", address="198.51.100.1").status_code == 302
    locked_out.logout()
    assert log_in(locked_out, "bob-Pa55word!", username="bob").status_code == 302


def test_the_lock_ends_after_the_cool_off(locked_out, settings):
    assert datetime.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    earlier = datetime.timedelta(minutes=16)
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - earlier)
    assert log_in(locked_out, "alice-Pa55word!").status_code == 302
