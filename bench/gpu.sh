#!/usr/bin/env bash
# One prepared run for a lent GPU machine (device tool): build with CUDA, run the C++ tests, whose
# backend-consistency cases compare every CUDA op (and the INT8 dense kernel) with its CPU twin when a device
# is present, and record what the addon reports. Writes its log under $OUT when set. Under 10 minutes.
#
# Not covered yet: the engine's executor trains and predicts on the CPU backend only, so the MLP benchmark
# on 1.5M rows has no GPU path to measure; add it here once the executor dispatches to cuda_backend().
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-bench/results}
mkdir -p "$out"
export npm_config_nodedir=${npm_config_nodedir:-/usr} STUDIO_JOBS=${STUDIO_JOBS:-16}
{
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv || true
  command -v pnpm >/dev/null || npm install -g pnpm@12.4.2
  pnpm install --frozen-lockfile --reporter=append-only
  pnpm --filter @studio/native test
  pnpm --filter @studio/engine exec node --import tsx -e \
    "import('./src/index.ts').then((e) => console.log(JSON.stringify(e.backendInfo())))"
} 2>&1 | tee "$out/gpu.log"
