// sync: csvColumns reads a CSV file's cells column by column on the calling thread (a few milliseconds a
// megabyte: not worth a worker for the files read whole).
#include <napi.h>

#include <string>
#include <vector>

#include "../csv/csv-columns.h"
#include "csv-wrap.h"

namespace studio {

namespace {

/** A typed array over the vector's own memory (moved, freed with the array): no copy of the columns. */
template <class Array, class T, class A>
Array adopt(Napi::Env env, std::vector<T, A>&& v) {
  const size_t n = v.size();
  if (n == 0) return Array::New(env, 0);
  auto* held = new std::vector<T, A>(std::move(v));
  Napi::ArrayBuffer ab = Napi::ArrayBuffer::New(
      env, held->data(), n * sizeof(T), [](Napi::Env, void*, std::vector<T, A>* h) { delete h; }, held);
  return Array::New(env, n, ab, 0);
}

/**
 * csvColumns(buf, from, line, width, inferRows, markers, internAll) -> null | { rows, sampleRows, lines,
 * columns: [{ values, codes, texts, textValues, sampleTexts, numbers, firstText }] } (see
 * csv-columns.h); null where the TypeScript reader must run.
 */
Napi::Value CsvColumnsJs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 7) throw Napi::TypeError::New(env, "csvColumns takes 7 arguments");
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throw Napi::TypeError::New(env, "buf must be a Uint8Array");
  Napi::Uint8Array buf = info[0].As<Napi::Uint8Array>();
  for (size_t i = 1; i <= 4; i++)
    if (!info[i].IsNumber()) throw Napi::TypeError::New(env, "from, line, width and inferRows must be numbers");
  const int64_t from = info[1].As<Napi::Number>().Int64Value();
  const int64_t line = info[2].As<Napi::Number>().Int64Value();
  const int64_t width = info[3].As<Napi::Number>().Int64Value();
  const double infer = info[4].As<Napi::Number>().DoubleValue();
  if (!info[5].IsArray()) throw Napi::TypeError::New(env, "markers must be an array of strings");
  if (!info[6].IsTypedArray() || info[6].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throw Napi::TypeError::New(env, "internAll must be a Uint8Array");
  Napi::Uint8Array intern = info[6].As<Napi::Uint8Array>();
  const auto size = int64_t(buf.ElementLength());
  if (from < 0 || from > size || width < 1 || int64_t(intern.ElementLength()) != width)
    throw Napi::RangeError::New(env, "csvColumns: from, width or internAll out of range");
  Napi::Array js_markers = info[5].As<Napi::Array>();
  std::vector<std::string> markers;
  for (uint32_t i = 0; i < js_markers.Length(); i++) {
    Napi::Value m = js_markers[i];
    if (!m.IsString()) throw Napi::TypeError::New(env, "markers must be an array of strings");
    markers.push_back(m.As<Napi::String>().Utf8Value());
  }
  std::vector<uint8_t> intern_all(intern.Data(), intern.Data() + width);
  const int64_t infer_rows = infer >= 9e15 ? int64_t(9e15) : int64_t(infer);

  CsvColumns r;
  if (!csv_columns(buf.Data(), size, from, line, width, infer_rows, markers, intern_all, &r)) return env.Null();
  Napi::Array columns = Napi::Array::New(env, size_t(width));
  const size_t stride = size_t(r.stride);
  Napi::ArrayBuffer values = adopt<Napi::Float64Array>(env, std::move(r.values)).ArrayBuffer();
  for (int64_t k = 0; k < width; k++) {
    CsvColumn& c = r.columns[size_t(k)];
    Napi::Object o = Napi::Object::New(env);
    o.Set("values", Napi::Float64Array::New(env, size_t(r.rows), values, size_t(k) * stride * sizeof(double)));
    o.Set("codes", adopt<Napi::Int32Array>(env, std::move(c.codes)));
    Napi::Array texts = Napi::Array::New(env, c.texts.size());
    for (size_t t = 0; t < c.texts.size(); t++)
      texts.Set(uint32_t(t), Napi::String::New(env, c.texts[t].data(), c.texts[t].size()));
    o.Set("texts", texts);
    o.Set("textValues", adopt<Napi::Float64Array>(env, std::move(c.text_values)));
    o.Set("sampleTexts", Napi::Number::New(env, double(c.sample_texts)));
    o.Set("numbers", Napi::Number::New(env, double(c.numbers)));
    o.Set("firstText", Napi::Number::New(env, double(c.first_text)));
    columns.Set(uint32_t(k), o);
  }
  Napi::Object o = Napi::Object::New(env);
  o.Set("rows", Napi::Number::New(env, double(r.rows)));
  o.Set("sampleRows", Napi::Number::New(env, double(r.sample_rows)));
  o.Set("lines", adopt<Napi::Int32Array>(env, std::move(r.lines)));
  o.Set("columns", columns);
  return o;
}

}  // namespace

void InitCsv(Napi::Env env, Napi::Object exports) {
  exports.Set("csvColumns", Napi::Function::New(env, CsvColumnsJs, "csvColumns"));
}

}  // namespace studio
