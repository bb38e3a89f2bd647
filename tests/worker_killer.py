"""A Dask worker plugin that SIGKILLs its worker process once, in the middle of a Parallax
partition: from inside the partition's own loop, right after its first analysed document has
been handed over and before anything of the partition is written. A timer could fire before
the partition started or after it finished; this cannot. A marker file makes it fire once for
the whole cluster (the nanny restarts the worker, and the restarted worker gets the plugin
again) and records which task died and after how many documents."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin


class KillOnce(WorkerPlugin):
    name = "parallax-kill-once"

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def setup(self, worker: Any) -> None:
        """Wrap the partition loop (``partitions._processed``, looked up by ``run_partition``
        at call time) in this worker process."""
        from distributed.worker import thread_state

        from parallax.batch import partitions

        original = partitions._processed
        marker = self.marker

        def processed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            for count, item in enumerate(original(*args, **kwargs), 1):
                yield item  # run_partition has this document; its output is not written yet
                _die_once(marker, str(getattr(thread_state, "key", "?")), count)

        partitions._processed = processed


def _die_once(marker: str, key: str, count: int) -> None:
    if not key.startswith("parallax-"):
        return
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return
    os.write(fd, f"{key} pid={os.getpid()} after={count}".encode())
    os.fsync(fd)
    os.close(fd)
    os.kill(os.getpid(), signal.SIGKILL)


def killed(marker: str) -> str | None:
    path = Path(marker)
    return path.read_text() if path.exists() else None
