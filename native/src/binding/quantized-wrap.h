// NativeQuantizedModel, the JS class over one INT8 model. Each method says whether it is sync or async.
#pragma once
#include <memory>
#include <napi.h>

#include "../quant/quantized-model.h"

namespace studio {

class QuantizedWrap : public Napi::ObjectWrap<QuantizedWrap> {
 public:
  /** Defines the class. */
  static Napi::Function Init(Napi::Env env);
  /** Only quantize() and load() construct instances. */
  explicit QuantizedWrap(const Napi::CallbackInfo& info);

 private:
  /** async: NativeQuantizedModel.quantize(fp32Bytes, X, rows, method, percentile) -> Promise<NativeQuantizedModel> */
  static Napi::Value Quantize(const Napi::CallbackInfo& info);
  /** sync: NativeQuantizedModel.load(bytes) from a version-2 file */
  static Napi::Value Load(const Napi::CallbackInfo& info);
  /** async: predict(X, rows) -> Promise<Float32Array> */
  Napi::Value Predict(const Napi::CallbackInfo& info);
  /** sync: predictOne(row) -> number, on the calling thread */
  Napi::Value PredictOne(const Napi::CallbackInfo& info);
  /** sync: save() -> Uint8Array (native/FORMAT.md, version 2) */
  Napi::Value Save(const Napi::CallbackInfo& info);
  /** sync: info() -> { meta, fp32WeightBytes, int8WeightBytes, activationScales } */
  Napi::Value Info(const Napi::CallbackInfo& info);
  /** sync: dispose() releases the model (running predictions keep their own reference) */
  Napi::Value Dispose(const Napi::CallbackInfo& info);

  std::shared_ptr<const quant::QuantizedModel> live(Napi::Env env) const;
  std::shared_ptr<const quant::QuantizedModel> model_;
};

}  // namespace studio
