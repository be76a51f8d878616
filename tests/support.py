"""Helpers the tests share: a PostgreSQL-only mark, threads that start together, admin forms as posted."""

import datetime
import threading

import pytest
from django.db import connection, connections

# Tests marked django_db(transaction=True) run after the others and empty the database, roles included:
# a test that reaches the personas through request.getfixturevalue must ask for ``db`` by name.
requires_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL's row locks and concurrent connections: run with DATABASE_URL=postgres://...",
)


def run_together(count, work):
    """Run ``work(index)`` in ``count`` threads released at the same moment, each on its own connection."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(index):
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def _posted(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return "" if value is None else value


def _form_fields(form, data):
    for bound in form:
        value = bound.value()
        if bound.widget_type == "checkbox":
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, (list, tuple)):
            data[bound.html_name] = [_posted(item) for item in value]
        else:
            data[bound.html_name] = _posted(value)


def admin_form_data(response):
    """What a browser would post back unchanged from an admin add or change page."""
    context = response.context
    data = {}
    _form_fields(context["adminform"].form, data)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        _form_fields(formset.management_form, data)
        for form in formset.forms:
            _form_fields(form, data)
    return data
