"""MinHash signatures and their LSH index, in numpy, bit for bit datasketch's "affine32" scheme.

Why not datasketch itself: importing it imports all of its sketches, and its LSH module imports
``scipy.integrate`` (to choose bands once); that was 0.33 s of CPU at the start of every
``analyze`` and ``ingest``, serial, before the first article (docs/speed.md, eighth session).
Parallax needs four things from it: the signature of a set of byte strings, the Jaccard
estimate between two signatures, the (bands, rows) that datasketch would choose for a
threshold, and an index that returns every stored key sharing at least one band. They are
reproduced here exactly, so signatures stored by earlier versions (datasketch >= 2, scheme
"affine32", seed 1) stay valid, and the same keys come back (tests/test_minhash.py compares
with datasketch, which stays a test dependency for that reason).

The scheme: each input is hashed with the first 4 bytes of its SHA-1 (little endian), pre-mixed
once with the MurmurHash3 finalizer, then each of the ``num_perm`` permutations is
``a * h + b`` modulo 2^32 (``a`` odd, so a bijection); a signature is the minimum per
permutation. ``a`` and ``b`` come from numpy's legacy ``RandomState(1)``, whose stream numpy
keeps stable across versions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache

import numpy as np

SEED = 1
_MAX = np.uint32(0xFFFFFFFF)


def _permutations(num_perm: int, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


class MinHasher:
    """Signatures of ``num_perm`` 32-bit minima; the permutations are drawn once."""

    def __init__(self, num_perm: int = 128) -> None:
        self.num_perm = num_perm
        self.a, self.b = _permutations(num_perm)

    def signature(self, items: Iterable[bytes]) -> np.ndarray:
        hashes = [int.from_bytes(hashlib.sha1(item).digest()[:4], "little") for item in items]
        if not hashes:
            return np.full(self.num_perm, _MAX, dtype=np.uint32)
        mixed = _fmix32(np.array(hashes, dtype=np.uint32)).reshape(-1, 1)
        with np.errstate(over="ignore"):  # modulo 2^32 is the point
            permuted = mixed * self.a + self.b
        signature: np.ndarray = permuted.min(axis=0)
        return signature


def jaccard(one: np.ndarray, other: np.ndarray) -> float:
    """The share of permutations whose minima agree: the estimate of the sets' Jaccard."""
    return float(np.count_nonzero(one == other)) / float(len(one))


@cache
def optimal_bands(threshold: float, num_perm: int, fp_weight: float = 0.5,
                  fn_weight: float = 0.5) -> tuple[int, int]:
    """(bands, rows per band) minimising the weighted false positive and false negative areas,
    as datasketch's ``MinHashLSH`` chooses them. The integrands are polynomials of degree
    bands x rows <= num_perm, which Gauss-Legendre with 96 nodes integrates exactly (datasketch
    uses adaptive quadrature to the same values within ~1e-14); ~16 ms, once per threshold."""
    nodes, weights = np.polynomial.legendre.leggauss(96)
    below = (nodes + 1) / 2 * threshold  # the nodes mapped onto [0, threshold]
    above = threshold + (nodes + 1) / 2 * (1 - threshold)  # and onto [threshold, 1]
    best, choice = float("inf"), (0, 0)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            # a pair of similarity s shares a band with probability 1 - (1 - s^rows)^bands
            fp = threshold / 2 * float(weights @ (1 - (1 - below ** rows) ** bands))
            fn = (1 - threshold) / 2 * float(weights @ ((1 - above ** rows) ** bands))
            error = fp * fp_weight + fn * fn_weight
            if error < best:
                best, choice = error, (bands, rows)
    return choice


class BandIndex:
    """Keys by the bytes of each band of their signature; a query returns every key that shares
    at least one whole band, in the order the keys were inserted (datasketch returns a set, so
    ties between equally similar keys were broken by hash order, which changes per process)."""

    def __init__(self, threshold: float, num_perm: int = 128) -> None:
        bands, rows = optimal_bands(threshold, num_perm)
        self.ranges = [(i * rows, (i + 1) * rows) for i in range(bands)]
        self.tables: list[dict[bytes, list[str]]] = [{} for _ in range(bands)]
        self.order: dict[str, int] = {}

    def insert(self, key: str, signature: np.ndarray) -> None:
        if key in self.order:
            raise ValueError(f"key {key!r} is already in the index")
        self.order[key] = len(self.order)
        for (start, end), table in zip(self.ranges, self.tables, strict=True):
            table.setdefault(signature[start:end].tobytes(), []).append(key)

    def query(self, signature: np.ndarray) -> list[str]:
        found: set[str] = set()
        for (start, end), table in zip(self.ranges, self.tables, strict=True):
            found.update(table.get(signature[start:end].tobytes(), ()))
        return sorted(found, key=self.order.__getitem__)
