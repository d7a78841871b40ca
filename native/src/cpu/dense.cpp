// Dense, bias add and their fusion. The GEMM and gradient kernels are in dense-avx2.cpp and
// dense-avx512.cpp; this file picks one set at run time (fp32_isa()). Every output element is
// reduced by one thread in a fixed order, so results do not depend on the number of threads, nor
// on the ISA: the AVX2 kernels and their AVX-512 versions give bitwise identical results.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "../core/thread-pool.h"
#include "../ops/act-math.h"
#include "cpu-ops.h"
#include "dense-kernels.h"
#include "simd.h"

namespace studio::cpu {

namespace {

constexpr int64_t kRowGrain = 48;  // a multiple of the 6-row micro-kernel

bool use_avx512() { return fp32_isa() == Fp32Isa::Avx512; }

// out[b,:] = act(x[b,:] W + bias); pre[b,:] = x[b,:] W + bias when pre is non-null.
void matmul_rows(const View& x, const View& w, const float* bias, Act act, float alpha, float* pre, const View& out, ThreadPool* pool) {
  const int64_t K = x.cols, N = w.cols;
  const bool wide = use_avx512();
  parallel_for(pool, x.rows, kRowGrain, [&](int64_t b0, int64_t b1, unsigned) {
    if (wide) avx512::gemm_rows(act, x.data, K, w.data, N, bias, pre, out.data, alpha, false, b0, b1);
    else avx2::gemm_rows(act, x.data, K, w.data, N, bias, pre, out.data, alpha, false, b0, b1);
  });
}

// dx += dy W^T ; dW += x^T dy ; db += sum_b dy.
void matmul_bwd(const View& x, const View& w, const View& dy, const View& dx, const View& dw, const View& db, ThreadPool* pool) {
  const int64_t B = x.rows, K = x.cols, N = w.cols;
  if (dx.data) {
    // dx = dy W^T runs through the same register-blocked kernel on a transposed copy of W.
    thread_local std::vector<float> wt;
    wt.resize(static_cast<size_t>(K * N));
    for (int64_t k = 0; k < K; ++k)
      for (int64_t n = 0; n < N; ++n) wt[size_t(n * K + k)] = w.data[k * N + n];
    const float* wtp = wt.data();
    const bool wide = use_avx512();
    parallel_for(pool, B, kRowGrain, [&](int64_t b0, int64_t b1, unsigned) {
      if (wide) avx512::gemm_rows(Act::Identity, dy.data, N, wtp, K, nullptr, nullptr, dx.data, 0.0f, true, b0, b1);
      else avx2::gemm_rows(Act::Identity, dy.data, N, wtp, K, nullptr, nullptr, dx.data, 0.0f, true, b0, b1);
    });
  }
  if (dw.data) {
    if (use_avx512()) avx512::weight_grad(x, dy, dw, pool);
    else avx2::weight_grad(x, dy, dw, pool);
  }
  if (db.data) {
    if (use_avx512()) avx512::bias_grad(dy, db);
    else avx2::bias_grad(dy, db);
  }
}

}  // namespace

void dense_fwd(OpCtx& c) { matmul_rows(c.in[0], c.in[1], nullptr, Act::Identity, 0.0f, nullptr, c.out, c.pool); }

void dense_bwd(OpCtx& c) { matmul_bwd(c.in[0], c.in[1], c.dout, c.din[0], c.din[1], View{}, c.pool); }

void bias_add_fwd(OpCtx& c) {
  const View x = c.in[0];
  const float* bias = c.in[1].data;
  parallel_for(c.pool, x.rows, 256, [&](int64_t b0, int64_t b1, unsigned) {
    for (int64_t b = b0; b < b1; ++b) {
      const float* xr = x.row(b);
      float* o = c.out.row(b);
      for (int64_t n = 0; n < x.cols; ++n) o[n] = xr[n] + bias[n];
    }
  });
}

void bias_add_bwd(OpCtx& c) {
  const int64_t total = c.dout.size(), N = c.dout.cols;
  if (c.din[0].data) {
    for (int64_t i = 0; i < total; ++i) c.din[0].data[i] += c.dout.data[i];
  }
  if (c.din[1].data) {
    for (int64_t b = 0; b < c.dout.rows; ++b) {
      const float* g = c.dout.row(b);
      for (int64_t n = 0; n < N; ++n) c.din[1].data[n] += g[n];
    }
  }
}

void fused_dense_fwd(OpCtx& c) {
  // Bias and activation run in the GEMM epilogue. The pre-activation (aux) is only read by
  // backward, so inference does not write it.
  const Act act = c.p->act;
  float* pre = act != Act::Identity && c.training ? c.aux.data : nullptr;
  matmul_rows(c.in[0], c.in[1], c.in[2].data, act, c.p->alpha, pre, c.out, c.pool);
}

void fused_dense_bwd(OpCtx& c) {
  const Act act = c.p->act;
  View dpre = c.dout;
  if (act != Act::Identity) {
    // The pre-activation is dead after this op, so its buffer holds d(pre) in place.
    dpre = c.aux;
    const float alpha = c.p->alpha;
    parallel_for(c.pool, dpre.size(), 16384, [&](int64_t i0, int64_t i1, unsigned) {
      with_act(act, [&](auto a) { act_backward_inplace<a.value>(dpre.data + i0, c.out.data + i0, c.dout.data + i0, i1 - i0, alpha); });
    });
  }
  matmul_bwd(c.in[0], c.in[1], dpre, c.din[0], c.din[1], c.din[2], c.pool);
}

}  // namespace studio::cpu

namespace studio {

namespace {

Fp32Isa detect_fp32_isa() {
  const Fp32Isa best = fp32_isa_supported(Fp32Isa::Avx512) ? Fp32Isa::Avx512 : Fp32Isa::Avx2;
  const char* env = std::getenv("STUDIO_FP32_ISA");
  if (env == nullptr || *env == '\0') return best;
  if (std::strcmp(env, "avx2") == 0) return Fp32Isa::Avx2;
  if (std::strcmp(env, "avx512") == 0) {
    if (best != Fp32Isa::Avx512) std::fprintf(stderr, "studio: STUDIO_FP32_ISA=avx512 but this CPU lacks AVX-512 F/BW/VL/DQ; using avx2\n");
    return best;
  }
  std::fprintf(stderr, "studio: STUDIO_FP32_ISA=%s is neither avx2 nor avx512; using %s\n", env, fp32_isa_name(best));
  return best;
}

std::atomic<int> g_fp32_isa{-1};

}  // namespace

bool fp32_isa_supported(Fp32Isa isa) {
  if (isa == Fp32Isa::Avx2) return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
         __builtin_cpu_supports("avx512dq");
}

const char* fp32_isa_name(Fp32Isa isa) { return isa == Fp32Isa::Avx512 ? "avx512" : "avx2"; }

Fp32Isa fp32_isa() {
  int v = g_fp32_isa.load(std::memory_order_relaxed);
  if (v < 0) {
    // Threads racing through the first call detect the same value.
    int expected = -1;
    v = int(detect_fp32_isa());
    if (!g_fp32_isa.compare_exchange_strong(expected, v, std::memory_order_relaxed)) v = expected;
  }
  return Fp32Isa(v);
}

Fp32Isa set_fp32_isa(Fp32Isa isa) {
  const Fp32Isa previous = fp32_isa();
  if (fp32_isa_supported(isa)) g_fp32_isa.store(int(isa), std::memory_order_relaxed);
  return previous;
}

}  // namespace studio
