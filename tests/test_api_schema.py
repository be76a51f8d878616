"""The API against its own OpenAPI schema, from outside: schemathesis asks every operation for values the
schema allows and for values it does not, on the demo register, and finds no server error, no status the
schema does not list and no answer that breaks it."""

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = {GenerationMode.POSITIVE: 15, GenerationMode.NEGATIVE: 6}


@pytest.fixture
def application():
    """The WSGI application, its requests answered inside the test's transaction, as the test client's are."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_no_request_finds_a_server_error_or_an_answer_outside_the_schema(demo, application):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 15
    answered = set()
    for operation in operations:
        for mode, examples in EXAMPLES.items():

            @hypothesis.settings(
                max_examples=examples,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(hypothesis.HealthCheck),
            )
            @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
            def ask(case):
                response = case.call()
                answered.add((case.operation.label, response.status_code))
                case.validate_response(response, checks=CHECKS)

            ask()
    # The register was read: every list answered with its records, and values not understood were refused.
    assert ("GET /api/v1/recommendations/", 200) in answered
    assert ("GET /api/v1/recommendations/", 400) in answered
    assert ("GET /api/v1/themes/{slug}/", 404) in answered
