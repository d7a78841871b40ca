// sync: the column transform kernels (native/src/transforms/column-transforms.h) on the calling thread: a few
// milliseconds a column, less than a hop to the pool would cost.
#include <napi.h>

#include <string>
#include <vector>

#include "../transforms/column-transforms.h"
#include "../transforms/matrix-memory.h"
#include "js-args.h"
#include "transforms-wrap.h"

namespace studio {

namespace {

double number_arg(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (!info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a number");
  return info[i].As<Napi::Number>().DoubleValue();
}

/** sync: columnMedian(values, scaled, mean, scale) -> [present, median] (see column_median). */
Napi::Value ColumnMedianJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 4) throw Napi::TypeError::New(env, "columnMedian takes 4 arguments");
  Napi::Float64Array values = f64_arg(info, 0, "values");
  if (!info[1].IsBoolean()) throw Napi::TypeError::New(env, "scaled must be a boolean");
  const bool scaled = info[1].As<Napi::Boolean>().Value();
  const double mean = number_arg(info, 2, "mean");
  const double scale = number_arg(info, 3, "scale");
  int64_t present = 0;
  const double median =
      column_median(values.Data(), int64_t(values.ElementLength()), scaled, mean, scale, &present);
  Napi::Array out = Napi::Array::New(env, 2);
  out.Set(uint32_t(0), Napi::Number::New(env, double(present)));
  out.Set(uint32_t(1), Napi::Number::New(env, median));
  return out;
}

/** sync: columnMeanStd(values) -> [mean, std] (see column_mean_std). */
Napi::Value ColumnMeanStdJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 1) throw Napi::TypeError::New(env, "columnMeanStd takes 1 argument");
  Napi::Float64Array values = f64_arg(info, 0, "values");
  double mean = 0, std = 0;
  column_mean_std(values.Data(), int64_t(values.ElementLength()), &mean, &std);
  Napi::Array out = Napi::Array::New(env, 2);
  out.Set(uint32_t(0), Napi::Number::New(env, mean));
  out.Set(uint32_t(1), Napi::Number::New(env, std));
  return out;
}

/**
 * sync: packColumns(X, rows, columns, params, blockRows) -> 0 complete | 1 a gap is left. `columns[j]` is a
 * Float64Array of rows values, or an Int32Array of rows codes whose byCode is `columns[width + j]` (a
 * Float64Array); params holds fill_a, mean, scale, fill_b per feature (4·width); X is a Float32Array of
 * rows·width. A code outside its byCode is a RangeError.
 */
Napi::Value PackColumnsJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 5) throw Napi::TypeError::New(env, "packColumns takes 5 arguments");
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array)
    throw Napi::TypeError::New(env, "X must be a Float32Array");
  Napi::Float32Array X = info[0].As<Napi::Float32Array>();
  const double rows_d = number_arg(info, 1, "rows");
  if (!info[2].IsArray()) throw Napi::TypeError::New(env, "columns must be an array");
  Napi::Array columns = info[2].As<Napi::Array>();
  Napi::Float64Array params = f64_arg(info, 3, "params");
  const double block_d = number_arg(info, 4, "blockRows");
  const int64_t width = int64_t(params.ElementLength() / 4);
  if (rows_d < 0 || rows_d != double(int64_t(rows_d)) || block_d < 1 || block_d != double(int64_t(block_d)) ||
      params.ElementLength() != size_t(width) * 4 || columns.Length() != uint32_t(2 * width))
    throw Napi::RangeError::New(env, "packColumns: rows, blockRows, params or columns out of range");
  const int64_t rows = int64_t(rows_d);
  if (X.ElementLength() != size_t(rows * width))
    throw Napi::RangeError::New(env, "packColumns: X must hold rows × features values");
  std::vector<PackColumn> cols(static_cast<size_t>(width));
  for (int64_t j = 0; j < width; j++) {
    Napi::Value c = columns.Get(uint32_t(j));
    if (!c.IsTypedArray()) throw Napi::TypeError::New(env, "a column must be a Float64Array or an Int32Array");
    Napi::TypedArray t = c.As<Napi::TypedArray>();
    PackColumn& p = cols[size_t(j)];
    if (t.ElementLength() != size_t(rows)) throw Napi::RangeError::New(env, "a column must hold rows values");
    if (t.TypedArrayType() == napi_float64_array) {
      p.values = c.As<Napi::Float64Array>().Data();
      p.fill_a = params[size_t(4 * j)];
      p.mean = params[size_t(4 * j + 1)];
      p.scale = params[size_t(4 * j + 2)];
      p.fill_b = params[size_t(4 * j + 3)];
    } else if (t.TypedArrayType() == napi_int32_array) {
      Napi::Value b = columns.Get(uint32_t(width + j));
      if (!b.IsTypedArray() || b.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array)
        throw Napi::TypeError::New(env, "a coded column's byCode must be a Float64Array");
      p.codes = c.As<Napi::Int32Array>().Data();
      p.by_code = b.As<Napi::Float64Array>().Data();
      p.by_code_len = int64_t(b.As<Napi::Float64Array>().ElementLength());
    } else {
      throw Napi::TypeError::New(env, "a column must be a Float64Array or an Int32Array");
    }
  }
  const PackResult r = pack_columns(cols.data(), width, rows, int64_t(block_d), X.Data());
  if (r == PackResult::bad_code) throw Napi::RangeError::New(env, "packColumns: a code is outside its byCode");
  return Napi::Number::New(env, r == PackResult::gap ? 1 : 0);
}

