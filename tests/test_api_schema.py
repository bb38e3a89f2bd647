"""Property-based tests of the JSON API against its own OpenAPI description (schemathesis):
every documented operation, with generated parameters, answers without a server error and
with a response that matches the schema."""

from __future__ import annotations

from pathlib import Path

from requirements import require_module

schemathesis = require_module("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402

from parallax.runner import ingest  # noqa: E402
from parallax.settings import Config  # noqa: E402
from parallax.store import open_store  # noqa: E402
from parallax.web.app import create_app  # noqa: E402


def _app() -> object:
    import tempfile

    from parallax.cli_web import demo_corpus_path

    db = Path(tempfile.mkdtemp(prefix="parallax-schema-")) / "demo.db"
    store = open_store(db)
    ingest([str(demo_corpus_path() / "records-mixed-outlets.jsonl")], store, Config())
    store.close()
    config = Config()
    config.values["web_rate_per_minute"] = 0
    return create_app(str(db), config, token_hash="")  # read-only: ingest answers 403


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, response.text
    case.validate_response(response, checks=[
        schemathesis.checks.not_a_server_error,
        schemathesis.checks.response_schema_conformance,
        schemathesis.checks.content_type_conformance,
    ])
