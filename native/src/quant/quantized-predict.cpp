#include "quantized-predict.h"

#include <algorithm>
#include <cmath>
#include <utility>  // std::swap
#include <vector>

#include "../core/thread-pool.h"
#include "int8-dense-cpu.h"

namespace studio::quant {

namespace {

constexpr int64_t kChunk = 256;
// A call with fewer multiply-adds than this runs on the calling thread: waking the pool costs more.
constexpr int64_t kParallelMacs = int64_t(1) << 21;

// Activation buffers of the running thread, kept across chunks and calls (pool threads live as long
// as the process, so a warm prediction allocates nothing here); each holds at most kChunk rows of the
// widest padded layer of the widest model seen. Stale contents are harmless: every byte a layer reads
// was written by the layer before, padding included.
thread_local std::vector<int8_t> t_a, t_b;

// One chunk of rows on the calling thread: quantize the input, then one int8_dense per layer,
// each requantizing its output for the next; the last writes f32 logits.
void run_chunk(const QuantizedModel& q, const Backend& be, const float* x, int64_t n, float* logits) {
  std::vector<int8_t>& a = t_a;
  std::vector<int8_t>& b = t_b;
  int64_t widest = 0;
  for (const auto& l : q.layers) widest = std::max({widest, l.in_pad, l.out_pad});
  if (a.size() < size_t(n * widest)) a.resize(size_t(n * widest));
  if (b.size() < size_t(n * widest)) b.resize(size_t(n * widest));
  const QuantLayer& first = q.layers.front();
  quantize_rows(x, n, first.in, first.in_pad, first.x_scale, a.data());
  for (size_t i = 0; i < q.layers.size(); ++i) {
    const QuantLayer& l = q.layers[i];
    const bool last = i + 1 == q.layers.size();
    Int8DenseArgs args;
    args.x = a.data();
    args.w = l.packed.data();
    args.scale = l.scale.data();
    args.bias = l.bias_pad.data();
    args.rows = n;
    args.k_pad = l.in_pad;
    args.n = l.out;
    args.n_pad = l.out_pad;
    args.x_nonneg = l.x_nonneg;
    args.act = l.act;
    args.alpha = l.alpha;
    if (last) args.out = logits;
    else {
      args.out_q = b.data();
      args.out_pad = q.layers[i + 1].in_pad;
      args.out_scale = q.layers[i + 1].x_scale;
    }
    be.int8_dense(args);
    std::swap(a, b);  // swaps the thread's buffers themselves; the next chunk starts from either
  }
}

}  // namespace

void quantized_logits(const QuantizedModel& q, const float* X, int64_t rows, float* logits, ThreadPool* pool) {
  const Backend& be = cpu_backend();
  const int64_t k = q.layers.back().out, chunks = (rows + kChunk - 1) / kChunk;
  int64_t macs = 0;
  for (const auto& l : q.layers) macs += l.in_pad * l.out_pad;
  if (rows * macs < kParallelMacs) pool = nullptr;
  parallel_for(pool, chunks, 1, [&](int64_t c0, int64_t c1, unsigned) {
    for (int64_t c = c0; c < c1; ++c) {
      const int64_t start = c * kChunk, n = std::min(kChunk, rows - start);
      run_chunk(q, be, X + start * q.inputs, n, logits + start * k);
    }
  });
}

void quantized_proba(const QuantizedModel& q, const float* X, int64_t rows, float* out, ThreadPool* pool) {
  quantized_logits(q, X, rows, out, pool);
  const int64_t k = q.layers.back().out;
  if (k == 1) {
    for (int64_t i = 0; i < rows; ++i) out[i] = 1.0f / (1.0f + std::exp(-out[i]));
    return;
  }
  for (int64_t r = 0; r < rows; ++r) {
    float* z = out + r * k;
    const float m = *std::max_element(z, z + k);
    double s = 0;
    for (int64_t j = 0; j < k; ++j) s += (z[j] = std::exp(z[j] - m));
    for (int64_t j = 0; j < k; ++j) z[j] = float(z[j] / s);
  }
}

}  // namespace studio::quant
