// NativeGbm, the JS class over one gradient-boosted tree model. Each method says whether it is sync or async.
#pragma once
#include <memory>
#include <napi.h>

#include "../gbm/gbm.h"

namespace studio {

class GbmWrap : public Napi::ObjectWrap<GbmWrap> {
 public:
  /** Defines the class. */
  static Napi::Function Init(Napi::Env env);
  /** Only train() and load() construct instances. */
  explicit GbmWrap(const Napi::CallbackInfo& info);

 private:
  /** async: NativeGbm.train(x, rows, cols, y, valid|null, options, onProgress|null) -> { promise, cancel() } */
  static Napi::Value Train(const Napi::CallbackInfo& info);
  /** sync: NativeGbm.load(bytes) from a version-3 file */
  static Napi::Value Load(const Napi::CallbackInfo& info);
  /** sync: info() -> { cols, trees, bestIteration, expectedValue, history } */
  Napi::Value Info(const Napi::CallbackInfo& info);
  /** async: predictRaw(x, rows) -> Promise<Float64Array> of log-odds */
  Napi::Value PredictRaw(const Napi::CallbackInfo& info);
  /** sync: predictRawOne(row) -> number */
  Napi::Value PredictRawOne(const Napi::CallbackInfo& info);
  /** async: shap(x, rows) -> Promise<Float64Array> rows x (cols + 1) */
  Napi::Value Shap(const Napi::CallbackInfo& info);
  /** sync: shapOne(row) -> Float64Array(cols + 1) */
  Napi::Value ShapOne(const Napi::CallbackInfo& info);
  /** sync: explainOne(row, out) -> number: the raw score, and TreeSHAP into `out` (a caller-owned
   *  Float64Array(cols + 1), reused across calls so the serving path allocates nothing per row) */
  Napi::Value ExplainOne(const Napi::CallbackInfo& info);
  /** sync: importance() -> { gain: Float64Array, splits: Uint32Array } */
  Napi::Value Importance(const Napi::CallbackInfo& info);
  /** sync: save() -> Uint8Array (native/FORMAT.md, version 3) */
  Napi::Value Save(const Napi::CallbackInfo& info);
  /** sync: dump() -> the studio-gbm-trees object */
  Napi::Value Dump(const Napi::CallbackInfo& info);
  /** sync: dispose() releases the model (running predictions keep their own reference) */
  Napi::Value Dispose(const Napi::CallbackInfo& info);

  std::shared_ptr<const gbm::GbmModel> live(Napi::Env env) const;
  std::shared_ptr<const gbm::GbmModel> model_;
};

}  // namespace studio
