#include "logistic-newton.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "../core/errors.h"
#include "../core/thread-pool.h"
#include "logistic-common.h"

namespace studio {

namespace {

// Rows are reduced in fixed chunks whose partial sums are added in chunk order: the result is
// bitwise identical for any number of threads.
constexpr int64_t kChunkRows = 8192;
// Within a chunk, rows are taken in blocks: the block's rows (as doubles, and scaled by the Hessian
// weight) are laid out padded to a multiple of 8 columns, and the Hessian is accumulated in register
// tiles of 4 x 8 over the block's rows. Each element still sums its rows' products in row order, so the
// result does not depend on the block size or the thread count.
constexpr int64_t kBlockRows = 64;

typedef double v4d __attribute__((vector_size(32)));

inline v4d load4d(const double* p) {
  v4d v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}
inline void store4d(double* p, v4d v) { std::memcpy(p, &v, sizeof(v)); }

// H[a][b] += sum over the block's rows r of xw[r][a] * x[r][b], for the 4 x 8 tile at (a0, b0).
// H, xw and x have `ld` columns (a multiple of 8); H is ld x ld.
inline void hessian_tile(double* H, const double* xw, const double* x, int64_t rows, int64_t ld, int64_t a0, int64_t b0) {
  double* h0 = H + a0 * ld + b0;
  v4d c00 = load4d(h0), c01 = load4d(h0 + 4);
  v4d c10 = load4d(h0 + ld), c11 = load4d(h0 + ld + 4);
  v4d c20 = load4d(h0 + 2 * ld), c21 = load4d(h0 + 2 * ld + 4);
  v4d c30 = load4d(h0 + 3 * ld), c31 = load4d(h0 + 3 * ld + 4);
  for (int64_t r = 0; r < rows; ++r) {
    const double* xr = x + r * ld + b0;
    const double* wr = xw + r * ld + a0;
    const v4d x0 = load4d(xr), x1 = load4d(xr + 4);
    const v4d w0 = {wr[0], wr[0], wr[0], wr[0]}, w1 = {wr[1], wr[1], wr[1], wr[1]};
    const v4d w2 = {wr[2], wr[2], wr[2], wr[2]}, w3 = {wr[3], wr[3], wr[3], wr[3]};
    c00 += w0 * x0;
    c01 += w0 * x1;
    c10 += w1 * x0;
    c11 += w1 * x1;
    c20 += w2 * x0;
    c21 += w2 * x1;
    c30 += w3 * x0;
    c31 += w3 * x1;
  }
  store4d(h0, c00);
  store4d(h0 + 4, c01);
  store4d(h0 + ld, c10);
  store4d(h0 + ld + 4, c11);
  store4d(h0 + 2 * ld, c20);
  store4d(h0 + 2 * ld + 4, c21);
  store4d(h0 + 3 * ld, c30);
  store4d(h0 + 3 * ld + 4, c31);
}

struct Eval {
  double f = 0;
  std::vector<double> g;  // P
  std::vector<double> H;  // P x P (full, symmetric)
};

class Problem {
 public:
  Problem(const Dataset& d, const ModelSpec& s) : d_(d), s_(s), P_(d.cols + 1) {}
  int64_t dim() const { return P_; }

