"""A Dask worker plugin that SIGKILLs its worker process once, a moment after the first Parallax
partition starts executing: a real worker death mid-partition, from outside the code under test.
A marker file makes it fire once for the whole cluster (the nanny restarts the worker, and the
restarted worker gets the plugin again)."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin


class KillOnce(WorkerPlugin):
    name = "parallax-kill-once"

    def __init__(self, marker: str, delay_s: float) -> None:
        self.marker = marker
        self.delay_s = delay_s

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish != "executing" or not str(key).startswith("parallax-"):
            return
        try:
            fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.write(fd, f"{key} {os.getpid()}".encode())
        os.close(fd)
        timer = threading.Timer(self.delay_s, os.kill, (os.getpid(), signal.SIGKILL))
        timer.daemon = True
        timer.start()


def killed(marker: str) -> str | None:
    path = Path(marker)
    return path.read_text() if path.exists() else None
