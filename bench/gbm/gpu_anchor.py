"""XGBoost on the GBM kernel benchmark's rows (native/tools/gbm-hist-bench.cpp --dump), for bench/gpu.sh.

Usage: python3 gpu_anchor.py <prefix> <rows> <cols> <cuda|cpu> [threads]; prints one JSON object
{"name","version","device","seconds","trees"} or {"name","device","skipped": why}. Same settings as the CPU
benchmark (100 trees, 31 leaves lossguide, lr 0.1, 255 bins, no L2, min child weight 1e-3). On the device,
XGBoost >= 2 takes device="cuda"; 1.x takes tree_method="gpu_hist".
"""
import json
import sys
import time

import numpy as np

prefix, rows, cols, device = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
threads = int(sys.argv[5]) if len(sys.argv) > 5 else 0
name = 'xgboost XGBClassifier(tree_method="hist")'
try:
    import xgboost
except ImportError as e:
    print(json.dumps({"name": name, "device": device, "skipped": f"xgboost not installed: {e}"}))
    sys.exit(0)
x = np.fromfile(prefix + ".x.f32", dtype="<f4").reshape(rows, cols)
y = np.fromfile(prefix + ".y.u8", dtype=np.uint8)
params = dict(n_estimators=100, grow_policy="lossguide", max_leaves=31, max_depth=0, learning_rate=0.1, max_bin=255,
              reg_lambda=0.0, min_child_weight=1e-3, random_state=1)
if threads:
    params["n_jobs"] = threads
major = int(xgboost.__version__.split(".")[0])
if device == "cuda":
    params.update(dict(tree_method="hist", device="cuda") if major >= 2 else dict(tree_method="gpu_hist"))
else:
    params["tree_method"] = "hist"
try:
    model = xgboost.XGBClassifier(**params)
    model.fit(x[:1000], y[:1000])  # warm-up (CUDA context, kernels)
    t0 = time.perf_counter()
    model = xgboost.XGBClassifier(**params)
    model.fit(x, y)
    seconds = time.perf_counter() - t0
except Exception as e:  # no device, or an XGBoost built without CUDA
    print(json.dumps({"name": name, "version": xgboost.__version__, "device": device, "skipped": str(e).splitlines()[0][:300]}))
    sys.exit(0)
print(json.dumps({"name": name, "version": xgboost.__version__, "device": device, "seconds": seconds, "trees": 100}))
