// Runs every registered test case (or those whose name contains argv[1]). Each case prints ok, FAIL
// or skip; the last line is "N passed, N failed, N skipped", as the TypeScript runners report. The
// exit status is 1 when a check failed.
#include <chrono>
#include <cstdarg>
#include <cstring>
#include <exception>

#include "test.h"

namespace test {
std::vector<Case>& registry() {
  static std::vector<Case> cases;
  return cases;
}
int failures = 0;

namespace {
bool g_skipped = false;
std::string g_skip_reason;
}  // namespace

void skip(const char* fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  g_skipped = true;
  g_skip_reason = buf;
}
}  // namespace test

int main(int argc, char** argv) {
  const char* filter = argc > 1 ? argv[1] : nullptr;
  int passed = 0, failed = 0, skipped = 0;
  for (const auto& c : test::registry()) {
    if (filter && std::strstr(c.name, filter) == nullptr) continue;
    const int before = test::failures;
    test::g_skipped = false;
    test::g_skip_reason.clear();
    const auto t0 = std::chrono::steady_clock::now();
    try {
      c.fn();
    } catch (const std::exception& e) {
      ++test::failures;
      std::fprintf(stderr, "  FAIL %s threw: %s\n", c.name, e.what());
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    // A case that failed a check before skipping counts as failed.
    if (test::failures != before) {
      ++failed;
      std::printf("FAIL %s (%.0f ms)\n", c.name, ms);
    } else if (test::g_skipped) {
      ++skipped;
      std::printf("skip %s: %s\n", c.name, test::g_skip_reason.c_str());
    } else {
      ++passed;
      std::printf("ok   %s (%.0f ms)\n", c.name, ms);
    }
  }
  if (test::failures > 0) std::printf("%d failed checks\n", test::failures);
  std::printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
  return test::failures > 0 ? 1 : 0;
}
