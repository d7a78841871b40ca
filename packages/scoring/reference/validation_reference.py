#!/usr/bin/python3
"""Reference figures for the validation pack of @studio/scoring, computed with numpy/scipy.

Run with Debian's interpreter (apt-get install -y python3-scipy):
    /usr/bin/python3 packages/scoring/reference/validation_reference.py
It reads sklearn_reference.json (scikit-learn's held-out probabilities on the German credit test rows) and
writes validation_reference.json beside itself:
  - the stratified bootstrap percentile intervals (95%) of AUC, KS and Gini, with numpy's own generator and
    B = 20000 resamples, so the TypeScript bootstrap (mulberry32 stream, fewer resamples) must agree within
    Monte-Carlo tolerance, not bit for bit;
  - the Hosmer-Lemeshow statistic and p-value on the same decile bands as calibrationByBand (rows by
    descending probability, ties by index, band g ends at round(g n / 10), extended over tied probabilities);
  - calibration-in-the-large (z and two-sided p) and scipy.stats.chi2.sf on a grid (the survival function
    our chiSquareSurvival implements).
"""
import json
import math
import os

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
B = 20000
SEED = 20261203
LEVEL = 0.95


def auc(y, s):
    ranks = stats.rankdata(s)
    pos = y == 1
    n_pos = pos.sum()
    n_neg = len(y) - n_pos
    return (ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def ks(y, s):
    return stats.ks_2samp(s[y == 1], s[y == 0]).statistic


def bootstrap(y, s):
    rng = np.random.default_rng(SEED)
    bad = np.flatnonzero(y == 1)
    good = np.flatnonzero(y == 0)
    aucs = np.empty(B)
    kss = np.empty(B)
    for r in range(B):
        idx = np.concatenate([rng.choice(bad, len(bad)), rng.choice(good, len(good))])
        aucs[r] = auc(y[idx], s[idx])
        kss[r] = ks(y[idx], s[idx])
    alpha = (1 - LEVEL) / 2
    out = {}
    for name, est, vals in (
        ("auc", auc(y, s), aucs),
        ("ks", ks(y, s), kss),
        ("gini", 2 * auc(y, s) - 1, 2 * aucs - 1),
    ):
        out[name] = {
            "estimate": float(est),
            "lower": float(np.percentile(vals, 100 * alpha)),
            "upper": float(np.percentile(vals, 100 * (1 - alpha))),
            "standardError": float(vals.std(ddof=1)),
        }
    return out


def decile_bands(p, groups=10):
    n = len(p)
    order = sorted(range(n), key=lambda i: (-p[i], i))
    bands = []
    start = 0
    for g in range(1, groups + 1):
        if start >= n:
            break
        end = n if g == groups else max(start + 1, int(math.floor(g * n / groups + 0.5)))
        while end < n and p[order[end]] == p[order[end - 1]]:
            end += 1
        bands.append(order[start:end])
        start = end
    return bands


def hosmer_lemeshow(y, p):
    stat = 0.0
    bands = decile_bands(p)
    for rows in bands:
        o = y[rows].sum()
        e = p[rows].sum()
        stat += (o - e) ** 2 / (e * (1 - e / len(rows)))
    df = len(bands) - 2
    return {"statistic": float(stat), "df": df, "pValue": float(stats.chi2.sf(stat, df)), "groups": len(bands)}


def in_the_large(y, p):
    o, e = y.sum(), p.sum()
    z = (o - e) / math.sqrt((p * (1 - p)).sum())
    return {"zScore": float(z), "pValue": float(2 * stats.norm.sf(abs(z)))}


def main():
    with open(os.path.join(HERE, "sklearn_reference.json")) as f:
        ref = json.load(f)["german_credit"]
    y = np.asarray(ref["yTest"], dtype=np.int64)
    p = np.asarray(ref["proba"], dtype=np.float64)
    grid = [[x, df, float(stats.chi2.sf(x, df))] for x in (0.01, 0.5, 1.0, 3.84, 8.0, 15.5, 30.0, 120.0) for df in (1, 2, 3, 8, 20, 57)]
    out = {
        "source": "sklearn_reference.json german_credit yTest/proba",
        "numpy": np.__version__,
        "resamples": B,
        "seed": SEED,
        "level": LEVEL,
        "bootstrap": bootstrap(y, p),
        "hosmerLemeshow": hosmer_lemeshow(y, p),
        "calibrationInTheLarge": in_the_large(y, p),
        "chi2sf": grid,
    }
    with open(os.path.join(HERE, "validation_reference.json"), "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
