// Per-tensor activation ranges for symmetric INT8 scales (zero point 0), the same rules as
// calibrateMinMax / calibratePercentile in packages/onnx.
#pragma once
#include <cstdint>
#include <vector>

namespace studio::quant {

enum class CalibMethod : uint8_t { MinMax, Percentile };

struct Calibration {
  CalibMethod method = CalibMethod::MinMax;
  double percentile = 99.99;  // in (0, 100], Percentile only
};

/** Observes every value of one tensor across calibration batches and turns them into a scale. */
class RangeObserver {
 public:
  explicit RangeObserver(Calibration c) : c_(c) {}
  /** Records n values. */
  void observe(const float* v, int64_t n);
  /** max|v| / 127 (or the percentile of |v| / 127); 1 when the range is zero. */
  float scale();

 private:
  Calibration c_;
  float max_ = 0.0f;
  std::vector<float> abs_;
};

}  // namespace studio::quant
