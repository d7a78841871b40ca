// L-BFGS for logistic regression in f64, with OWL-QN (Andrew & Gao 2007) when the model has an L1
// penalty: L2, L1 (elastic net), class weights and sign constraints on coefficients.
#pragma once
#include "trainer.h"

namespace studio {

/**
 * Solves the logistic model's convex problem;
 * objective = mean weighted log-loss + l2/2 |w|^2 + l1 |w|_1 (the intercept is not penalised).
 * Same contract as train_logistic_newton: `opts.epochs` caps the iterations, `opts.tolerance`
 * bounds the largest component of the projected (pseudo-)gradient at convergence, and
 * TrainResult::loss is the final objective including both penalties.
 */
TrainResult train_logistic_lbfgs(Model& model, const Dataset& train, const Dataset* val, const TrainOptions& opts,
                                 const ProgressFn& progress, ThreadPool* pool);

}  // namespace studio
