// L-BFGS for logistic regression in f64, with OWL-QN (Andrew & Gao 2007) when the model has an L1
// penalty: L2, L1 (elastic net), class weights and sign constraints on coefficients.
#pragma once
#include "trainer.h"

namespace studio {

/**
 * Solves the logistic model's convex problem;
 * objective = mean weighted log-loss + l2/2 |w|^2 + l1 |w|_1 (the intercept is not penalised).
 * Same contract as train_logistic_newton: `opts.epochs` caps the iterations; the solve stops
 * early when no component of the projected (pseudo-)gradient exceeds `opts.tolerance`, when an
 * iteration lowers the objective by a relative 1e-13 or less, or when no step along the
 * steepest-descent direction lowers it (rounding). TrainResult::loss is the final objective,
 * both penalties included.
 */
TrainResult train_logistic_lbfgs(Model& model, const Dataset& train, const Dataset* val, const TrainOptions& opts,
                                 const ProgressFn& progress, ThreadPool* pool);

}  // namespace studio
