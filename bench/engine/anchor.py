"""One timed run of an anchor (sklearn LogisticRegression or torch MLP) on the cached data.

Usage: python3 anchor.py <lr|lr-l1|mlp> <x.f32> <y.u8> <rows> [seed | C]; prints one JSON object.
lr-l1 also prints the non-zero coefficients and the objective in the engine's units
(mean log-loss + |w|_1 / (C n), intercept unpenalised) at sklearn's solution.
"""
import json
import resource
import sys
import time

import numpy as np

kind, xpath, ypath, rows = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
X = np.fromfile(xpath, dtype="<f4").reshape(rows, 10)
y = np.fromfile(ypath, dtype=np.uint8)
n = int(rows * 0.8)

if kind == "lr":
    import sklearn
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    t0, c0 = time.perf_counter(), time.process_time()
    model = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), LogisticRegression(solver="lbfgs", C=1.0, max_iter=1000))
    model.fit(X[:n], y[:n])
    seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    auc = roc_auc_score(y[n:], model.predict_proba(X[n:])[:, 1])
    name, version = "sklearn LogisticRegression(lbfgs)", sklearn.__version__
elif kind == "lr-l1":
    import sklearn
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    C = float(sys.argv[5])
    t0, c0 = time.perf_counter(), time.process_time()
    # liblinear penalises the intercept too; a large intercept_scaling makes that penalty negligible,
    # so both sides solve the same problem.
    lr = LogisticRegression(penalty="l1", solver="liblinear", C=C, intercept_scaling=100.0, max_iter=1000)
    model = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), lr)
    model.fit(X[:n], y[:n])
    seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    auc = roc_auc_score(y[n:], model.predict_proba(X[n:])[:, 1])
    w, b = lr.coef_[0], lr.intercept_[0]
    z = model[:-1].transform(X[:n]) @ w + b
    yt = y[:n].astype(np.float64)
    loss = np.mean(np.maximum(z, 0) - z * yt + np.log1p(np.exp(-np.abs(z))))
    extra = {"nonzero": int(np.count_nonzero(w)), "objective": float(loss + np.abs(w).sum() / (C * n))}
    name, version = "sklearn LogisticRegression(l1, liblinear)", sklearn.__version__
else:
    import torch
    from sklearn.metrics import roc_auc_score

    torch.set_num_threads(1)
    torch.manual_seed(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    t0, c0 = time.perf_counter(), time.process_time()
    Xtr = X[:n].astype(np.float64)
    med = np.nanmedian(Xtr, axis=0)
    Xtr = np.where(np.isnan(Xtr), med, Xtr)
    mean, std = Xtr.mean(axis=0), Xtr.std(axis=0)
    std[std == 0] = 1
    xt = torch.from_numpy(((Xtr - mean) / std).astype(np.float32))
    yt = torch.from_numpy(y[:n].astype(np.float32)).unsqueeze(1)
    net = torch.nn.Sequential(torch.nn.Linear(10, 64), torch.nn.ReLU(), torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 1))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    for epoch in range(5):
        perm = torch.randperm(n)
        for s in range(0, n, 1024):
            idx = perm[s : s + 1024]
            opt.zero_grad()
            loss = loss_fn(net(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
    seconds, cpu_seconds = time.perf_counter() - t0, time.process_time() - c0
    Xte = X[n:].astype(np.float64)
    Xte = np.where(np.isnan(Xte), med, Xte)
    with torch.no_grad():
        score = net(torch.from_numpy(((Xte - mean) / std).astype(np.float32))).squeeze(1).numpy()
    auc = roc_auc_score(y[n:], score)
    name, version = "torch MLP (1 thread)", torch.__version__

peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"name": name, "version": version, "seconds": seconds, "cpu_seconds": cpu_seconds, "auc": float(auc), "peak_rss_mb": peak, **globals().get("extra", {})}))
