"""Run ``parallax ingest`` and SIGKILL the process inside the transaction of its Nth page: the
page's rows are written, its near-duplicate signatures are being written, COMMIT has not run.
A timer could fire between pages or after the run; this cannot.

    python tests/ingest_killer.py N ingest FILE... --db DB
"""

from __future__ import annotations

import os
import signal
import sys

from parallax.store.sql import SQLStore


def main() -> None:
    kill_at = int(sys.argv[1])
    original = SQLStore.save_signatures
    calls = 0

    def save_signatures(self: SQLStore, signatures: dict[str, bytes]) -> None:
        nonlocal calls
        calls += 1
        original(self, signatures)
        if calls == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    SQLStore.save_signatures = save_signatures  # type: ignore[method-assign]
    from parallax.cli import app

    app(sys.argv[2:], prog_name="parallax")


if __name__ == "__main__":
    main()
