// Newton/IRLS for logistic regression in f64: L2, class weights and sign constraints on
// coefficients (projected Newton with an active set).
#pragma once
#include "trainer.h"

namespace studio {

/** Solves the logistic model's convex problem; objective = mean weighted log-loss + l2/2 |w|^2. */
TrainResult train_logistic_newton(Model& model, const Dataset& train, const Dataset* val, const TrainOptions& opts,
                                  const ProgressFn& progress, ThreadPool* pool);

}  // namespace studio
