"""Does a flood of wrong ingest tokens stall the server? /healthz latency while clients send
wrong tokens, against the time of one token check (issue 15, reproduction 2).

The review's measurement over real sockets: /healthz went from 4.5 ms to 967 ms p50 while four
clients sent wrong tokens, because the PBKDF2 check ran on the event loop. With the check off the
loop (``security.verify_token_off_loop``) a health request should wait for no check: its p50
stays well under one check's time. This was a timed test until the thirteenth session; on a
loaded 2-core machine the flood's own client threads share the CPU with the server and the
ratio went over its bound, so the number lives here (speed targets live in benchmarks/), and the
property itself is tested without a clock (``test_2_token_checks_run_off_the_event_loop``).

    python benchmarks/bench_token_flood.py [--clients 4] [--probes 15] [--rounds 3]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from parallax.settings import Config
from parallax.store import open_store
from parallax.web import security
from parallax.web.app import create_app

#: the healthz p50 under the flood must stay under this share of one check's time
BOUND = 0.5


def _timed(action: Any) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def one_round(base: str, token_hash: str, clients: int, probes: int) -> tuple[float, float]:
    """(healthz p50 under the flood, one check), in ms."""
    one_check = min(_timed(lambda: security.verify_token("wrong", token_hash)) for _ in range(3))
    flooding, stop = threading.Event(), threading.Event()

    def flood() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while not stop.is_set():
                flooding.set()
                client.post("/api/ingest", data={"text": "x"},
                            headers={"Authorization": "Bearer wrong"})

    threads = [threading.Thread(target=flood, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    flooding.wait(10)
    time.sleep(0.3)
    with httpx.Client(base_url=base, timeout=30) as client:
        times = []
        for _ in range(probes):
            times.append(_timed(lambda: client.get("/healthz").raise_for_status()))
            time.sleep(0.02)
    stop.set()
    for thread in threads:
        thread.join(30)
    return statistics.median(times), one_check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--probes", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    token_hash = security.hash_token("flood-benchmark-token")
    with tempfile.TemporaryDirectory(prefix="parallax-flood-") as tmp:
        db = Path(tmp) / "empty.db"
        open_store(db).close()
        config = Config()
        config.values.update({"web_warm_comparisons": False, "web_rate_per_minute": 0})
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(str(db), config, token_hash=token_hash),
                                               host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            for _ in range(100):
                if server.started:
                    break
                time.sleep(0.05)
            for n in range(args.rounds):
                p50, check = one_round(f"http://127.0.0.1:{port}", token_hash, args.clients,
                                       args.probes)
                verdict = "ok" if p50 < BOUND * check else "OVER"
                print(f"round {n + 1}: healthz p50 {p50:.1f} ms under {args.clients} flooding "
                      f"clients; one check {check:.1f} ms; ratio {p50 / check:.2f} "
                      f"(bound {BOUND}) {verdict}")
        finally:
            server.should_exit = True
            thread.join(10)


if __name__ == "__main__":
    main()
