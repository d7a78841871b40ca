#include "spec.h"

#include <cmath>
#include <set>

#include "../core/errors.h"

namespace studio {

namespace {
void bad(const std::string& m) { throw EngineError(ErrorCode::BadSpec, "invalid model spec: " + m); }
bool finite_nonneg(float v) { return std::isfinite(v) && v >= 0.0f; }
}  // namespace

void validate_spec(const ModelSpec& s) {
  if (s.inputs < 1 || s.inputs > 1'000'000) bad("inputs must be between 1 and 1000000");
  if (s.classes < 2 || s.classes > 100'000) bad("classes must be between 2 and 100000");
  if (!finite_nonneg(s.l1) || !finite_nonneg(s.l2)) bad("l1 and l2 must be finite and >= 0");
  if (!(s.neg_weight > 0) || !(s.pos_weight > 0) || !std::isfinite(s.neg_weight) || !std::isfinite(s.pos_weight))
    bad("class weights must be finite and > 0");
  if (s.kind == ModelKind::Logistic) {
    if (!s.layers.empty() || !s.embeddings.empty()) bad("a logistic model has no layers or embeddings");
    if (s.classes != 2) bad("a logistic model is binary (classes = 2)");
    if (!s.sign.empty() && s.sign.size() != size_t(s.inputs)) bad("signConstraints needs one entry per input");
    for (int8_t v : s.sign)
      if (v < -1 || v > 1) bad("signConstraints entries must be -1, 0 or 1");
    return;
  }
  if (!s.sign.empty()) bad("signConstraints apply to logistic models only");
  if (s.layers.size() > 64) bad("at most 64 layers");
  for (size_t i = 0; i < s.layers.size(); ++i) {
    const auto& l = s.layers[i];
    const std::string at = "layers[" + std::to_string(i) + "]";
    if (l.units < 1 || l.units > 1'000'000'000) bad(at + ".units must be >= 1");
    if (!(l.dropout >= 0.0f && l.dropout < 1.0f)) bad(at + ".dropout must be in [0, 1)");
    if (!std::isfinite(l.alpha)) bad(at + ".alpha must be finite");
  }
  std::set<int32_t> cols;
  if (s.embeddings.size() > 4) bad("at most 4 embeddings");
  for (const auto& e : s.embeddings) {
    if (e.column < 0 || e.column >= s.inputs) bad("embedding column outside the inputs");
    if (!cols.insert(e.column).second) bad("two embeddings read the same column");
    if (e.cardinality < 1 || e.cardinality > 10'000'000 || e.dim < 1 || e.dim > 4096) bad("embedding cardinality or dim out of range");
  }
}

}  // namespace studio
