#include "js-error.h"

#include <new>

#include "../core/errors.h"

namespace studio {

ErrorInfo capture_error(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const EngineError& err) {
    return {error_code_name(err.code), err.what(), err.row, err.col, err.step};
  } catch (const std::bad_alloc&) {
    return {error_code_name(ErrorCode::OutOfMemory), "out of memory: an allocation failed; use less data or a smaller model"};
  } catch (const std::exception& err) {
    return {error_code_name(ErrorCode::Internal), std::string("internal engine error: ") + err.what()};
  } catch (...) {
    return {error_code_name(ErrorCode::Internal), "internal engine error"};
  }
}

Napi::Error make_js_error(Napi::Env env, const ErrorInfo& info) {
  Napi::Error err = Napi::Error::New(env, info.message);
  Napi::Object o = err.Value();
  o.Set("code", info.code);
  if (info.row >= 0) o.Set("row", double(info.row));
  if (info.col >= 0) o.Set("column", double(info.col));
  if (info.step >= 0) o.Set("step", double(info.step));
  return err;
}

void throw_js(Napi::Env env, const char* code, const std::string& message) { throw make_js_error(env, {code, message}); }

}  // namespace studio
