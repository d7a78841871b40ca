// Entry point of the @studio/native addon.
#include <napi.h>
#include <thread>

#include "../backend/backend.h"
#include "../core/thread-pool.h"
#include "../cpu/simd.h"
#include "../quant/int8-dense-cpu.h"
#include "checks-wrap.h"
#include "csv-wrap.h"
#include "gbm-wrap.h"
#include "model-wrap.h"
#include "quantized-wrap.h"
#include "score-order-wrap.h"
#include "stats-wrap.h"
#include "transforms-wrap.h"

namespace studio {

namespace {

/** sync: backendInfo() -> { backends, cuda: { compiled, devices, error? }, threads, simd, int8 } */
Napi::Value BackendInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const CudaInfo cuda = cuda_info();
  Napi::Array backends = Napi::Array::New(env);
  backends.Set(uint32_t(0), "cpu");
  if (cuda_backend() != nullptr) backends.Set(uint32_t(1), "cuda");
  Napi::Object c = Napi::Object::New(env);
  c.Set("compiled", cuda.compiled);
  c.Set("devices", cuda.devices);
  if (!cuda.error.empty()) c.Set("error", cuda.error);
  Napi::Object o = Napi::Object::New(env);
  o.Set("backends", backends);
  o.Set("cuda", c);
  o.Set("threads", ThreadPool::global().size());
  o.Set("simd", fp32_isa_name(fp32_isa()));             // ISA of the fp32 dense kernels
  o.Set("int8", quant::int8_isa_name(quant::int8_isa()));  // the CPU INT8 dense kernel in use
  return o;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("backendInfo", Napi::Function::New(env, BackendInfo, "backendInfo"));
  exports.Set("NativeModel", ModelWrap::Init(env));
  exports.Set("NativeQuantizedModel", QuantizedWrap::Init(env));
  exports.Set("NativeGbm", GbmWrap::Init(env));
  InitStats(env, exports);
  InitCsv(env, exports);
  InitTransforms(env, exports);
  InitChecks(env, exports);
  InitScoreOrder(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(studio_native, Init)

}  // namespace studio
