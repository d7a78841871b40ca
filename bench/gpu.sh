#!/usr/bin/env bash
# One prepared run for a lent GPU machine (device tool), under 10 minutes:
#   1. build the addon with CUDA and run the C++ tests: the backend-consistency cases compare every CUDA op
#      (including the fused layer norm), the INT8 dense kernel and the training-loop kernels (optimizer steps,
#      row gather, sign projection) with their CPU twins, and `cuda_training_matches_cpu` trains an MLP on the
#      GPU through the same loop as the CPU and compares the results;
#   2. the engine's TS tests (device.test.ts trains on 'cuda' and compares with the CPU);
#   3. the MLP benchmark on 1.5M rows trained on the GPU, interleaved with torch (1 thread) when Debian's
#      python3-torch is installed, and with our own engine on every CPU core.
# Writes gpu.log and gpu.jsonl under $OUT (the device tool's output folder) or bench/results.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-bench/results}
mkdir -p "$out" bench/results
export npm_config_nodedir=${npm_config_nodedir:-/usr} STUDIO_JOBS=${STUDIO_JOBS:-16}
{
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv || true
  command -v pnpm >/dev/null || npm install -g pnpm@12.4.2
  pnpm install --frozen-lockfile --reporter=append-only
  pnpm --filter @studio/native test
  pnpm --filter @studio/engine exec node --import tsx -e \
    "import('./src/index.ts').then((e) => console.log(JSON.stringify(e.backendInfo())))"
  pnpm --filter @studio/engine exec vitest run src/device.test.ts src/mlp.test.ts
  : > bench/results/latest.jsonl
  if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    timeout 200 node --import tsx bench/engine/run.ts --rows 1500000 --cases mlp --device cuda --runs 5 || echo "torch comparison failed or timed out"
  else
    echo "python3-torch is not installed here: no torch anchor"
  fi
  timeout 200 node --import tsx bench/engine/run.ts --rows 1500000 --cases mlp --device cuda --runs 5 --anchor ours-cpu ||
    echo "ours-cpu comparison failed or timed out"
  cp bench/results/latest.jsonl "$out/gpu.jsonl"
} 2>&1 | tee "$out/gpu.log"
