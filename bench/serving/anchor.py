"""FastAPI serving an equivalent model, fairly: the German credit data, one-hot categoricals and standardized
numbers into a logistic regression (scikit-learn fit on the same 70/30 stratified split, seed 42), then served
from plain numpy arrays -- per-level coefficients of each categorical looked up in a dict, the numbers
standardized and dotted in one vector operation -- not through a one-row DataFrame per request. Each answer
carries what ours does: probability, score (points to double the odds), risk band and the 4 characteristics
that pushed the score down most (reason codes). uvicorn (uvloop + httptools) runs one worker process per core.
Prints {"url","auc","name","version","workers","record"} when ready.
Usage: /usr/bin/python3 bench/serving/anchor.py <german_credit.csv>"""
import json
import math
import os
import socket
import sys

import fastapi
import numpy as np
import pandas as pd
import sklearn
import uvicorn
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

CSV = os.environ.get("ANCHOR_CSV") or sys.argv[1]
df = pd.read_csv(CSV)
y = (df.pop("creditability") == "bad").astype(int)
categorical = [c for c in df.columns if df[c].dtype == object]
numeric = [c for c in df.columns if c not in categorical]
pipeline = make_pipeline(
    ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore"), categorical), ("num", StandardScaler(), numeric)]),
    LogisticRegression(max_iter=1000),
)
X_train, X_test, y_train, y_test = train_test_split(df, y, test_size=0.3, stratify=y, random_state=42)
pipeline.fit(X_train, y_train)
auc = roc_auc_score(y_test, pipeline.predict_proba(X_test)[:, 1])

# The fitted model as arrays: a dict of coefficients per categorical characteristic (an unseen level adds 0,
# as handle_unknown="ignore" does), and for the numbers mean, scale and coefficient vectors.
ct, lr = pipeline[0], pipeline[1]
coef = lr.coef_[0]
intercept = float(lr.intercept_[0])
level_coef = []
at = 0
for col, levels in zip(categorical, ct.named_transformers_["cat"].categories_):
    level_coef.append((col, {str(v): float(coef[at + j]) for j, v in enumerate(levels)}))
    at += len(levels)
scaler = ct.named_transformers_["num"]
num_mean = np.asarray(scaler.mean_, dtype=np.float64)
num_scale = np.asarray(scaler.scale_, dtype=np.float64)
num_coef = np.asarray(coef[at:], dtype=np.float64)
characteristics = np.array(categorical + numeric)
n_cat = len(categorical)
# Scorecard scaling as ours: 600 points at odds 50:1, 20 points to double the odds.
FACTOR = 20 / math.log(2)
OFFSET = 600 - FACTOR * math.log(50)
BANDS = [(680, "A"), (640, "B"), (600, "C"), (560, "D")]

app = fastapi.FastAPI()


@app.post("/predict")
def predict(record: dict):
    contrib = np.empty(len(characteristics))
    for i, (col, table) in enumerate(level_coef):
        contrib[i] = table.get(record[col], 0.0)
    values = np.fromiter((record[c] for c in numeric), dtype=np.float64, count=len(numeric))
    contrib[n_cat:] = (values - num_mean) / num_scale * num_coef
    z = intercept + contrib.sum()
    p = 1.0 / (1.0 + math.exp(-z))
    score = OFFSET - FACTOR * z
    band = next((b for floor, b in BANDS if score >= floor), "E")
    worst = np.argpartition(-contrib, 4)[:4]
    worst = worst[np.argsort(-contrib[worst])]
    reasons = [{"characteristic": str(characteristics[i]), "points": float(-FACTOR * contrib[i])} for i in worst]
    return {"probability": p, "score": score, "riskBand": band, "reasons": reasons}


# The array path must give scikit-learn's own probabilities.
_check = X_test.head(50)
_ours = np.array([predict(json.loads(r.to_json()))["probability"] for _, r in _check.iterrows()])
assert np.abs(_ours - pipeline.predict_proba(_check)[:, 1]).max() < 1e-9, "numpy path disagrees with sklearn"


if __name__ == "__main__":
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    workers = os.cpu_count() or 1
    record = json.loads(df.iloc[[0]].to_json(orient="records"))[0]
    print(json.dumps({"url": f"http://127.0.0.1:{port}", "auc": auc, "record": record, "workers": workers,
                      "name": f"FastAPI + numpy ({workers} uvicorn workers)",
                      "version": f"fastapi {fastapi.__version__}, uvicorn {uvicorn.__version__}, numpy {np.__version__}, sklearn {sklearn.__version__}"}),
          flush=True)
    # The workers import this file as a module (so they train the same model) and serve the app.
    os.environ["ANCHOR_CSV"] = CSV
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    uvicorn.run("anchor:app", host="127.0.0.1", port=port, workers=workers, log_level="warning",
                access_log=False, loop="uvloop", http="httptools")
