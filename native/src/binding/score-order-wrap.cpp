// The evaluation screen's native pass exposed to JS (synchronous; one thread: the inputs are held-out rows).
#include "score-order-wrap.h"

#include <algorithm>
#include <string>
#include <vector>

#include "../stats/score-order.h"
#include "js-args.h"

namespace studio {

namespace {

/** sync: scoreOrderDesc(score, order) -> boolean (false when a score is NaN; see score-order.h). */
Napi::Value ScoreOrderDescJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 2) throw Napi::TypeError::New(env, "scoreOrderDesc takes 2 arguments");
  Napi::Float64Array score = f64_arg(info, 0, "score");
  if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_uint32_array)
    throw Napi::TypeError::New(env, "order must be a Uint32Array");
  Napi::Uint32Array order = info[1].As<Napi::Uint32Array>();
  if (order.ElementLength() != score.ElementLength())
    throw Napi::RangeError::New(env, "score and order must have the same length");
  if (score.ElementLength() >= (size_t(1) << 32)) throw Napi::RangeError::New(env, "too many scores");
  return Napi::Boolean::New(env, score_order_desc(score.Data(), int64_t(score.ElementLength()), order.Data()));
}

/**
 * sync: evaluationPass(y, score, bands, rocPoints, steps, step) -> { totalBad, ks, ksAt, bandStart, bandEnd,
 * bandMin, bandMax, bandBads, bandScoreSum, u, rocGoods, rocBads, brierSum, cutBad, cutGood } | null (null:
 * a label not 0/1, a score not finite or one class only; the caller's reference path reports it).
 */
Napi::Value EvaluationPassJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 6) throw Napi::TypeError::New(env, "evaluationPass takes 6 arguments");
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throw Napi::TypeError::New(env, "y must be a Uint8Array");
  Napi::Uint8Array y = info[0].As<Napi::Uint8Array>();
  Napi::Float64Array score = f64_arg(info, 1, "score");
  for (size_t i = 2; i < 6; i++)
    if (!info[i].IsNumber()) throw Napi::TypeError::New(env, "bands, rocPoints, steps and step must be numbers");
  const int64_t bands = info[2].As<Napi::Number>().Int64Value();
  const int64_t roc = info[3].As<Napi::Number>().Int64Value();
  const int64_t steps = info[4].As<Napi::Number>().Int64Value();
  const double step = info[5].As<Napi::Number>().DoubleValue();
  if (y.ElementLength() != score.ElementLength())
    throw Napi::RangeError::New(env, "y and score must have the same length");
  if (score.ElementLength() >= (size_t(1) << 32)) throw Napi::RangeError::New(env, "too many scores");
  if (bands < 1 || bands > 1000000 || roc < 1 || roc > 1000000 || steps < 0 || steps > 10000000 || !(step > 0))
    throw Napi::RangeError::New(env, "evaluationPass: bands, rocPoints, steps or step out of range");
  EvaluationPass r;
  if (!evaluation_pass(y.Data(), score.Data(), int64_t(score.ElementLength()), bands, roc, steps, step, r))
    return env.Null();
  Napi::Object o = Napi::Object::New(env);
  o.Set("totalBad", r.total_bad);
  o.Set("ks", r.ks);
  o.Set("ksAt", r.ks_at);
  o.Set("bandStart", to_js(env, r.band_start));
  o.Set("bandEnd", to_js(env, r.band_end));
  o.Set("bandMin", to_js(env, r.band_min));
  o.Set("bandMax", to_js(env, r.band_max));
  o.Set("bandBads", to_js(env, r.band_bads));
  o.Set("bandScoreSum", to_js(env, r.band_score_sum));
  o.Set("u", r.u);
  o.Set("rocGoods", to_js(env, r.roc_goods));
  o.Set("rocBads", to_js(env, r.roc_bads));
  o.Set("brierSum", r.brier_sum);
  o.Set("cutBad", to_js(env, r.cut_bad));
  o.Set("cutGood", to_js(env, r.cut_good));
  return o;
}

}  // namespace

void InitScoreOrder(Napi::Env env, Napi::Object exports) {
  exports.Set("scoreOrderDesc", Napi::Function::New(env, ScoreOrderDescJs, "scoreOrderDesc"));
  exports.Set("evaluationPass", Napi::Function::New(env, EvaluationPassJs, "evaluationPass"));
}

}  // namespace studio
