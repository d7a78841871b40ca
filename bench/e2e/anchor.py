"""One timed end-to-end run of a template's steps in pandas + scikit-learn / PyTorch (1 thread).

Usage: /usr/bin/python3 anchor.py <template> <csv> <target> <epochs> <train.i32> <test.i32>; prints one JSON
object with the seconds
of reading the CSV and of everything after it (split, transforms, pack, train, held-out evaluation), the
held-out AUC and peak RSS. The split is ours (stratified 70/30, seed 42): run.ts writes its row indices once, read here before the clock
starts, so both sides train and evaluate on the same rows; the timed split takes those rows from the frame.
Templates (the same steps bench/e2e/ours.ts runs through packages/pipeline):
  lr:  the split; median imputation of numeric gaps; one-hot of text columns (unknown ignored);
       StandardScaler on every column; LogisticRegression(C=1, lbfgs, max_iter=100).
  woe: bench/pipeline/anchor.py's quantile WOE (20 bins, missing bin, smoothing 0.5), IV >= 0.02 selection,
       LogisticRegression(C=1, lbfgs).
  mlp: the lr preprocessing, then a 32-16-1 ReLU MLP, BCE-with-logits, Adam(lr=0.002), batch 256, shuffled,
       a fixed number of epochs (no early stopping), at one thread.
"""
import json
import resource
import sys
import time

t_start = time.perf_counter()
import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

template, path, target, epochs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
train_rows = np.fromfile(sys.argv[5], dtype="<i4")
test_rows = np.fromfile(sys.argv[6], dtype="<i4")
if template == "mlp":
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(42)
imports = time.perf_counter() - t_start

t0 = time.perf_counter()
df = pd.read_csv(path)
t_read = time.perf_counter() - t0

stages = {}


def stage(name, t):
    now = time.perf_counter()
    stages[name] = stages.get(name, 0.0) + now - t
    return now


t1 = time.perf_counter()
t = t1
y = df[target].to_numpy().astype(np.int64)
x = df.drop(columns=[target])
xtr, xte, ytr, yte = x.iloc[train_rows], x.iloc[test_rows], y[train_rows], y[test_rows]
t = stage("split", t)


def dense_preprocess():
    """Median impute (numeric), one-hot (text), standardise: fitted on train, applied to both sides."""
    from sklearn.impute import SimpleImputer
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    num = [c for c in x.columns if x[c].dtype != object]
    txt = [c for c in x.columns if x[c].dtype == object]
    gaps = [c for c in num if xtr[c].isna().any()]
    t = time.perf_counter()
    parts_tr, parts_te = [xtr[num].to_numpy(dtype=np.float64)], [xte[num].to_numpy(dtype=np.float64)]
    if gaps:
        imp = SimpleImputer(strategy="median").fit(xtr[num])
        parts_tr, parts_te = [imp.transform(xtr[num])], [imp.transform(xte[num])]
    if txt:
        enc = OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(xtr[txt])
        parts_tr.append(enc.transform(xtr[txt]))
        parts_te.append(enc.transform(xte[txt]))
    Xtr, Xte = np.hstack(parts_tr), np.hstack(parts_te)
    scaler = StandardScaler().fit(Xtr)
    Xtr, Xte = scaler.transform(Xtr), scaler.transform(Xte)
    stage("transforms", t)
    return Xtr, Xte


def woe_preprocess():
    t = time.perf_counter()

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
    stage("transforms", t)
    return Xtr, Xte


if template in ("lr", "woe"):
    Xtr, Xte = dense_preprocess() if template == "lr" else woe_preprocess()
    t = time.perf_counter()
    model = LogisticRegression(C=1.0, solver="lbfgs", max_iter=100 if template == "lr" else 1000).fit(Xtr, ytr)
    t = stage("train", t)
    prob = model.predict_proba(Xte)[:, 1]
    auc = roc_auc_score(yte, prob)
    stage("evaluate", t)
    name = (
        "pandas + sklearn SimpleImputer/OneHotEncoder/StandardScaler + LogisticRegression(lbfgs)"
        if template == "lr"
        else "pandas quantile WOE + sklearn LogisticRegression(lbfgs)"
    )
    version = f"sklearn {sklearn.__version__}, pandas {pd.__version__}"
elif template == "mlp":
    Xtr, Xte = dense_preprocess()
    t = time.perf_counter()
    xt = torch.from_numpy(Xtr.astype(np.float32))
    yt = torch.from_numpy(ytr.astype(np.float32)).unsqueeze(1)
    xe = torch.from_numpy(Xte.astype(np.float32))
    t = stage("pack", t)
    net = torch.nn.Sequential(
        torch.nn.Linear(xt.shape[1], 32),
        torch.nn.ReLU(),
        torch.nn.Linear(32, 16),
        torch.nn.ReLU(),
        torch.nn.Linear(16, 1),
    )
    opt = torch.optim.Adam(net.parameters(), lr=0.002)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    n = xt.shape[0]
    for _ in range(epochs):
        perm = torch.randperm(n)
        for i in range(0, n, 256):
            idx = perm[i : i + 256]
            opt.zero_grad()
            loss = loss_fn(net(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
    t = stage("train", t)
    with torch.no_grad():
        prob = torch.sigmoid(net(xe)).squeeze(1).numpy()
    auc = roc_auc_score(yte, prob)
    stage("evaluate", t)
    name = "pandas + sklearn preprocessing + PyTorch MLP 32-16-1 Adam (1 thread)"
    version = f"torch {torch.__version__}, sklearn {sklearn.__version__}, pandas {pd.__version__}"
else:
    sys.exit(f"unknown template {template}")

seconds = time.perf_counter() - t1
print(
    json.dumps(
        {
            "name": name,
            "version": version,
            "seconds": seconds,
            "seconds_with_read": seconds + t_read,
            "stages": {"read": t_read, **stages},
            "auc": float(auc),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )
)
