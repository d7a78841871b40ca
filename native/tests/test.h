// A minimal test harness: TEST registers a case, CHECK records a failure and continues.
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