/** sync: countNaN(values) -> how many values are NaN. */
Napi::Value CountNaNJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 1) throw Napi::TypeError::New(env, "countNaN takes 1 argument");
  Napi::Float64Array values = f64_arg(info, 0, "values");
  return Napi::Number::New(env, double(count_nan(values.Data(), int64_t(values.ElementLength()))));
}

/** sync: codeCounts(codes, counts): rows per code + 1 into counts (levels + 1 entries, a gap's first). */
Napi::Value CodeCountsJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 2) throw Napi::TypeError::New(env, "codeCounts takes 2 arguments");
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array)
    throw Napi::TypeError::New(env, "codes must be an Int32Array");
  Napi::Int32Array codes = info[0].As<Napi::Int32Array>();
  Napi::Float64Array counts = f64_arg(info, 1, "counts");
  if (counts.ElementLength() < 1) throw Napi::RangeError::New(env, "counts must hold levels + 1 values");
  code_counts(codes.Data(), int64_t(codes.ElementLength()), int64_t(counts.ElementLength()) - 1, counts.Data());
  return env.Undefined();
}

/** sync: fillGaps(values, fill, out, flag | null): out = values with NaN as fill; flag[i] = 1 at each gap. */
Napi::Value FillGapsJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 4) throw Napi::TypeError::New(env, "fillGaps takes 4 arguments");
  Napi::Float64Array values = f64_arg(info, 0, "values");
  const double fill = number_arg(info, 1, "fill");
  Napi::Float64Array out = f64_arg(info, 2, "out");
  double* flag = nullptr;
  if (!info[3].IsNull()) {
    Napi::Float64Array f = f64_arg(info, 3, "flag");
    if (f.ElementLength() != values.ElementLength()) throw Napi::RangeError::New(env, "flag must match values");
    flag = f.Data();
  }
  if (out.ElementLength() != values.ElementLength()) throw Napi::RangeError::New(env, "out must match values");
  fill_gaps(values.Data(), int64_t(values.ElementLength()), fill, out.Data(), flag);
  return env.Undefined();
}

/**
 * sync: hugeBuffer(bytes) -> a zero-filled ArrayBuffer of `bytes` on huge-page memory (matrix-memory.h), or
 * null when it cannot be mapped (the caller then allocates one itself). Its memory is unmapped when the buffer
 * is collected, and counted as external memory meanwhile (so the collector sees it).
 */
Napi::Value HugeBufferJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 1) throw Napi::TypeError::New(env, "hugeBuffer takes 1 argument");
  const double length = number_arg(info, 0, "bytes");
  if (!(length >= 1 && length <= 1e13) || length != double(int64_t(length)))
    throw Napi::RangeError::New(env, "hugeBuffer: bytes out of range");
  const size_t bytes = size_t(length);
  MatrixMemory* m = new MatrixMemory(matrix_memory(bytes));
  if (m->data == nullptr) {
    delete m;
    return env.Null();
  }
  Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(
      env, m->data, bytes,
      [](Napi::Env e, void*, MatrixMemory* mem) {
        Napi::MemoryManagement::AdjustExternalMemory(e, -int64_t(mem->mapped));
        release_matrix_memory(*mem);
        delete mem;
      },
      m);
  Napi::MemoryManagement::AdjustExternalMemory(env, int64_t(m->mapped));
  return buffer;
}

}  // namespace

void InitTransforms(Napi::Env env, Napi::Object exports) {
  exports.Set("columnMedian", Napi::Function::New(env, ColumnMedianJs, "columnMedian"));
  exports.Set("columnMeanStd", Napi::Function::New(env, ColumnMeanStdJs, "columnMeanStd"));
  exports.Set("packColumns", Napi::Function::New(env, PackColumnsJs, "packColumns"));
  exports.Set("countNaN", Napi::Function::New(env, CountNaNJs, "countNaN"));
  exports.Set("codeCounts", Napi::Function::New(env, CodeCountsJs, "codeCounts"));
  exports.Set("fillGaps", Napi::Function::New(env, FillGapsJs, "fillGaps"));
  exports.Set("hugeBuffer", Napi::Function::New(env, HugeBufferJs, "hugeBuffer"));
}

}  // namespace studio
