#!/usr/bin/env bash
# The one prepared run for a lent GPU machine (device tool), under 10 minutes. That machine has CUDA, CMake,
# ninja and Python with PyTorch, but no Node.js and no network, so everything here is C++ and Python:
#   1. build the engine's C++ tests and the benchmark tool with CUDA (sm_75/80/90) and run the tests: the
#      backend-consistency cases compare every CUDA op (including the fused layer norm), the INT8 dense kernel
#      and the training-loop kernels (optimizer steps, row gather, sign projection) with their CPU twins, and
#      `cuda_training_matches_cpu` trains an MLP on the GPU through the same loop as the CPU and compares;
#   2. the MLP benchmark on 1.5M rows (native/tools/train-bench.cpp: the bench/engine data generator, median
#      imputation + standardisation, 10-64-32-1 ReLU, Adam 1e-3, batch 1024, 5 epochs): our engine on CUDA,
#      PyTorch on CUDA and PyTorch on the CPU at one thread (the CPU benchmark's anchor) on the same rows, and
#      our engine on every CPU core; interleaved rounds, medians, ratios.
#   3. the GBM histogram kernels (native/tools/gbm-hist-bench.cpp): the CUDA twin against the one-thread CPU kernel
#      on the same 1.5M rows' bins (root and an indexed half node; the CUDA result checked against the CPU's),
#      and XGBoost's fit on those rows with device="cuda" (gpu_hist on XGBoost 1.x) and on the CPU "hist" at
#      every core (bench/gbm/gpu_anchor.py). Our trainer does not call the CUDA kernel yet, so this compares
#      kernels and reports XGBoost's whole fit beside them; never run so far (no device was lent).
# The engine's TS device tests (packages/engine/src/device.test.ts) need Node and run where it is installed.
# Writes gpu.log and gpu.jsonl under $OUT (the device tool's output folder) or bench/results.
# Usage: bash bench/gpu.sh   (GPU_BENCH_ROWS, GPU_BENCH_RUNS, GPU_BUILD_DIR and PYTHON override the defaults;
# GPU_BENCH_OURS_DEVICE=cpu runs "ours" on the CPU, to try the script on a machine without a GPU)
set -uo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-bench/results}
rows=${GPU_BENCH_ROWS:-1500000}
runs=${GPU_BENCH_RUNS:-5}
build=${GPU_BUILD_DIR:-/tmp/studio-gpu-build}
work=$(mktemp -d)
mkdir -p "$out"
python=${PYTHON:-python3}
ours_device=${GPU_BENCH_OURS_DEVICE:-cuda}
{
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv || echo "nvidia-smi: no GPU visible"
  echo "== build (CUDA) =="
  cmake -S native -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTUDIO_CUDA=ON -DSTUDIO_TESTS=ON >/dev/null &&
    cmake --build "$build" --parallel "$(nproc)" --target studio_native_tests studio_train_bench studio_gbm_hist_bench || { echo "build failed"; exit 1; }
  echo "== C++ tests =="
  "$build/studio_native_tests" || echo "C++ tests FAILED"
  echo "== MLP benchmark, $rows rows, $runs rounds =="
  "$build/studio_train_bench" --rows "$rows" --device cpu --dump "$work/data" --dump-only || { echo "data generation failed"; exit 1; }
  torch_cuda=$("$python" -c 'import torch; print(int(torch.cuda.is_available()))' 2>/dev/null || echo 0)
  for i in $(seq 1 "$runs"); do
    "$build/studio_train_bench" --rows "$rows" --device "$ours_device" >>"$work/ours.jsonl" || echo "ours on $ours_device failed (round $i)"
    [ "$torch_cuda" = 1 ] && "$python" bench/engine/gpu_anchor.py "$work/data" "$rows" cuda >>"$work/torch-cuda.jsonl"
    "$python" bench/engine/gpu_anchor.py "$work/data" "$rows" cpu 1 >>"$work/torch-cpu1.jsonl" || echo "torch cpu failed (round $i)"
    "$build/studio_train_bench" --rows "$rows" --device cpu >>"$work/ours-cpu.jsonl" || echo "ours on cpu failed (round $i)"
    echo "round $i done"
  done
  "$python" - "$work" "$rows" "$out/gpu.jsonl" "$ours_device" <<'PY'
import json, os, statistics, sys
work, rows, dest, dev = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def load(name):
    p = os.path.join(work, name + ".jsonl")
    return [json.loads(l) for l in open(p) if l.strip()] if os.path.exists(p) else []
def med(runs, key):
    return statistics.median(r[key] for r in runs) if runs else None
ours = load("ours")
lines = []
for anchor_name, label in [("torch-cuda", "torch on CUDA"), ("torch-cpu1", "torch on the CPU, 1 thread"), ("ours-cpu", "ours on every CPU core")]:
    a = load(anchor_name)
    if not ours or not a:
        print(f"mlp-{rows} ours on {dev} vs {label}: no figures ({len(ours)} / {len(a)} runs)")
        continue
    o_s, a_s = med(ours, "seconds"), med(a, "seconds")
    line = {"case": f"mlp-{rows}-{dev} vs {anchor_name}", "ours": {"seconds": o_s, "auc": med(ours, "auc"), "device": dev, "runs": len(ours)},
            "anchor": {"name": a[0].get("name", label), "version": a[0].get("version"), "seconds": a_s, "auc": med(a, "auc"), "runs": len(a)},
            "ratio": o_s / a_s}
    lines.append(line)
    print(f"mlp-{rows}: ours on {dev} {o_s:.3f} s (AUC {line['ours']['auc']:.4f}) vs {label} {a_s:.3f} s (AUC {line['anchor']['auc']:.4f}): ratio {o_s / a_s:.3f}")
with open(dest, "w") as f:
    for l in lines: f.write(json.dumps(l) + "\n")
PY
  echo "== GBM histogram kernels, $rows rows, and XGBoost device=cuda =="
  "$build/studio_gbm_hist_bench" --rows "$rows" --runs "$runs" --dump "$work/gbm" | tee "$work/gbm-hist.jsonl" ||
    echo "gbm hist bench failed"
  "$python" bench/gbm/gpu_anchor.py "$work/gbm" "$rows" 10 cuda | tee "$work/xgb-cuda.jsonl" || echo "xgboost cuda failed"
  "$python" bench/gbm/gpu_anchor.py "$work/gbm" "$rows" 10 cpu "$(nproc)" | tee "$work/xgb-cpu.jsonl" || echo "xgboost cpu failed"
  grep -h '^{' "$work/gbm-hist.jsonl" "$work/xgb-cuda.jsonl" "$work/xgb-cpu.jsonl" >>"$out/gpu.jsonl" 2>/dev/null
} 2>&1 | tee "$out/gpu.log"
rm -rf "$work"
