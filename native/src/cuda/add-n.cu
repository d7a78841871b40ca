// Sum of scalar loss terms (up to kMaxInputs), passed as a by-value pointer table.
#include "common.cuh"
#include "add-n.cuh"

namespace studio::cuda {

namespace {

struct Terms {
  const float* in[kMaxInputs];
  float* din[kMaxInputs];
  int n;
};

__global__ void add_n_kernel(Terms t, float* out) {
  double s = 0;
  for (int i = 0; i < t.n; ++i) s += t.in[i][0];
  out[0] = float(s);
}

__global__ void add_n_bwd_kernel(Terms t, const float* dout) {
  for (int i = 0; i < t.n; ++i)
    if (t.din[i]) t.din[i][0] += dout[0];
}

Terms terms(const OpCtx& c) {
  Terms t{};
  t.n = c.n_in;
  for (int i = 0; i < c.n_in; ++i) {
    t.in[i] = c.in[i].data;
    t.din[i] = c.din[i].data;
  }
  return t;
}

}  // namespace

void add_n_fwd(OpCtx& c) {
  add_n_kernel<<<1, 1>>>(terms(c), c.out.data);
  check_launch("add_n");
}

void add_n_bwd(OpCtx& c) {
  add_n_bwd_kernel<<<1, 1>>>(terms(c), c.dout.data);
  check_launch("add_n_bwd");
}

}  // namespace studio::cuda
