"""One timed run of the anchor: quantile WOE binning in pandas plus scikit-learn's LogisticRegression.

Usage: /usr/bin/python3 anchor.py <csv>; prints one JSON object. Reading the CSV is not timed; the timed part
is what ours.ts times: a stratified 70/30 split, WOE fitted on the training side (20 quantile bins per numeric
column, one bin per category, a missing bin, smoothing 0.5; no monotonic merging), IV >= 0.02 selection,
LogisticRegression(C=1, lbfgs), held-out AUC.
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv(sys.argv[1])
TARGET = "default"

t0 = time.perf_counter()
y = df[TARGET].to_numpy()
x = df.drop(columns=[TARGET])
xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.3, stratify=y, random_state=42)


def woe_table(codes, target):
    counts = pd.crosstab(codes, target)
    goods = counts.get(0, 0) + 0.5
    bads = counts.get(1, 0) + 0.5
    woe = np.log((goods / goods.sum()) / (bads / bads.sum()))
    iv = float(((goods / goods.sum() - bads / bads.sum()) * woe).sum())
    return woe, iv


train_cols, test_cols, ivs = {}, {}, {}
for col in x.columns:
    if x[col].dtype == object:
        tr_codes = xtr[col].fillna("(missing)")
        te_codes = xte[col].fillna("(missing)")
    else:
        edges = np.unique(np.nanquantile(xtr[col], np.linspace(0, 1, 21)))
        edges[0], edges[-1] = -np.inf, np.inf
        tr_codes = pd.cut(xtr[col], edges, labels=False).fillna(-1)
        te_codes = pd.cut(xte[col], edges, labels=False).fillna(-1)
    woe, iv = woe_table(tr_codes.to_numpy(), ytr)
    ivs[col] = iv
    train_cols[col] = tr_codes.map(woe).fillna(0).to_numpy()
    test_cols[col] = te_codes.map(woe).fillna(0).to_numpy()

keep = [c for c in x.columns if ivs[c] >= 0.02]
Xtr = np.column_stack([train_cols[c] for c in keep])
Xte = np.column_stack([test_cols[c] for c in keep])
model = LogisticRegression(C=1.0, solver="lbfgs", max_iter=1000).fit(Xtr, ytr)
auc = roc_auc_score(yte, model.predict_proba(Xte)[:, 1])
seconds = time.perf_counter() - t0
print(
    json.dumps(
        {
            "name": "pandas quantile WOE + sklearn LogisticRegression(lbfgs)",
            "version": f"sklearn {sklearn.__version__}, pandas {pd.__version__}",
            "seconds": seconds,
            "auc": auc,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )
)
