"""Our MinHash / LSH (stories/minhash.py) against datasketch, which it replaces at run time: the
same signatures (stored ones stay valid), the same bands for a threshold, the same candidates."""

from __future__ import annotations

import random

import numpy as np
import pytest

from parallax.records import Article, Page, Published
from parallax.stories.dedupe import NearDuplicateIndex, from_bytes, signature, to_bytes
from parallax.stories.minhash import BandIndex, MinHasher, jaccard, optimal_bands
from requirements import require_module

datasketch = require_module("datasketch")  # a test dependency (.[test]) since the eighth session


def _items(rng: random.Random, n: int) -> list[bytes]:
    return [f"{rng.random():.6f} word{i} été".encode() for i in range(n)]


def test_signatures_are_datasketch_affine32_bit_for_bit() -> None:
    rng = random.Random(7)
    hasher = MinHasher(128)
    for n in (1, 2, 17, 400):
        items = _items(rng, n)
        theirs = datasketch.MinHash(num_perm=128, scheme="affine32")
        theirs.update_batch(items)
        ours = hasher.signature(items)
        assert ours.dtype == np.uint32
        np.testing.assert_array_equal(ours, theirs.hashvalues)


def test_stored_bytes_round_trip_and_match_datasketch_storage() -> None:
    text = " ".join(f"token{i}" for i in range(80))
    ours = signature(text)
    theirs = datasketch.MinHash(num_perm=128, scheme="affine32")
    tokens = text.split()
    theirs.update_batch({" ".join(tokens[i:i + 5]).encode() for i in range(len(tokens) - 4)})
    stored = np.asarray(theirs.hashvalues, dtype=np.uint64).tobytes()  # what earlier versions kept
    assert to_bytes(ours) == stored
    np.testing.assert_array_equal(from_bytes(stored), ours)
    with pytest.raises(ValueError, match="signature"):
        from_bytes(b"\x00\x01\xff" * 8)


@pytest.mark.parametrize("threshold", [0.3, 0.45, 0.5, 0.62, 0.7, 0.8, 0.9, 0.95])
def test_bands_are_the_ones_datasketch_chooses(threshold: float) -> None:
    from datasketch.lsh import _optimal_param

    assert optimal_bands(threshold, 128) == _optimal_param(threshold, 128, 0.5, 0.5)


def test_index_returns_the_keys_datasketch_returns_in_insertion_order() -> None:
    rng = random.Random(3)
    hasher = MinHasher(128)
    base = _items(rng, 60)
    sets = [base[: rng.randint(20, 60)] + _items(rng, rng.randint(0, 30)) for _ in range(40)]
    ours, theirs = BandIndex(0.7), datasketch.MinHashLSH(threshold=0.7, num_perm=128)
    for number, items in enumerate(sets):
        key = f"a{number:03d}"  # article ids; zero-padded so insertion order is sorted order
        minhash = datasketch.MinHash(num_perm=128, scheme="affine32")
        minhash.update_batch(items)
        theirs.insert(key, minhash)
        ours.insert(key, hasher.signature(items))
    some_found = False
    for items in [*sets[:10], _items(rng, 50)]:
        minhash = datasketch.MinHash(num_perm=128, scheme="affine32")
        minhash.update_batch(items)
        found = ours.query(hasher.signature(items))
        assert set(found) == set(theirs.query(minhash))
        assert found == sorted(found)  # keys were inserted in increasing order
        some_found |= len(found) > 1
        for key in found:
            other = sets[int(key[1:])]
            assert jaccard(hasher.signature(items), hasher.signature(other)) == pytest.approx(
                minhash.jaccard(_theirs(other)))
    assert some_found  # the sets overlap enough for the comparison to mean something
    with pytest.raises(ValueError, match="already"):
        ours.insert("a000", hasher.signature(sets[0]))


def _theirs(items: list[bytes]) -> object:
    minhash = datasketch.MinHash(num_perm=128, scheme="affine32")
    minhash.update_batch(items)
    return minhash


def test_a_copy_of_two_identical_earlier_articles_links_to_the_first() -> None:
    text = " ".join(f"Sentence {i} says the bridge reopened after repairs in the spring."
                    for i in range(12))

    def page(title: str, sha: str) -> Page:
        article = Article(id=Article.make_id(title, text), role="main", title=title,
                          outlet=sha, published=Published(), text=text)
        return Page(input=sha, uri=sha, sha256=sha, kind="record", fetched_at="",
                    articles=[article])

    pages = [page(f"Bridge reopens {i}", str(i)) for i in range(4)]
    index = NearDuplicateIndex(0.7)
    for p in pages:
        index.mark(p)
    first = pages[0].articles[0].id
    assert [p.articles[0].duplicate_of for p in pages] == [None, first, first, first]
