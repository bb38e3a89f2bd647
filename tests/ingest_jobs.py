"""Waiting for a web ingest job in tests: one poll loop, where six test files each wrote their
own (duplicates, twenty-sixth session)."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient

from parallax.web.jobs import Job

#: long enough for the models' first load on a busy two-core machine
WAIT_S = 180.0


def finished(client: TestClient, job: dict[str, Any]) -> dict[str, Any]:
    """The job as the API reports it once it is no longer queued or running (or after
    ``WAIT_S``: the caller's assertion on its state then says it never ended)."""
    deadline = time.monotonic() + WAIT_S
    while job["state"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.2)
        job = client.get(f"/api/ingest/{job['id']}").json()
    return job


def ingested(client: TestClient, token: str, *files: tuple[str, bytes],
             **form: str) -> dict[str, Any]:
    """Send uploads (``(name, bytes)``) and form fields (``text``, ``urls``) to the ingest API
    with ``token``, and return the finished job, asserting that it was queued and is done."""
    sent = client.post("/api/ingest", headers={"Authorization": f"Bearer {token}"},
                       files=[("files", f) for f in files] or None, data=form or None)
    assert sent.status_code == 202, sent.text
    job = finished(client, sent.json())
    assert job["state"] == "done", job
    return job


def settled(job: Job) -> Job:
    """An :class:`IngestJobs` job once done or failed (tests that submit without the app)."""
    deadline = time.monotonic() + WAIT_S
    while job.state not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.1)
    return job
