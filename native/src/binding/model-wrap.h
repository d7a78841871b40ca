// NativeModel, the JS class over one engine model. Each method says whether it is sync or async.
#pragma once
#include <memory>
#include <napi.h>

#include "../runtime/model.h"

namespace studio {

class ModelWrap : public Napi::ObjectWrap<ModelWrap> {
 public:
  /** Defines the class and remembers its constructor for load(). */
  static Napi::Function Init(Napi::Env env);
  /** sync: new NativeModel(spec, memoryLimitMb, meta) */
  explicit ModelWrap(const Napi::CallbackInfo& info);

 private:
  /** async: train(X, y, rows, options, validation | null, onProgress | null) -> Promise<result> */
  Napi::Value Train(const Napi::CallbackInfo& info);
  /** sync: cancel() asks a running training to stop at the next step */
  Napi::Value Cancel(const Napi::CallbackInfo& info);
  /** async: predict(X, rows) -> Promise<Float32Array> */
  Napi::Value Predict(const Napi::CallbackInfo& info);
  /** sync: predictOne(row) -> number, on the calling thread */
  Napi::Value PredictOne(const Napi::CallbackInfo& info);
  /** sync: save() -> Uint8Array in the format of native/FORMAT.md */
  Napi::Value Save(const Napi::CallbackInfo& info);
  /** sync: info() -> { parameters, meta, memory } */
  Napi::Value Info(const Napi::CallbackInfo& info);
  /** sync: dispose() releases the model (a running training is cancelled first) */
  Napi::Value Dispose(const Napi::CallbackInfo& info);
  /** sync: NativeModel.load(bytes, memoryLimitMb) */
  static Napi::Value Load(const Napi::CallbackInfo& info);

  std::shared_ptr<Model> live(Napi::Env env) const;
  std::shared_ptr<Model> model_;
};

}  // namespace studio
