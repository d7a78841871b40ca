#include "predict.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "../core/thread-pool.h"

namespace studio {

namespace {

constexpr int64_t kChunk = 512;

void to_proba(const ModelSpec& spec, float* v, int64_t rows) {
  const int64_t k = output_width(spec);
  if (k == 1) {
    for (int64_t i = 0; i < rows; ++i) v[i] = 1.0f / (1.0f + std::exp(-v[i]));
    return;
  }
  for (int64_t r = 0; r < rows; ++r) {
    float* z = v + r * k;
    const float m = *std::max_element(z, z + k);
    double s = 0;
    for (int64_t j = 0; j < k; ++j) s += (z[j] = std::exp(z[j] - m));
    for (int64_t j = 0; j < k; ++j) z[j] = float(z[j] / s);
  }
}

}  // namespace

void predict_logits(Model& model, const float* X, int64_t rows, float* logits, ThreadPool* pool) {
  const int64_t cols = model.spec().inputs, k = output_width(model.spec());
  const int64_t chunk = std::min(rows, kChunk);
  CachedPlan& cp = model.plan(chunk, false);
  const unsigned slots = pool ? pool->size() : 1;
  // Slot 0 uses the cached block; the others borrow blocks from the arena for this call only.
  std::vector<Block> blocks(slots);
  blocks[0] = cp.block;
  for (unsigned s = 1; s < slots; ++s) blocks[s] = model.arena().acquire(cp.plan.memory.peak_bytes);
  std::vector<std::vector<float>> pad(slots);
  const int64_t chunks = (rows + chunk - 1) / chunk;
  try {
    parallel_for(pool, chunks, 1, [&](int64_t c0, int64_t c1, unsigned slot) {
      Executor ex(cp.plan, blocks[slot].data, model.refs());
      for (int64_t c = c0; c < c1; ++c) {
        const int64_t start = c * chunk, n = std::min(chunk, rows - start);
        const float* src = X + start * cols;
        if (n < chunk) {  // the last partial chunk runs padded; rows are independent at inference
          pad[slot].assign(size_t(chunk * cols), 0.0f);
          std::memcpy(pad[slot].data(), src, sizeof(float) * size_t(n * cols));
          src = pad[slot].data();
        }
        ex.bind(cp.plan.graph.input, const_cast<float*>(src));
        ex.forward(nullptr, 0, 0, false);
        std::memcpy(logits + start * k, ex.value(cp.plan.graph.output).data, sizeof(float) * size_t(n * k));
      }
    });
  } catch (...) {
    for (unsigned s = 1; s < slots; ++s) model.arena().release(blocks[s]);
    throw;
  }
  for (unsigned s = 1; s < slots; ++s) model.arena().release(blocks[s]);
}

void predict_proba(Model& model, const float* X, int64_t rows, float* out, ThreadPool* pool) {
  predict_logits(model, X, rows, out, pool);
  to_proba(model.spec(), out, rows);
}

void predict_one(Model& model, const float* row, float* out) {
  CachedPlan& cp = model.plan(1, false);
  Executor ex(cp.plan, cp.block.data, model.refs());
  ex.bind(cp.plan.graph.input, const_cast<float*>(row));
  ex.forward(nullptr, 0, 0, false);
  const int64_t k = output_width(model.spec());
  std::memcpy(out, ex.value(cp.plan.graph.output).data, sizeof(float) * size_t(k));
  to_proba(model.spec(), out, 1);
}

}  // namespace studio
