// What the whole-batch logistic solvers (Newton/IRLS, L-BFGS/OWL-QN) share: the coefficients as one f64
// vector (weights, then the intercept) read from and written back to the model, and the result at the end.
#pragma once
#include <cstdint>
#include <vector>

#include "trainer.h"

namespace studio {

/** The logistic model's coefficients: `beta` = weights then intercept, projected onto the sign constraints. */
struct LogisticCoefs {
  float* w = nullptr;
  float* b = nullptr;
  std::vector<double> beta;
  /** The sign constraint of weight j (-1, 0 or +1). */
  int sign(const ModelSpec& s, int64_t j) const { return j < int64_t(s.sign.size()) ? int(s.sign[size_t(j)]) : 0; }
};

LogisticCoefs read_coefficients(Model& model, int64_t inputs);

/**
 * Writes `beta` back into the model and fills the result: iterations, final objective, validation metrics.
 * A last progress report adds the validation metrics (iterations were reported as they finished).
 */
TrainResult finish_logistic(Model& model, LogisticCoefs& c, const std::vector<double>& beta, int32_t iterations, double objective,
                            double rows_processed, double seconds, const Dataset* val, const ProgressFn& progress, ThreadPool* pool);

}  // namespace studio
