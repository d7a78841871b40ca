#include "logistic-lbfgs.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "../core/errors.h"
#include "../core/thread-pool.h"
#include "logistic-common.h"

namespace studio {

namespace {

// Rows are reduced in fixed chunks whose partial sums are added in chunk order: the objective and
// gradient are bitwise identical for any number of threads, and so is the whole solve.
constexpr int64_t kChunkRows = 8192;
constexpr int kHistory = 10;           // L-BFGS memory (pairs of s, y)
constexpr int kMaxBacktracks = 40;     // halvings of the step before the line search gives up
constexpr double kArmijo = 1e-4;       // sufficient-decrease constant
constexpr double kFtol = 1e-13;        // stop when the objective's relative decrease falls below it

/** Smooth part of the objective (mean weighted log-loss + l2/2 |w|^2) and its gradient `g` at `beta`. */
double smooth_eval(const Dataset& d, const ModelSpec& s, const std::vector<double>& beta, std::vector<double>& g, ThreadPool* pool) {
  const int64_t K = d.cols, P = K + 1, chunks = (d.rows + kChunkRows - 1) / kChunkRows;
  const int64_t stride = 1 + P;
  std::vector<double> part(size_t(chunks * stride), 0.0);
  const double* bt = beta.data();
  const double pw = s.pos_weight, nw = s.neg_weight;
  parallel_for(pool, chunks, 1, [&](int64_t c0, int64_t c1, unsigned) {
    for (int64_t c = c0; c < c1; ++c) {
      double* acc = part.data() + c * stride;
      double* ga = acc + 1;
      const int64_t r1 = std::min(d.rows, (c + 1) * kChunkRows);
      for (int64_t r = c * kChunkRows; r < r1; ++r) {
        const float* xr = d.X + r * K;
        double z = bt[K];
        for (int64_t j = 0; j < K; ++j) z += bt[j] * double(xr[j]);
        const double y = d.y[r], w = y * pw + (1 - y) * nw;
        const double p = 1.0 / (1.0 + std::exp(-z));
        acc[0] += w * (std::max(z, 0.0) - z * y + std::log1p(std::exp(-std::abs(z))));
        const double gr = w * (p - y);
        for (int64_t j = 0; j < K; ++j) ga[j] += gr * double(xr[j]);
        ga[K] += gr;
      }
    }
  });
  std::vector<double> tot(size_t(stride), 0.0);
  for (int64_t c = 0; c < chunks; ++c)
    for (int64_t k = 0; k < stride; ++k) tot[size_t(k)] += part[size_t(c * stride + k)];
  const double n = double(d.rows), l2 = s.l2;
  double f = tot[0] / n;
  g.assign(size_t(P), 0.0);
  for (int64_t j = 0; j < P; ++j) g[size_t(j)] = tot[size_t(1 + j)] / n;
  for (int64_t j = 0; j < K; ++j) {
    f += 0.5 * l2 * beta[size_t(j)] * beta[size_t(j)];
    g[size_t(j)] += l2 * beta[size_t(j)];
  }
  return f;
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

int sgn(double v) { return (v > 0) - (v < 0); }

[[noreturn]] void throw_nan(int32_t iter) {
  EngineError e(ErrorCode::LossNaN, "loss became NaN at step " + std::to_string(iter) + "; check the inputs' scale");
  e.step = iter;
  throw e;
}

}  // namespace

// Sign constraints. A coefficient constrained to sign s (s * w_j >= 0) is treated like an L1
// coordinate of OWL-QN whose orthant is fixed to the feasible side: at w_j = 0 its pseudo-gradient is
// the one-sided derivative into the feasible side when that derivative is negative and 0 otherwise
// (so a coefficient the gradient pushes outward stays at 0 and does not count against convergence);
// the search direction is zeroed where it would leave zero towards the infeasible side, and each trial
// point is projected onto the orthant, which sets a coefficient that would cross zero to exactly 0.
// The result satisfies the KKT conditions of the constrained problem (projected gradient <= tolerance).
TrainResult train_logistic_lbfgs(Model& model, const Dataset& train, const Dataset* val, const TrainOptions& o,
                                 const ProgressFn& progress, ThreadPool* pool) {
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  const ModelSpec& s = model.spec();
  const int64_t K = train.cols, P = K + 1;
  const double l1 = s.l1;
  LogisticCoefs coefs = read_coefficients(model, K);
  std::vector<double> beta = coefs.beta;
  auto sign = [&](int64_t j) { return coefs.sign(s, j); };
  // Coordinates whose orthant matters: L1-penalised or sign-constrained coefficients (never the intercept).
  std::vector<char> bound(static_cast<size_t>(P), 0);
  for (int64_t j = 0; j < K; ++j) bound[size_t(j)] = l1 > 0 || sign(j) != 0;

  int64_t evals = 0;
  auto objective = [&](const std::vector<double>& x, std::vector<double>& g) {
    ++evals;
    double f = smooth_eval(train, s, x, g, pool);
    if (l1 > 0)
      for (int64_t j = 0; j < K; ++j) f += l1 * std::abs(x[size_t(j)]);
    return f;
  };
  // Pseudo-gradient (Andrew & Gao): the minimum-norm subgradient of the objective restricted to the
  // feasible set; with l1 = 0 and no constraints it is the gradient.
  auto pseudo_gradient = [&](const std::vector<double>& x, const std::vector<double>& g, std::vector<double>& pg) {
    for (int64_t j = 0; j < P; ++j) {
      const double gj = g[size_t(j)], xj = x[size_t(j)];
      if (j == K) {
        pg[size_t(j)] = gj;
      } else if (xj > 0) {
        pg[size_t(j)] = gj + l1;
      } else if (xj < 0) {
        pg[size_t(j)] = gj - l1;
      } else {
        const double up = gj + l1, down = gj - l1;  // right derivative, and minus the left one
        pg[size_t(j)] = up < 0 && sign(j) >= 0 ? up : down > 0 && sign(j) <= 0 ? down : 0.0;
      }
    }
  };

  std::vector<double> g(static_cast<size_t>(P)), pg(static_cast<size_t>(P)), d(static_cast<size_t>(P)), xi(static_cast<size_t>(P)),
      cand(static_cast<size_t>(P)), gc(static_cast<size_t>(P)), alpha(kHistory);
  std::vector<std::vector<double>> S(kHistory, std::vector<double>(static_cast<size_t>(P))), Y(S);
  std::vector<double> rho(kHistory);
  int hist = 0, head = 0;  // pairs held; slot of the next pair

  double F = objective(beta, g);
  if (!std::isfinite(F)) throw_nan(0);
  pseudo_gradient(beta, g, pg);
  int32_t iter = 0;
  bool reset = false;  // the last line search failed with curvature history: retry once along -pg
  while (iter < o.epochs) {
    if (model.cancel.load()) throw EngineError(ErrorCode::Cancelled, "training was cancelled");
    double pg_max = 0;
    for (double v : pg) pg_max = std::max(pg_max, std::abs(v));
    if (pg_max <= o.tolerance) break;

    // Two-loop recursion: d = -H pg, with H0 = (s'y / y'y) I from the newest pair.
    for (int64_t j = 0; j < P; ++j) d[size_t(j)] = pg[size_t(j)];
    for (int k = 0; k < hist; ++k) {
      const int i = (head - 1 - k + kHistory) % kHistory;
      alpha[size_t(i)] = rho[size_t(i)] * dot(S[size_t(i)], d);
      for (int64_t j = 0; j < P; ++j) d[size_t(j)] -= alpha[size_t(i)] * Y[size_t(i)][size_t(j)];
    }
    if (hist > 0) {
      const int i = (head - 1 + kHistory) % kHistory;
      const double gamma = 1.0 / (rho[size_t(i)] * dot(Y[size_t(i)], Y[size_t(i)]));
      for (double& v : d) v *= gamma;
    }
    for (int k = hist - 1; k >= 0; --k) {
      const int i = (head - 1 - k + kHistory) % kHistory;
      const double beta_i = rho[size_t(i)] * dot(Y[size_t(i)], d);
      for (int64_t j = 0; j < P; ++j) d[size_t(j)] += (alpha[size_t(i)] - beta_i) * S[size_t(i)][size_t(j)];
    }
    for (double& v : d) v = -v;
    // Orthant of this iteration, and the direction's projection onto it: an L1 coordinate (and a
    // sign-constrained one sitting at zero) only moves where its pseudo-gradient points downhill.
    for (int64_t j = 0; j < P; ++j) {
      const double xj = beta[size_t(j)];
      xi[size_t(j)] = bound[size_t(j)] ? (xj != 0 ? sgn(xj) : sgn(-pg[size_t(j)])) : 0;
      if (bound[size_t(j)] && (l1 > 0 || xj == 0) && d[size_t(j)] * pg[size_t(j)] >= 0) d[size_t(j)] = 0;
    }
    double slope = dot(pg, d);
    if (!(slope < 0)) {  // not a descent direction (rounding in H): fall back to steepest descent
      hist = head = 0;
      for (int64_t j = 0; j < P; ++j) d[size_t(j)] = -pg[size_t(j)];
      slope = -dot(pg, pg);
    }
    // Backtracking (Armijo) along the projected path; the first iteration starts at a unit-length step.
    double t = hist == 0 ? std::min(1.0, 1.0 / std::sqrt(dot(d, d))) : 1.0;
    double Fc = std::numeric_limits<double>::quiet_NaN();
    bool ok = false;
    for (int ls = 0; ls < kMaxBacktracks && !ok; ++ls, t *= 0.5) {
      double decrease = 0;
      for (int64_t j = 0; j < P; ++j) {
        double v = beta[size_t(j)] + t * d[size_t(j)];
        if (bound[size_t(j)] && sgn(v) != xi[size_t(j)]) v = 0;
        cand[size_t(j)] = v;
        decrease += pg[size_t(j)] * (v - beta[size_t(j)]);
      }
      Fc = objective(cand, gc);
      ok = Fc <= F + kArmijo * decrease;  // false for NaN
    }
    if (!ok) {
      if (!std::isfinite(Fc)) throw_nan(iter);
      if (hist > 0 && !reset) {
        hist = head = 0;
        reset = true;
        continue;
      }
      break;  // no decrease along -pg either: converged to rounding
    }
    reset = false;
    // Curvature pair from the smooth gradients (the L1 term's contribution is piecewise constant).
    std::vector<double>& sv = S[size_t(head)];
    std::vector<double>& yv = Y[size_t(head)];
    for (int64_t j = 0; j < P; ++j) {
      sv[size_t(j)] = cand[size_t(j)] - beta[size_t(j)];
      yv[size_t(j)] = gc[size_t(j)] - g[size_t(j)];
    }
    const double sy = dot(sv, yv), yy = dot(yv, yv);
    if (sy > 1e-10 * yy && sy > 0) {
      rho[size_t(head)] = 1.0 / sy;
      head = (head + 1) % kHistory;
      hist = std::min(hist + 1, kHistory);
    }
    const double F_prev = F;
    beta.swap(cand);
    g.swap(gc);
    F = Fc;
    pseudo_gradient(beta, g, pg);
    ++iter;
    if (progress)
      progress({iter, iter, F, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN(),
                double(train.rows) * double(evals) / elapsed()});
    if (F_prev - F <= kFtol * std::max({1.0, std::abs(F), std::abs(F_prev)})) break;
  }
  return finish_logistic(model, coefs, beta, iter, F, double(train.rows) * double(evals), elapsed(), val, progress, pool);
}

}  // namespace studio
