// The model program the TS side sends: a logistic regression or an MLP (see packages/engine).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "../ops/op.h"

namespace studio {

enum class ModelKind : uint8_t { Logistic = 0, Mlp = 1 };
enum class Norm : uint8_t { None = 0, Layer = 1, Batch = 2 };

struct LayerSpec {
  int32_t units = 0;
  Act act = Act::Relu;
  float alpha = 0.01f;  // leaky relu slope
  float dropout = 0.0f;
  Norm norm = Norm::None;
};

struct EmbeddingSpec {
  int32_t column = 0;       // input column holding integer codes 0..cardinality-1
  int32_t cardinality = 0;
  int32_t dim = 0;
};

struct ModelSpec {
  ModelKind kind = ModelKind::Logistic;
  int32_t inputs = 0;
  int32_t classes = 2;  // 2: one logit with BCE; >2: softmax cross-entropy
  float l1 = 0.0f;
  float l2 = 0.0f;
  float neg_weight = 1.0f;  // class weights of targets 0 and 1 (binary models)
  float pos_weight = 1.0f;
  std::vector<int8_t> sign;  // per input: -1, 0 or +1 (logistic only)
  std::vector<LayerSpec> layers;
  std::vector<EmbeddingSpec> embeddings;
};

/** Throws EngineError(BadSpec) with a message naming the offending field. */
void validate_spec(const ModelSpec& spec);
/** Number of logits the model produces. */
inline int32_t output_width(const ModelSpec& s) { return s.classes > 2 ? s.classes : 1; }

}  // namespace studio