  // Objective, gradient and (optionally) Hessian at beta; the intercept is beta[P-1] and unpenalised.
  Eval eval(const std::vector<double>& beta, bool hessian, ThreadPool* pool) const {
    const int64_t P = P_, K = d_.cols, chunks = (d_.rows + kChunkRows - 1) / kChunkRows;
    const int64_t tri = hessian ? P * (P + 1) / 2 : 0;
    const int64_t stride = 1 + P + tri;
    std::vector<double> part(size_t(chunks * stride), 0.0);
    const int64_t ld = (P + 7) / 8 * 8;
    parallel_for(pool, chunks, 1, [&](int64_t c0, int64_t c1, unsigned) {
      std::vector<double> xb(size_t(kBlockRows * ld), 0.0), xw(size_t(kBlockRows * ld), 0.0);
      std::vector<double> H(hessian ? size_t(ld * ld) : 0), zb(size_t(kBlockRows), 0.0);
      for (int64_t c = c0; c < c1; ++c) {
        double* acc = part.data() + c * stride;
        if (hessian) std::fill(H.begin(), H.end(), 0.0);
        const int64_t r1 = std::min(d_.rows, (c + 1) * kChunkRows);
        for (int64_t q0 = c * kChunkRows; q0 < r1; q0 += kBlockRows) {
          const int64_t q1 = std::min(r1, q0 + kBlockRows);
          const int64_t nb = q1 - q0;
          for (int64_t r = 0; r < nb; ++r) {
            const float* xr = d_.X + (q0 + r) * K;
            double* x = xb.data() + r * ld;
            for (int64_t j = 0; j < K; ++j) x[j] = xr[j];
            x[K] = 1.0;
            zb[size_t(r)] = beta[size_t(K)];
          }
          // z = intercept + sum_j beta_j x_j, each row's sum in column order; rows are independent chains.
          for (int64_t j = 0; j < K; ++j) {
            const double bj = beta[size_t(j)];
            for (int64_t r = 0; r < nb; ++r) zb[size_t(r)] += bj * xb[size_t(r * ld + j)];
          }
          for (int64_t r = 0; r < nb; ++r) {
            const double* x = xb.data() + r * ld;
            const double z = zb[size_t(r)];
            const double y = d_.y[q0 + r], w = y * s_.pos_weight + (1 - y) * s_.neg_weight;
            const double p = 1.0 / (1.0 + std::exp(-z));
            acc[0] += w * (std::max(z, 0.0) - z * y + std::log1p(std::exp(-std::abs(z))));
            const double gr = w * (p - y);
            for (int64_t j = 0; j < P; ++j) acc[1 + j] += gr * x[j];
            if (!hessian) continue;
            const double hw = w * p * (1 - p);
            double* xs = xw.data() + r * ld;
            for (int64_t j = 0; j < P; ++j) xs[j] = hw * x[j];
          }
          if (!hessian) continue;
          // Upper triangle (b >= a) by tiles; the tiles' parts below the diagonal are computed and unused.
          for (int64_t a0 = 0; a0 < ld; a0 += 4)
            for (int64_t b0 = a0 / 8 * 8; b0 < ld; b0 += 8) hessian_tile(H.data(), xw.data(), xb.data(), q1 - q0, ld, a0, b0);
        }
        if (!hessian) continue;
        double* h = acc + 1 + P;
        for (int64_t a = 0; a < P; ++a)
          for (int64_t b = a; b < P; ++b) *h++ = H[size_t(a * ld + b)];
      }
    });
    Eval e;
    e.g.assign(size_t(P), 0.0);
    if (hessian) e.H.assign(size_t(P * P), 0.0);
    std::vector<double> tot(size_t(stride), 0.0);
    for (int64_t c = 0; c < chunks; ++c)
      for (int64_t k = 0; k < stride; ++k) tot[size_t(k)] += part[size_t(c * stride + k)];
    const double n = double(d_.rows), l2 = s_.l2;
    e.f = tot[0] / n;
    for (int64_t j = 0; j < P; ++j) e.g[size_t(j)] = tot[size_t(1 + j)] / n;
    for (int64_t j = 0; j < K; ++j) {
      e.f += 0.5 * l2 * beta[size_t(j)] * beta[size_t(j)];
      e.g[size_t(j)] += l2 * beta[size_t(j)];
    }
    if (hessian) {
      const double* h = tot.data() + 1 + P;
      for (int64_t a = 0; a < P; ++a)
        for (int64_t b = a; b < P; ++b) e.H[size_t(a * P + b)] = e.H[size_t(b * P + a)] = *h++ / n;
      for (int64_t j = 0; j < K; ++j) e.H[size_t(j * P + j)] += l2;
    }
    return e;
  }

