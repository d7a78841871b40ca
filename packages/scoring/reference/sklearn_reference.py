#!/usr/bin/python3
"""Reference held-out AUC of scikit-learn's LogisticRegression on the two shared credit datasets.

Run with Debian's interpreter (apt-get install -y python3-sklearn):
    /usr/bin/python3 packages/scoring/reference/sklearn_reference.py
It writes sklearn_reference.json beside itself. The 70/30 split is the stratified rule of
packages/data/src/split/splits.ts (stratifiedSplit: mulberry32 stream, per class ascending, Fisher-Yates, first
floor(n_c * f + 0.5) to test), reimplemented here so the TypeScript tests can check the indices match and
that our AUC code gives sklearn's AUC on sklearn's own predicted probabilities; the first test rows of the
transformed feature matrix let @studio/data check its one-hot and standardize transforms against sklearn's.
"""
import json
import math
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from scipy.stats import ks_2samp
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.preprocessing import OneHotEncoder, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
DATASETS = os.path.join(HERE, "..", "..", "..", "..", "shared", "datasets")
SEED = 42
TEST_FRACTION = 0.3
HEAD_ROWS = 5
M32 = 0xFFFFFFFF


def imul(a, b):
    return (a * b) & M32


def mulberry32(seed):
    state = [seed & M32]

    def rand():
        state[0] = (state[0] + 0x6D2B79F5) & M32
        a = state[0]
        t = imul(a ^ (a >> 15), 1 | a)
        t = ((t + imul(t ^ (t >> 7), 61 | t)) & M32) ^ t
        return ((t ^ (t >> 14)) & M32) / 4294967296.0

    return rand


def stratified_test_indices(y, seed, fraction):
    rand = mulberry32(seed)
    test = []
    for cls in (0, 1):
        order = [i for i, v in enumerate(y) if v == cls]
        k = math.floor(len(order) * fraction + 0.5)
        for i in range(len(order) - 1, 0, -1):
            j = math.floor(rand() * (i + 1))
            order[i], order[j] = order[j], order[i]
        test.extend(order[:k])
    return sorted(test)


def run(name, target, bad, drop):
    df = pd.read_csv(os.path.join(DATASETS, name), keep_default_na=False)
    y = (df[target].astype(str) == bad).astype(int).to_numpy()
    x = df.drop(columns=[target] + drop)
    test = stratified_test_indices(list(y), SEED, TEST_FRACTION)
    mask = np.zeros(len(y), dtype=bool)
    mask[test] = True
    categorical = [c for c in x.columns if x[c].dtype == object]
    numeric = [c for c in x.columns if c not in categorical]
    prep = ColumnTransformer(
        [("onehot", OneHotEncoder(handle_unknown="ignore"), categorical), ("scale", StandardScaler(), numeric)]
    )
    model = LogisticRegression(max_iter=5000)
    xtr = prep.fit_transform(x[~mask])
    model.fit(xtr, y[~mask])
    xte = prep.transform(x[mask])
    proba = model.predict_proba(xte)[:, 1]
    head = xte[:HEAD_ROWS]
    head = head.toarray() if hasattr(head, "toarray") else np.asarray(head)
    return {
        "target": target,
        "bad": bad,
        "seed": SEED,
        "testFraction": TEST_FRACTION,
        "categorical": categorical,
        "numeric": numeric,
        "nTrain": int((~mask).sum()),
        "nTest": int(mask.sum()),
        "auc": float(roc_auc_score(y[mask], proba)),
        "ks": float(ks_2samp(proba[y[mask] == 1], proba[y[mask] == 0]).statistic),
        "brier": float(brier_score_loss(y[mask], proba)),
        "calibration": [[float(v) for v in a] for a in calibration_curve(y[mask], proba, n_bins=10)],
        "featureNames": [str(f) for f in prep.get_feature_names_out()],
        "xTestHead": [[float(v) for v in row] for row in head],
        "testIndices": test,
        "yTest": [int(v) for v in y[mask]],
        "proba": [float(p) for p in proba],
    }


def main():
    out = {
        "sklearn": sklearn.__version__,
        "model": "LogisticRegression(C=1.0, lbfgs, max_iter=5000) on one-hot(categorical) + standardized(numeric)",
        "german_credit": run("german_credit.csv", "creditability", "bad", []),
        "taiwan_default": run("taiwan_default.csv", "default.payment.next.month", "1", ["ID"]),
    }
    with open(os.path.join(HERE, "sklearn_reference.json"), "w") as f:
        json.dump(out, f)
    for k in ("german_credit", "taiwan_default"):
        print(k, "AUC", round(out[k]["auc"], 4), "test rows", out[k]["nTest"])


if __name__ == "__main__":
    main()
