// Evaluation metrics computed in f64.
#pragma once
#include <cstdint>

namespace studio {

/** ROC AUC of scores against 0/1 labels (ties get half credit); NaN when a class is absent. */
double roc_auc(const float* score, const float* y, int64_t n);
/** Mean class-weighted binary cross-entropy of logits. */
double mean_bce_logits(const float* logits, const float* y, int64_t n, double neg_weight, double pos_weight);
/** Mean softmax cross-entropy of [n, classes] logits against class indices. */
double mean_softmax_ce(const float* logits, const float* y, int64_t n, int64_t classes);

}  // namespace studio
