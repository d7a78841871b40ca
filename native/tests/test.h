// A minimal test harness: TEST registers a case, CHECK records a failure and continues, SKIP ends a
// case that cannot run here (no CUDA device, say) and reports it apart from the passed ones.
#pragma once
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace test {

struct Case {
  const char* name;
  std::function<void()> fn;
};
std::vector<Case>& registry();
extern int failures;
/** Marks the running case skipped, with a printf-style reason (printed by the runner). */
void skip(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

struct Register {
  Register(const char* name, std::function<void()> fn) { registry().push_back({name, std::move(fn)}); }
};

}  // namespace test

#define TEST_CAT2(a, b) a##b
#define TEST_CAT(a, b) TEST_CAT2(a, b)
#define TEST(name)                                                   \
  static void name();                                                \
  static test::Register TEST_CAT(reg_, name)(#name, name);           \
  static void name()

/** Ends the running case as skipped: SKIP("no CUDA device: %s", why). */
#define SKIP(...)          \
  do {                     \
    test::skip(__VA_ARGS__); \
    return;                \
  } while (0)

#define CHECK(cond)                                                                   \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      ++test::failures;                                                               \
      std::fprintf(stderr, "  FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);          \
    }                                                                                 \
  } while (0)

#define CHECK_NEAR(a, b, tol)                                                                              \
  do {                                                                                                     \
    const double va_ = (a), vb_ = (b);                                                                     \
    if (!(std::abs(va_ - vb_) <= (tol))) {                                                                 \
      ++test::failures;                                                                                    \
      std::fprintf(stderr, "  FAIL %s:%d: %s = %.8g vs %s = %.8g (tol %.3g)\n", __FILE__, __LINE__, #a, va_, #b, vb_, double(tol)); \
    }                                                                                                      \
  } while (0)