 private:
  const Dataset& d_;
  const ModelSpec& s_;
  int64_t P_;
};

// Solves A x = b for symmetric positive definite A (Cholesky); adds jitter when A is singular,
// e.g. separable data without L2.
std::vector<double> solve_spd(std::vector<double> A, std::vector<double> b, int64_t n) {
  double jitter = 0;
  for (int attempt = 0; attempt < 12; ++attempt) {
    std::vector<double> L(A);
    for (int64_t i = 0; i < n; ++i) L[size_t(i * n + i)] += jitter;
    bool ok = true;
    for (int64_t j = 0; j < n && ok; ++j) {
      double s = L[size_t(j * n + j)];
      for (int64_t k = 0; k < j; ++k) s -= L[size_t(j * n + k)] * L[size_t(j * n + k)];
      if (!(s > 0)) {
        ok = false;
        break;
      }
      L[size_t(j * n + j)] = std::sqrt(s);
      for (int64_t i = j + 1; i < n; ++i) {
        double t = L[size_t(i * n + j)];
        for (int64_t k = 0; k < j; ++k) t -= L[size_t(i * n + k)] * L[size_t(j * n + k)];
        L[size_t(i * n + j)] = t / L[size_t(j * n + j)];
      }
    }
    if (!ok) {
      jitter = jitter == 0 ? 1e-10 : jitter * 100;
      continue;
    }
    for (int64_t i = 0; i < n; ++i) {
      for (int64_t k = 0; k < i; ++k) b[size_t(i)] -= L[size_t(i * n + k)] * b[size_t(k)];
      b[size_t(i)] /= L[size_t(i * n + i)];
    }
    for (int64_t i = n - 1; i >= 0; --i) {
      for (int64_t k = i + 1; k < n; ++k) b[size_t(i)] -= L[size_t(k * n + i)] * b[size_t(k)];
      b[size_t(i)] /= L[size_t(i * n + i)];
    }
    return b;
  }
  throw EngineError(ErrorCode::Internal, "Newton step: Hessian is not positive definite");
}

}  // namespace

TrainResult train_logistic_newton(Model& model, const Dataset& train, const Dataset* val, const TrainOptions& o,
                                  const ProgressFn& progress, ThreadPool* pool) {
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  const ModelSpec& s = model.spec();
  const int64_t K = train.cols, P = K + 1;
  LogisticCoefs coefs = read_coefficients(model, K);
  std::vector<double> beta = coefs.beta;
  auto sign = [&](int64_t j) { return coefs.sign(s, j); };
  auto project = [&](std::vector<double>& v) {
    for (int64_t j = 0; j < K; ++j)
      if (sign(j) * v[size_t(j)] < 0) v[size_t(j)] = 0;
  };
  Problem prob(train, s);
  Eval cur = prob.eval(beta, true, pool);
  int32_t iter = 0;
  for (; iter < o.epochs; ++iter) {
    if (model.cancel.load()) throw EngineError(ErrorCode::Cancelled, "training was cancelled");
    // Coefficients held at zero by their sign constraint, with the gradient pushing outward, are fixed.
    std::vector<int64_t> free_set;
    for (int64_t j = 0; j < P; ++j)
      if (!(j < K && sign(j) != 0 && beta[size_t(j)] == 0 && sign(j) * cur.g[size_t(j)] >= 0)) free_set.push_back(j);
    const int64_t F = int64_t(free_set.size());
    std::vector<double> HF(static_cast<size_t>(F * F)), gF(static_cast<size_t>(F));
    for (int64_t a = 0; a < F; ++a) {
      gF[size_t(a)] = -cur.g[size_t(free_set[size_t(a)])];
      for (int64_t c = 0; c < F; ++c) HF[size_t(a * F + c)] = cur.H[size_t(free_set[size_t(a)] * P + free_set[size_t(c)])];
    }
    const std::vector<double> dF = solve_spd(HF, gF, F);
    double decrement = 0;
    for (int64_t a = 0; a < F; ++a) decrement += dF[size_t(a)] * gF[size_t(a)];
    if (decrement < o.tolerance) break;
    double t = 1.0;
    Eval next;
    std::vector<double> cand;
    for (int ls = 0; ls < 40; ++ls, t *= 0.5) {
      cand = beta;
      for (int64_t a = 0; a < F; ++a) cand[size_t(free_set[size_t(a)])] += t * dF[size_t(a)];
      project(cand);
      next = prob.eval(cand, true, pool);
      double dir = 0;
      for (int64_t j = 0; j < P; ++j) dir += cur.g[size_t(j)] * (cand[size_t(j)] - beta[size_t(j)]);
      if (next.f <= cur.f + 1e-4 * dir) break;
    }
    if (!std::isfinite(next.f)) {
      EngineError e(ErrorCode::LossNaN, "loss became NaN at step " + std::to_string(iter) + "; check the inputs' scale");
      e.step = iter;
      throw e;
    }
    const bool stalled = cur.f - next.f <= 1e-15 * (1 + std::abs(cur.f));
    beta = cand;
    cur = std::move(next);
    if (progress) progress({iter + 1, iter + 1, cur.f, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
                            double(train.rows) * (iter + 1) / elapsed()});
    if (stalled) {
      ++iter;
      break;
    }
  }
  return finish_logistic(model, coefs, beta, iter, cur.f, double(train.rows) * std::max(1, iter), elapsed(), val, progress, pool);
}

}  // namespace studio
