"""One timed run of pandas read_csv (and describe) in a fresh process; prints JSON like bench/data/ours.ts."""
import json
import resource
import sys
import time

import pandas as pd

path, mode = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
df = pd.read_csv(path)
if mode == "read+profile":
    df.describe(percentiles=[0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99])
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "rows": len(df), "peak_rss_mb": peak, "version": pd.__version__}))
