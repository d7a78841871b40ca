// The dataset checks' column passes and `takeRows`' gather exposed to JS (synchronous, one thread: a column of
// 150k rows takes well under a millisecond, less than handing it to the pool).
#include <napi.h>

#include <algorithm>
#include <climits>
#include <string>
#include <vector>

#include "../checks/column-checks.h"
#include "js-args.h"
#include "checks-wrap.h"

namespace studio {

namespace {

/** An optional outcome array (undefined: every row a good) of length n. */
const uint8_t* outcomes_arg(const Napi::CallbackInfo& info, size_t i, size_t n) {
  if (info[i].IsUndefined() || info[i].IsNull()) return nullptr;
  Napi::Uint8Array y = typed_arg<Napi::Uint8Array>(info, i, napi_uint8_array, "y", "Uint8Array");
  if (y.ElementLength() != n) throw Napi::RangeError::New(info.Env(), "values and y must have the same length");
  return y.Data();
}

double number_arg(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (!info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a number");
  return info[i].As<Napi::Number>().DoubleValue();
}

void arity(const Napi::CallbackInfo& info, size_t n, const char* name) {
  if (info.Length() != n)
    throw Napi::TypeError::New(info.Env(), std::string(name) + " takes " + std::to_string(n) + " arguments");
}

/** sync: checkScanValues(values, y | undefined, state) — state (14 doubles) updated in place. */
Napi::Value ScanValues(const Napi::CallbackInfo& info) {
  arity(info, 3, "checkScanValues");
  Napi::Float64Array values = f64_arg(info, 0, "values");
  const uint8_t* y = outcomes_arg(info, 1, values.ElementLength());
  Napi::Float64Array st = f64_arg(info, 2, "state");
  if (st.ElementLength() != size_t(kScanState)) throw Napi::RangeError::New(info.Env(), "state must hold 14 values");
  scan_values(values.Data(), y, int64_t(values.ElementLength()), st.Data());
  return info.Env().Undefined();
}

/** sync: checkScanCategories(codes, y | undefined, goods, bads) — goods/bads (levels + 1) counted into. */
Napi::Value ScanCategories(const Napi::CallbackInfo& info) {
  arity(info, 4, "checkScanCategories");
  Napi::Int32Array codes = typed_arg<Napi::Int32Array>(info, 0, napi_int32_array, "codes", "Int32Array");
  const uint8_t* y = outcomes_arg(info, 1, codes.ElementLength());
  Napi::Float64Array goods = f64_arg(info, 2, "goods");
  Napi::Float64Array bads = f64_arg(info, 3, "bads");
  if (goods.ElementLength() != bads.ElementLength())
    throw Napi::RangeError::New(info.Env(), "goods and bads must have the same length");
  scan_categories(codes.Data(), y, int64_t(codes.ElementLength()), goods.Data(), bads.Data(),
                  int64_t(goods.ElementLength()));
  return info.Env().Undefined();
}

/** sync: checkAucBounds(values, y, min, scale, buckets, missingGoods, missingBads, goods, bads, out). */
Napi::Value AucBounds(const Napi::CallbackInfo& info) {
  arity(info, 10, "checkAucBounds");
  Napi::Float64Array values = f64_arg(info, 0, "values");
  const uint8_t* y = outcomes_arg(info, 1, values.ElementLength());
  if (y == nullptr) throw Napi::TypeError::New(info.Env(), "y must be a Uint8Array");
  const double min = number_arg(info, 2, "min");
  const double scale = number_arg(info, 3, "scale");
  const double buckets = number_arg(info, 4, "buckets");
  if (!(buckets >= 1 && buckets <= 1 << 20) || buckets != double(int64_t(buckets)))
    throw Napi::RangeError::New(info.Env(), "buckets must be an integer between 1 and 2^20");
  Napi::Float64Array out = f64_arg(info, 9, "out");
  if (out.ElementLength() != 2) throw Napi::RangeError::New(info.Env(), "out must hold 2 values");
  scan_auc_bounds(values.Data(), y, int64_t(values.ElementLength()), min, scale, int64_t(buckets),
                  number_arg(info, 5, "missingGoods"), number_arg(info, 6, "missingBads"),
                  number_arg(info, 7, "goods"), number_arg(info, 8, "bads"), out.Data());
  return info.Env().Undefined();
}

/** sync: checkTallyAuc(values, y) -> the exact single-column AUC (unfolded). */
Napi::Value TallyAuc(const Napi::CallbackInfo& info) {
  arity(info, 2, "checkTallyAuc");
  Napi::Float64Array values = f64_arg(info, 0, "values");
  const uint8_t* y = outcomes_arg(info, 1, values.ElementLength());
  if (y == nullptr) throw Napi::TypeError::New(info.Env(), "y must be a Uint8Array");
  return Napi::Number::New(info.Env(), tally_auc(values.Data(), y, int64_t(values.ElementLength())));
}

/** sync: checkTopCount(values) -> rows of the most frequent filled value. */
Napi::Value TopCount(const Napi::CallbackInfo& info) {
  arity(info, 1, "checkTopCount");
  Napi::Float64Array values = f64_arg(info, 0, "values");
  return Napi::Number::New(info.Env(), double(top_count(values.Data(), int64_t(values.ElementLength()))));
}

/** sync: checkAnyRepeat(values) -> whether a filled value occurs twice. */
Napi::Value AnyRepeat(const Napi::CallbackInfo& info) {
  arity(info, 1, "checkAnyRepeat");
  Napi::Float64Array values = f64_arg(info, 0, "values");
  return Napi::Boolean::New(info.Env(), any_repeat(values.Data(), int64_t(values.ElementLength())));
}

/** sync: checkCountEqual(values, c) -> rows whose value == c. */
Napi::Value CountEqual(const Napi::CallbackInfo& info) {
  arity(info, 2, "checkCountEqual");
  Napi::Float64Array values = f64_arg(info, 0, "values");
  const double c = number_arg(info, 1, "c");
  return Napi::Number::New(info.Env(), double(count_equal(values.Data(), int64_t(values.ElementLength()), c)));
}

/** sync: shuffleMulberry32(order, state): order shuffled in place, state (Int32Array of 1) advanced. */
Napi::Value ShuffleMulberry32(const Napi::CallbackInfo& info) {
  arity(info, 2, "shuffleMulberry32");
  Napi::Int32Array order = typed_arg<Napi::Int32Array>(info, 0, napi_int32_array, "order", "Int32Array");
  Napi::Int32Array state = typed_arg<Napi::Int32Array>(info, 1, napi_int32_array, "state", "Int32Array");
  if (state.ElementLength() != 1) throw Napi::RangeError::New(info.Env(), "state must hold 1 value");
  shuffle_mulberry32(order.Data(), int64_t(order.ElementLength()), state.Data());
  return info.Env().Undefined();
}

/**
 * sync: gatherColumns(columns, index) -> ArrayBuffer: each column (Float64Array or Int32Array) gathered at `index`
 * into one buffer from `alloc_columns`, column k at the sum of the spans (`column_span`) of the columns before it.
 */
Napi::Value GatherColumns(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  arity(info, 2, "gatherColumns");
  if (!info[0].IsArray()) throw Napi::TypeError::New(env, "columns must be an array");
  Napi::Array columns = info[0].As<Napi::Array>();
  Napi::Int32Array index = typed_arg<Napi::Int32Array>(info, 1, napi_int32_array, "index", "Int32Array");
  const int64_t n = int64_t(index.ElementLength());
  const int32_t* at = index.Data();
  std::vector<Napi::TypedArray> from;
  size_t bytes = 0;
  int64_t shortest = INT64_MAX;
  for (uint32_t k = 0; k < columns.Length(); k++) {
    Napi::Value v = columns.Get(k);
    if (!v.IsTypedArray()) throw Napi::TypeError::New(env, "each column must be a Float64Array or Int32Array");
    Napi::TypedArray a = v.As<Napi::TypedArray>();
    const napi_typedarray_type type = a.TypedArrayType();
    if (type != napi_float64_array && type != napi_int32_array)
      throw Napi::TypeError::New(env, "each column must be a Float64Array or Int32Array");
    bytes += column_span(n, type == napi_float64_array ? 8 : 4);
    shortest = std::min(shortest, int64_t(a.ElementLength()));
    from.push_back(a);
  }
  for (int64_t i = 0; i < n; i++)
    if (at[i] < 0 || at[i] >= shortest) throw Napi::RangeError::New(env, "a row index is out of range");
  if (bytes == 0) return Napi::ArrayBuffer::New(env, 0);
  void* data = alloc_columns(bytes);
  if (data == nullptr) throw Napi::Error::New(env, "out of memory for the gathered columns");
  char* out = static_cast<char*>(data);
  for (const Napi::TypedArray& a : from) {
    if (a.TypedArrayType() == napi_float64_array) {
      gather_f64(a.As<Napi::Float64Array>().Data(), at, n, reinterpret_cast<double*>(out));
      out += column_span(n, 8);
    } else {
      gather_i32(a.As<Napi::Int32Array>().Data(), at, n, reinterpret_cast<int32_t*>(out));
      out += column_span(n, 4);
    }
  }
  return Napi::ArrayBuffer::New(env, data, bytes, [](Napi::Env, void* p) { free_columns(p); });
}

/** sync: firstDistinct(values, first, out): out = [distinct values written to first, NaN rows]. */
Napi::Value FirstDistinct(const Napi::CallbackInfo& info) {
  arity(info, 3, "firstDistinct");
  Napi::Float64Array values = f64_arg(info, 0, "values");
  Napi::Float64Array first = f64_arg(info, 1, "first");
  Napi::Float64Array out = f64_arg(info, 2, "out");
  if (out.ElementLength() != 2) throw Napi::RangeError::New(info.Env(), "out must hold 2 values");
  int64_t missing = 0;
  const int64_t found = first_distinct(values.Data(), int64_t(values.ElementLength()), first.Data(),
                                       int64_t(first.ElementLength()), &missing);
  out[0] = double(found);
  out[1] = double(missing);
  return info.Env().Undefined();
}

/** sync: equalMask(values, bad, y): y[i] = values[i] === bad ? 1 : 0. */
Napi::Value EqualMask(const Napi::CallbackInfo& info) {
  arity(info, 3, "equalMask");
  Napi::Float64Array values = f64_arg(info, 0, "values");
  const double bad = number_arg(info, 1, "bad");
  Napi::Uint8Array y = typed_arg<Napi::Uint8Array>(info, 2, napi_uint8_array, "y", "Uint8Array");
  if (y.ElementLength() != values.ElementLength())
    throw Napi::RangeError::New(info.Env(), "values and y must have the same length");
  equal_mask(values.Data(), int64_t(values.ElementLength()), bad, y.Data());
  return info.Env().Undefined();
}

/** sync: classCounts(y, out): out = [rows with outcome 0, rows with outcome 1]. */
Napi::Value ClassCounts(const Napi::CallbackInfo& info) {
  arity(info, 2, "classCounts");
  Napi::Uint8Array y = typed_arg<Napi::Uint8Array>(info, 0, napi_uint8_array, "y", "Uint8Array");
  Napi::Float64Array out = f64_arg(info, 1, "out");
  if (out.ElementLength() != 2) throw Napi::RangeError::New(info.Env(), "out must hold 2 values");
  int64_t zeros = 0, ones = 0;
  class_counts(y.Data(), int64_t(y.ElementLength()), &zeros, &ones);
  out[0] = double(zeros);
  out[1] = double(ones);
  return info.Env().Undefined();
}

/** sync: stratifiedSides(y, k0, k1, seed, train, test): the sides of a stratified split (column-checks.h). */
Napi::Value StratifiedSides(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  arity(info, 6, "stratifiedSides");
  Napi::Uint8Array y = typed_arg<Napi::Uint8Array>(info, 0, napi_uint8_array, "y", "Uint8Array");
  const double k0 = number_arg(info, 1, "k0");
  const double k1 = number_arg(info, 2, "k1");
  const double seed = number_arg(info, 3, "seed");
  Napi::Int32Array train = typed_arg<Napi::Int32Array>(info, 4, napi_int32_array, "train", "Int32Array");
  Napi::Int32Array test = typed_arg<Napi::Int32Array>(info, 5, napi_int32_array, "test", "Int32Array");
  const int64_t n = int64_t(y.ElementLength());
  int64_t zeros = 0, ones = 0;
  class_counts(y.Data(), n, &zeros, &ones);
  if (!(k0 >= 0 && k0 <= double(zeros) && k1 >= 0 && k1 <= double(ones)) || k0 != double(int64_t(k0)) ||
      k1 != double(int64_t(k1)))
    throw Napi::RangeError::New(env, "k0 and k1 must be whole numbers up to each class's rows");
  if (seed != double(int32_t(seed))) throw Napi::RangeError::New(env, "seed must be a 32-bit integer");
  if (int64_t(test.ElementLength()) != int64_t(k0) + int64_t(k1) ||
      int64_t(train.ElementLength()) != n - int64_t(test.ElementLength()))
    throw Napi::RangeError::New(env, "test must hold k0 + k1 rows and train the others");
  stratified_sides(y.Data(), n, int64_t(k0), int64_t(k1), int32_t(seed), train.Data(), test.Data());
  return env.Undefined();
}

/** sync: gatherRows(from, index, out): out[i] = from[index[i]], Float64/Int32/Uint8 arrays of one type. */
Napi::Value GatherRows(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  arity(info, 3, "gatherRows");
  if (!info[0].IsTypedArray() || !info[2].IsTypedArray())
    throw Napi::TypeError::New(env, "from and out must be typed arrays");
  Napi::TypedArray from = info[0].As<Napi::TypedArray>();
  Napi::TypedArray out = info[2].As<Napi::TypedArray>();
  Napi::Int32Array index = typed_arg<Napi::Int32Array>(info, 1, napi_int32_array, "index", "Int32Array");
  const napi_typedarray_type type = from.TypedArrayType();
  if (out.TypedArrayType() != type) throw Napi::TypeError::New(env, "from and out must be of one type");
  if (out.ElementLength() != index.ElementLength())
    throw Napi::RangeError::New(env, "out must have the length of index");
  const int64_t n = int64_t(index.ElementLength());
  const int64_t size = int64_t(from.ElementLength());
  const int32_t* at = index.Data();
  for (int64_t i = 0; i < n; i++)
    if (at[i] < 0 || at[i] >= size) throw Napi::RangeError::New(env, "a row index is out of range");
  if (type == napi_float64_array)
    gather_f64(from.As<Napi::Float64Array>().Data(), at, n, out.As<Napi::Float64Array>().Data());
  else if (type == napi_int32_array)
    gather_i32(from.As<Napi::Int32Array>().Data(), at, n, out.As<Napi::Int32Array>().Data());
  else if (type == napi_uint8_array)
    gather_u8(from.As<Napi::Uint8Array>().Data(), at, n, out.As<Napi::Uint8Array>().Data());
  else
    throw Napi::TypeError::New(env, "gatherRows takes Float64Array, Int32Array or Uint8Array columns");
  return env.Undefined();
}

}  // namespace

void InitChecks(Napi::Env env, Napi::Object exports) {
  exports.Set("checkScanValues", Napi::Function::New(env, ScanValues, "checkScanValues"));
  exports.Set("checkScanCategories", Napi::Function::New(env, ScanCategories, "checkScanCategories"));
  exports.Set("checkAucBounds", Napi::Function::New(env, AucBounds, "checkAucBounds"));
  exports.Set("checkTallyAuc", Napi::Function::New(env, TallyAuc, "checkTallyAuc"));
  exports.Set("checkTopCount", Napi::Function::New(env, TopCount, "checkTopCount"));
  exports.Set("checkAnyRepeat", Napi::Function::New(env, AnyRepeat, "checkAnyRepeat"));
  exports.Set("checkCountEqual", Napi::Function::New(env, CountEqual, "checkCountEqual"));
  exports.Set("shuffleMulberry32", Napi::Function::New(env, ShuffleMulberry32, "shuffleMulberry32"));
  exports.Set("gatherColumns", Napi::Function::New(env, GatherColumns, "gatherColumns"));
  exports.Set("firstDistinct", Napi::Function::New(env, FirstDistinct, "firstDistinct"));
  exports.Set("equalMask", Napi::Function::New(env, EqualMask, "equalMask"));
  exports.Set("classCounts", Napi::Function::New(env, ClassCounts, "classCounts"));
  exports.Set("stratifiedSides", Napi::Function::New(env, StratifiedSides, "stratifiedSides"));
  exports.Set("gatherRows", Napi::Function::New(env, GatherRows, "gatherRows"));
}

}  // namespace studio
