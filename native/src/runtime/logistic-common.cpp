#include "logistic-common.h"

#include <limits>
#include <tuple>

namespace studio {

LogisticCoefs read_coefficients(Model& model, int64_t K) {
  LogisticCoefs c;
  for (auto& p : model.params()) {
    if (p.name == "output.weight") c.w = p.data.data;
    if (p.name == "output.bias") c.b = p.data.data;
  }
  c.beta.assign(static_cast<size_t>(K + 1), 0.0);
  for (int64_t j = 0; j < K; ++j) c.beta[size_t(j)] = c.w[j];
  c.beta[size_t(K)] = c.b[0];
  for (int64_t j = 0; j < K; ++j)
    if (c.sign(model.spec(), j) * c.beta[size_t(j)] < 0) c.beta[size_t(j)] = 0;
  return c;
}

TrainResult finish_logistic(Model& model, LogisticCoefs& c, const std::vector<double>& beta, int32_t iter, double objective,
                            double rows_processed, double seconds, const Dataset* val, const ProgressFn& progress, ThreadPool* pool) {
  const int64_t K = int64_t(beta.size()) - 1;
  for (int64_t j = 0; j < K; ++j) c.w[j] = float(beta[size_t(j)]);
  c.b[0] = float(beta[size_t(K)]);
  TrainResult res;
  res.val_loss = res.val_auc = std::numeric_limits<double>::quiet_NaN();
  res.epochs = iter;
  res.steps = iter;
  res.loss = objective;
  res.best_epoch = iter;
  if (val) std::tie(res.val_loss, res.val_auc) = evaluate(model, *val, pool);
  res.seconds = seconds;
  if (progress && val) progress({iter, iter, res.loss, res.val_loss, res.val_auc, rows_processed / res.seconds});
  return res;
}

}  // namespace studio
