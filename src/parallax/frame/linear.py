"""The shipped model format: one-vs-rest linear scorers with Platt calibration, in plain numpy.

Training (``parallax.frame.training``, scikit-learn) folds feature standardisation into the
weights, so scoring an article is one matrix product and a sigmoid: no scikit-learn, no pickle,
nothing executable in the file. A score is a calibrated probability (Platt scaling fitted on
out-of-fold predictions), and each label carries the threshold that maximised its F1 out of fold,
so "score ≥ threshold" is the model's decision and the score itself reads as a probability.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

FORMAT = "parallax-linear/1"


def write_model(path: Path, header: dict[str, Any], arrays: dict[str, Any]) -> None:
    """One .npz per model: the arrays plus a JSON header (format, labels, meta) stored as bytes,
    so loading never needs pickle."""
    stored = dict(arrays, header=np.frombuffer(json.dumps(header).encode("utf-8"), np.uint8))
    with path.open("wb") as fh:
        np.savez_compressed(fh, **stored)


def read_model(path: Path, fmt: str) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The header and arrays ``write_model`` wrote; a file of another format is refused."""
    with np.load(path, allow_pickle=False) as data:
        header = json.loads(bytes(data["header"]).decode("utf-8"))
        if header.get("format") != fmt:
            raise ValueError(f"{path} is not a {fmt} model")
        return header, {k: data[k] for k in data.files if k != "header"}


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


@dataclass(slots=True)
class LinearLabeller:
    labels: list[str]
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    slope: np.ndarray  # Platt scaling, per label
    intercept: np.ndarray
    thresholds: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)
    #: optional lexical part: weights over hashed word buckets, and its weight in the calibration
    hashed: np.ndarray | None = None  # (buckets, labels)
    hashed_bias: np.ndarray | None = None
    hashed_slope: np.ndarray | None = None

    @property
    def buckets(self) -> int:
        return 0 if self.hashed is None else int(self.hashed.shape[0])

    @property
    def n_features(self) -> int:
        return int(self.weights.shape[0])

    def logits(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(x, dtype=np.float32) @ self.weights + self.bias

    def hashed_logits(self, rows: list[list[int]]) -> np.ndarray:
        """Scores of the lexical part for rows given as lists of bucket ids."""
        assert self.hashed is not None and self.hashed_bias is not None
        out = np.empty((len(rows), self.hashed.shape[1]), dtype=np.float32)
        for i, ids in enumerate(rows):
            out[i] = self.hashed[ids].sum(axis=0) + self.hashed_bias if ids else self.hashed_bias
        return out

    def proba(self, x: np.ndarray, buckets: list[list[int]] | None = None) -> np.ndarray:
        """Calibrated probabilities, shape (rows, labels) (or (labels,) for one row)."""
        z = self.logits(x) * self.slope + self.intercept
        if self.hashed is not None and self.hashed_slope is not None:
            if buckets is None:
                raise ValueError("this model also needs the hashed word features")
            z = z + self.hashed_logits(buckets).reshape(z.shape) * self.hashed_slope
        return sigmoid(z)

    def decide(self, probabilities: np.ndarray) -> np.ndarray:
        return probabilities >= self.thresholds

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        header = {"format": FORMAT, "labels": self.labels, "meta": self.meta}
        arrays: dict[str, Any] = {"weights": self.weights.astype(np.float16), "bias": self.bias,
                  "slope": self.slope, "intercept": self.intercept,
                  "thresholds": self.thresholds}
        if self.hashed is not None:
            arrays.update(hashed=self.hashed.astype(np.float16), hashed_bias=self.hashed_bias,
                          hashed_slope=self.hashed_slope)
        stored: dict[str, Any] = {
            k: np.asarray(v, dtype=np.float16 if k in ("weights", "hashed") else np.float32)
            for k, v in arrays.items()}
        write_model(path, header, stored)

    @classmethod
    def load(cls, path: Path) -> LinearLabeller:
        header, data = read_model(path, FORMAT)
        hashed = data["hashed"].astype(np.float32) if "hashed" in data else None
        return cls(list(header["labels"]), data["weights"].astype(np.float32),
                   data["bias"], data["slope"], data["intercept"], data["thresholds"],
                   header.get("meta", {}), hashed,
                   data["hashed_bias"] if hashed is not None else None,
                   data["hashed_slope"] if hashed is not None else None)
