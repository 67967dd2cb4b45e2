"""Seeded synthetic streams; the Python twin of src/evaluation/stream-recipe.ts (bit-identical)."""
from __future__ import annotations

import random

PHI = 0.6180339887498949


def _gauss(rng: random.Random) -> float:
    s = 0.0
    for _ in range(12):
        s += rng.random()
    return s - 6.0


def _draw(seg: dict, j: int, i: int, rng: random.Random) -> float:
    kind = seg["kind"]
    if kind == "normal":
        return seg["mean"] + seg["sd"] * _gauss(rng)
    if kind == "ramp":
        return seg["from"] + (seg["to"] - seg["from"]) * (j / seg["n"]) + seg["sd"] * _gauss(rng)
    if kind == "uniform":
        return seg["lo"] + (seg["hi"] - seg["lo"]) * rng.random()
    if kind == "bernoulli":
        return 1 if rng.random() < seg["p"] else 0
    if kind == "bernoulli-ramp":
        return 1 if rng.random() < seg["from"] + (seg["to"] - seg["from"]) * (j / seg["n"]) else 0
    if kind == "golden":
        return 1 if (i * PHI) % 1.0 < seg["p"] else 0
    raise ValueError(f"unknown segment kind {kind}")


def generate_stream(recipe: dict) -> list[float]:
    rng = random.Random(recipe["seed"])
    out: list[float] = []
    i = 0
    for seg in recipe["segments"]:
        for j in range(seg["n"]):
            out.append(_draw(seg, j, i, rng))
            i += 1
    return out
