"""Shared fixtures. Tests never touch the network: everything is written here or shipped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from parallax.ingest.sources import read_file
from parallax.pipeline import Pipeline
from parallax.records import Page, RawDocument
from parallax.settings import Config
from requirements import in_ci, missing, shared_path  # tests/ is on sys.path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "src" / "parallax" / "demo" / "corpus"


def _skip_reason(longrepr: object) -> str:
    return str(longrepr[2]) if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """In CI no test may skip, whatever skipped it (a bare pytest.skip or importorskip that
    bypassed tests/requirements.py included): the skip becomes a failure with its reason."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which may not skip: {_skip_reason(report.longrepr)}"


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    """The same for a whole module skipped at import."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if in_ci() and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which may not skip: {_skip_reason(report.longrepr)}"


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[object]:
    """A PostgreSQL server for this test session (tests/postgres_server.py). Without the
    binaries the PostgreSQL half of the store suite skips, and fails in CI (requirements.py)."""
    from postgres_server import Cluster, find_bindir

    bindir = find_bindir()
    if bindir is None:
        missing("PostgreSQL (initdb, pg_ctl)", "apt-get install postgresql")
        raise AssertionError("unreachable")  # missing() skips or fails
    cluster = Cluster(bindir)
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database on each backend: the store suite runs once per backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    cluster = request.getfixturevalue("postgres_cluster")
    url = cluster.new_database()
    yield url
    cluster.drop_database(url)


@pytest.fixture
def config() -> Config:
    return Config()


@pytest.fixture
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    files = sorted(shared_path("seeds").glob("*.txt"))
    if not files:
        missing("../shared/seeds/*.txt", "check out the shared data beside the repository")
    return files


@pytest.fixture(scope="session")
def seed_pages(seeds: list[Path]) -> dict[str, Page]:
    """The two seed pages through the default pipeline, once per test session, keyed by their
    number ("000", "004"). Tests read them and never change them."""
    config = Config()
    pipeline = Pipeline.from_config(config)
    out = {}
    for path in seeds:
        (doc,) = list(read_file(path, config, given=str(path)))
        assert isinstance(doc, RawDocument)
        page = pipeline.process(doc)
        assert isinstance(page, Page)
        out[path.name[:3]] = page
    return out


AGGREGATOR_DUMP = """logo
Harbour strike enters second week
Harbour strike enters second week

Coastal Wire3 hours ago
Dock workers in the port city of Marlow extended their strike on Monday, leaving 40 container ships waiting offshore, the port authority said.
Union leader Petra Olsen said the workers would not return "until the pay offer matches inflation", adding that talks had collapsed twice.
The port authority estimated the losses at 12 million euros per day, according to its weekly bulletin.
Try Our AI Features
Comments
No comments yet...
Related Articles

Ferry operators cancel weekend sailings
Ferry operators cancel weekend sailings

Coastal Wire

time2 hours ago

  • Coastal Wire

Ferry operators cancel weekend sailings

Two ferry operators cancelled all weekend sailings between Marlow and the islands because of the strike, stranding about 3,000 passengers.

DOWNLOAD THE APP

Get Started Now: Download the App
app-storeplay-store
"""

APPEAL_WITH_COMMENTS = """Rail tender awarded amid protests

The transport ministry of Estrel awarded the northern rail tender to a consortium on Tuesday, despite protests from two regional councils that called the process rushed and opaque. According to the ministry, the contract is worth 2.4 billion euros and runs for twelve years.

Critics said the ministry ignored a report by the national audit office. “We were never consulted,” said councillor Jonas Weber, who chairs the northern council.

Independent journalism needs your support.
Support us
Every contribution, big or small, keeps our reporting free for everyone to read.
Das war doch klar, dass die Ausschreibung so endet.
Endlich wird mal über die Bahn berichtet!
Ich hoffe, der Rechnungshof schaut sich das genau an.
"""
