// Turns every C++ failure into a JS Error carrying a stable `code` (and row/column/step when
// known), so packages/engine can rethrow it as a typed StudioError. Nothing escapes as a crash.
#pragma once
#include <exception>
#include <napi.h>
#include <string>

namespace studio {

struct ErrorInfo {
  std::string code;
  std::string message;
  int64_t row = -1;
  int64_t col = -1;
  int64_t step = -1;
};

/** Classifies the in-flight exception (call inside a catch block). */
ErrorInfo capture_error(std::exception_ptr e);
Napi::Error make_js_error(Napi::Env env, const ErrorInfo& info);
/** Throws a coded JS error (ENGINE_BAD_ARGUMENT style) from binding argument checks. */
[[noreturn]] void throw_js(Napi::Env env, const char* code, const std::string& message);

/** Runs f, rethrowing any C++ exception as a coded JS error. */
template <typename F>
auto guarded(Napi::Env env, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Napi::Error&) {
    throw;
  } catch (...) {
    throw make_js_error(env, capture_error(std::current_exception()));
  }
}

}  // namespace studio
