#include "logistic-newton.h"

#include <algorithm>
#include <chrono>
#include <cmath>
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
    parallel_for(pool, chunks, 1, [&](int64_t c0, int64_t c1, unsigned) {
      std::vector<double> x(static_cast<size_t>(P));
      for (int64_t c = c0; c < c1; ++c) {
        double* acc = part.data() + c * stride;
        const int64_t r1 = std::min(d_.rows, (c + 1) * kChunkRows);
        for (int64_t r = c * kChunkRows; r < r1; ++r) {
          const float* xr = d_.X + r * K;
          double z = beta[size_t(K)];
          for (int64_t j = 0; j < K; ++j) {
            x[size_t(j)] = xr[j];
            z += beta[size_t(j)] * xr[j];
          }
          x[size_t(K)] = 1.0;
          const double y = d_.y[r], w = y * s_.pos_weight + (1 - y) * s_.neg_weight;
          const double p = 1.0 / (1.0 + std::exp(-z));
          acc[0] += w * (std::max(z, 0.0) - z * y + std::log1p(std::exp(-std::abs(z))));
          const double gr = w * (p - y);
          for (int64_t j = 0; j < P; ++j) acc[1 + j] += gr * x[size_t(j)];
          if (!hessian) continue;
          const double hw = w * p * (1 - p);
          double* h = acc + 1 + P;
          for (int64_t a = 0; a < P; ++a) {
            const double xa = hw * x[size_t(a)];
            for (int64_t b = a; b < P; ++b) *h++ += xa * x[size_t(b)];
          }
        }
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
