"""FastAPI + scikit-learn serving the equivalent model: the German credit data, one-hot categoricals and
standardized numbers into a logistic regression (the same 70/30 stratified split, seed 42), one record per
POST /predict as JSON -> probability of default. Prints {"url","auc","name","version"} when ready.
Usage: /usr/bin/python3 bench/serving/anchor.py <german_credit.csv>"""
import json
import socket
import sys

import fastapi
import pandas as pd
import sklearn
import uvicorn
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

df = pd.read_csv(sys.argv[1])
y = (df.pop("creditability") == "bad").astype(int)
categorical = [c for c in df.columns if df[c].dtype == object]
numeric = [c for c in df.columns if c not in categorical]
model = make_pipeline(
    ColumnTransformer([("cat", OneHotEncoder(handle_unknown="ignore"), categorical), ("num", StandardScaler(), numeric)]),
    LogisticRegression(max_iter=1000),
)
X_train, X_test, y_train, y_test = train_test_split(df, y, test_size=0.3, stratify=y, random_state=42)
model.fit(X_train, y_train)
auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])

app = fastapi.FastAPI()


@app.post("/predict")
def predict(record: dict):
    p = float(model.predict_proba(pd.DataFrame([record], columns=df.columns))[0, 1])
    return {"probability": p}


sock = socket.socket()
sock.bind(("127.0.0.1", 0))
port = sock.getsockname()[1]
sock.close()
record = json.loads(df.iloc[[0]].to_json(orient="records"))[0]
print(json.dumps({"url": f"http://127.0.0.1:{port}", "auc": auc, "record": record, "name": "FastAPI + scikit-learn",
                  "version": f"fastapi {fastapi.__version__}, uvicorn {uvicorn.__version__}, sklearn {sklearn.__version__}"}), flush=True)
uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
