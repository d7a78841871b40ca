// Builds random inputs for one op and runs it on a backend; shared by the gradient checks and
// the CUDA-vs-CPU consistency test.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "../src/backend/backend.h"
#include "../src/runtime/graph.h"

namespace test {

struct OpCase {
  std::string label;
  studio::Op op;
  studio::OpParams p;
  std::vector<std::array<int64_t, 2>> shapes;
  std::vector<bool> diff;  // which inputs get a gradient
  bool training = true;
  // Custom filling of input i (codes, targets, variances); default: |x| in [0.2, 1.2], random sign.
  std::function<bool(size_t, std::vector<float>&)> fill = nullptr;
};

/** The op cases covered by gradient checks and backend comparisons (every op). */
std::vector<OpCase> all_op_cases();

struct OpRun {
  std::vector<std::vector<float>> in;
  std::vector<float> out, aux;
  std::vector<std::vector<float>> din;
};

/** Fresh random inputs for a case (deterministic in seed). */
std::vector<std::vector<float>> make_inputs(const OpCase& c, uint64_t seed);
/** Forward (and, with dout, backward) of the case on the CPU kernels. */
OpRun run_cpu(const OpCase& c, std::vector<std::vector<float>> in, const std::vector<float>* dout);
/** Output shape of the case. */
std::array<int64_t, 2> out_shape(const OpCase& c);

}  // namespace test
