// Runs every registered test case; the exit status is the number of failed checks (capped).
#include <chrono>
#include <cstring>
#include <exception>

#include "test.h"

namespace test {
std::vector<Case>& registry() {
  static std::vector<Case> cases;
  return cases;
}
int failures = 0;
}  // namespace test

int main(int argc, char** argv) {
  const char* filter = argc > 1 ? argv[1] : nullptr;
  int ran = 0;
  for (const auto& c : test::registry()) {
    if (filter && std::strstr(c.name, filter) == nullptr) continue;
    const int before = test::failures;
    const auto t0 = std::chrono::steady_clock::now();
    try {
      c.fn();
    } catch (const std::exception& e) {
      ++test::failures;
      std::fprintf(stderr, "  FAIL %s threw: %s\n", c.name, e.what());
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%s %s (%.0f ms)\n", test::failures == before ? "ok  " : "FAIL", c.name, ms);
    ++ran;
  }
  std::printf("%d tests, %d failed checks\n", ran, test::failures);
  return test::failures > 0 ? 1 : 0;
}
