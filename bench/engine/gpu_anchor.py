"""The GPU benchmark's anchor: PyTorch trains the same 10-64-32-1 ReLU MLP (Adam 1e-3, batch 1024, 5 epochs)
on the rows `studio_train_bench --dump PREFIX` wrote (already imputed and standardised; first 80 % train,
the rest held out), on the given device. Prints one JSON line: {"name","version","device","seconds","auc"}
(seconds = the training loop alone, synchronised).

Usage: python3 gpu_anchor.py PREFIX ROWS cuda|cpu [threads]
"""
import json
import sys
import time

import numpy as np
import torch

prefix, rows, device = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if len(sys.argv) > 4:
    torch.set_num_threads(int(sys.argv[4]))
X = np.fromfile(prefix + ".x.f32", dtype=np.float32).reshape(rows, 10)
y = np.fromfile(prefix + ".y.u8", dtype=np.uint8).astype(np.float32)
n = rows * 8 // 10
torch.manual_seed(1)
dev = torch.device(device)
xt = torch.from_numpy(X[:n]).to(dev)
yt = torch.from_numpy(y[:n]).unsqueeze(1).to(dev)
net = torch.nn.Sequential(
    torch.nn.Linear(10, 64), torch.nn.ReLU(), torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 1)
).to(dev)
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
loss_fn = torch.nn.BCEWithLogitsLoss()


def sync():
    if dev.type == "cuda":
        torch.cuda.synchronize()


sync()
t0 = time.perf_counter()
for epoch in range(5):
    perm = torch.randperm(n, device=dev)
    for start in range(0, n, 1024):
        idx = perm[start : start + 1024]
        opt.zero_grad()
        loss = loss_fn(net(xt[idx]), yt[idx])
        loss.backward()
        opt.step()
sync()
seconds = time.perf_counter() - t0

with torch.no_grad():
    score = net(torch.from_numpy(X[n:]).to(dev)).squeeze(1).cpu().numpy()
yte = y[n:]
# AUC by ranks (ties averaged), without scikit-learn.
order = np.argsort(score, kind="mergesort")
ranks = np.empty(len(score))
s = score[order]
i = 0
while i < len(s):
    j = i
    while j + 1 < len(s) and s[j + 1] == s[i]:
        j += 1
    ranks[order[i : j + 1]] = (i + j) / 2 + 1
    i = j + 1
pos = yte > 0.5
auc = (ranks[pos].sum() - pos.sum() * (pos.sum() + 1) / 2) / (pos.sum() * (~pos).sum())
print(
    json.dumps(
        {
            "name": f"torch MLP ({device})",
            "version": torch.__version__,
            "device": device,
            "seconds": seconds,
            "auc": float(auc),
        }
    )
)
