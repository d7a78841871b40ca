"""One timed fit of a GBM anchor on a prepared data set (bench/gbm/data.ts).

Usage: python3 anchor.py <sklearn|xgboost> <stem> <threads>; prints one JSON object
{"name","version","seconds","cpu_seconds","auc","peak_rss_mb"}.
Settings as ours (bench/gbm/settings.ts): 100 trees, 31 leaves (leaf-wise), learning rate 0.1, 255 bins,
no early stopping, no L2, min 20 samples per leaf (sklearn) / min hessian 1e-3 (both; XGBoost has no
sample-count minimum).
"""
import json
import resource
import sys
import time

import numpy as np

kind, stem, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
meta = json.load(open(stem + ".json"))
cols = meta["cols"]
xtr = np.fromfile(stem + ".xtr.f32", dtype="<f4").reshape(meta["trainRows"], cols)
xte = np.fromfile(stem + ".xte.f32", dtype="<f4").reshape(meta["testRows"], cols)
ytr = np.fromfile(stem + ".ytr.u8", dtype=np.uint8)
yte = np.fromfile(stem + ".yte.u8", dtype=np.uint8)

from sklearn.metrics import roc_auc_score

if kind == "sklearn":
    import sklearn
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(
        max_iter=100, max_leaf_nodes=31, learning_rate=0.1, max_bins=255, early_stopping=False,
        l2_regularization=0.0, min_samples_leaf=20, random_state=1,
    )
    name, version = "sklearn HistGradientBoostingClassifier", sklearn.__version__
else:
    import xgboost

    model = xgboost.XGBClassifier(
        n_estimators=100, tree_method="hist", grow_policy="lossguide", max_leaves=31, max_depth=0,
        learning_rate=0.1, max_bin=255, reg_lambda=0.0, min_child_weight=1e-3, n_jobs=threads, random_state=1,
    )
    name, version = 'xgboost XGBClassifier(tree_method="hist")', xgboost.__version__

t0, c0 = time.perf_counter(), time.process_time()
model.fit(xtr, ytr)
seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
auc = roc_auc_score(yte, model.predict_proba(xte)[:, 1])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"name": name, "version": version, "seconds": seconds, "cpu_seconds": cpu_seconds, "auc": auc, "peak_rss_mb": peak}))
