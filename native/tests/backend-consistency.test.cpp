// Runs every op on every non-CPU backend and compares forward outputs and gradients with the
// CPU twin. Needs a device: without one it is reported as skipped and checks nothing.
#include <cmath>
#include <cstdio>
#include <memory>

#include "../src/core/philox.h"
#include "op-harness.h"
#include "test.h"

using namespace studio;

namespace {

struct DeviceBuf {
  const Backend& be;
  void* ptr = nullptr;
  size_t bytes = 0;
  DeviceBuf(const Backend& b, const std::vector<float>& host) : be(b), bytes(host.size() * sizeof(float)) {
    ptr = be.alloc(bytes);
    if (bytes) be.copy(ptr, host.data(), bytes, CopyKind::HostToDevice);
  }
  ~DeviceBuf() { be.free(ptr); }
  std::vector<float> read() const {
    std::vector<float> h(bytes / sizeof(float));
    if (bytes) be.copy(h.data(), ptr, bytes, CopyKind::DeviceToHost);
    return h;
  }
  float* f() const { return static_cast<float*>(ptr); }
};

int compare(const char* label, const char* what, const std::vector<float>& a, const std::vector<float>& b) {
  int bad = 0;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::abs(a[i] - b[i]) > 1e-4f + 1e-4f * std::abs(a[i])) {
      if (bad++ < 2) std::fprintf(stderr, "  %s %s[%zu]: cpu %.7f device %.7f\n", label, what, i, a[i], b[i]);
    }
  return bad;
}

}  // namespace

TEST(backend_consistency_cuda_vs_cpu) {
  const CudaInfo info = cuda_info();
  const Backend* be = cuda_backend();
  if (be == nullptr) {
    SKIP("%s (CUDA compiled: %s)", info.error.c_str(), info.compiled ? "yes" : "no");
  }
  for (const auto& c : test::all_op_cases()) {
    CHECK(be->supports_op(c.op));
    const auto in = test::make_inputs(c, 21);
    const auto os = test::out_shape(c);
    std::vector<float> r(static_cast<size_t>(os[0] * os[1]));
    PhiloxStream rng(4, 2);
    for (auto& v : r) v = 2.0f * rng.uniform() - 1.0f;
    const test::OpRun cpu = test::run_cpu(c, in, &r);
    // Device run of the same case: inputs, outputs and gradients in device memory.
    std::vector<std::unique_ptr<DeviceBuf>> din_buf, in_buf;
    OpCtx ctx;
    ctx.op = c.op;
    ctx.p = &c.p;
    ctx.n_in = int(c.shapes.size());
    ctx.seed = 42;
    ctx.step = 3;
    ctx.training = c.training;
    for (size_t i = 0; i < c.shapes.size(); ++i) {
      in_buf.push_back(std::make_unique<DeviceBuf>(*be, in[i]));
      ctx.in[i] = View{in_buf.back()->f(), c.shapes[i][0], c.shapes[i][1]};
      din_buf.push_back(std::make_unique<DeviceBuf>(*be, std::vector<float>(c.diff[i] ? in[i].size() : 0, 0.0f)));
      if (c.diff[i]) ctx.din[i] = View{din_buf.back()->f(), c.shapes[i][0], c.shapes[i][1]};
    }
    DeviceBuf out(*be, std::vector<float>(cpu.out.size(), 0.0f)), aux(*be, std::vector<float>(cpu.aux.size(), 0.0f)), dout(*be, r);
    ctx.out = View{out.f(), os[0], os[1]};
    const auto as = aux_shape(c.op, c.p, os[0], os[1]);
    if (!cpu.aux.empty()) ctx.aux = View{aux.f(), as[0], as[1]};
    ctx.dout = View{dout.f(), os[0], os[1]};
    be->forward(ctx);
    be->backward(ctx);
    be->synchronize();
    int bad = compare(c.label.c_str(), "out", cpu.out, out.read());
    for (size_t i = 0; i < c.shapes.size(); ++i)
      if (c.diff[i]) bad += compare(c.label.c_str(), "din", cpu.din[i], din_buf[i]->read());
    CHECK(bad == 0);
  }
}

TEST(backend_consistency_training_kernels_cuda_vs_cpu) {
  const Backend* be = cuda_backend();
  if (be == nullptr) {
    SKIP("%s", cuda_info().error.c_str());
  }
  const Backend& cpu = cpu_backend();
  PhiloxStream rng(7, 1);
  auto randv = [&](size_t n, float lo, float hi) {
    std::vector<float> v(n);
    for (auto& x : v) x = lo + (hi - lo) * rng.uniform();
    return v;
  };
  // Optimizer steps: the same update from the same state, three steps in a row.
  for (OptimKind kind : {OptimKind::Sgd, OptimKind::Adam, OptimKind::AdamW}) {
    const size_t n = 1000;
    std::vector<float> w = randv(n, -1, 1), m(n, 0.0f), v(n, 0.0f);
    DeviceBuf dw(*be, w), dm(*be, m), dv(*be, v);
    OptimConfig c;
    c.kind = kind;
    c.lr = 0.01f;
    c.weight_decay = 0.01f;
    for (int t = 1; t <= 3; ++t) {
      const std::vector<float> g = randv(n, -0.5f, 0.5f);
      DeviceBuf dg(*be, g);
      const float bc1 = 1.0f - std::pow(c.beta1, float(t)), bc2 = 1.0f - std::pow(c.beta2, float(t));
      cpu.optim_step(OptimStepArgs{c, w.data(), g.data(), m.data(), v.data(), int64_t(n), bc1, bc2, nullptr});
      be->optim_step(OptimStepArgs{c, dw.f(), dg.f(), dm.f(), dv.f(), int64_t(n), bc1, bc2, nullptr});
    }
    be->synchronize();
    CHECK(compare("optim_step", "w", w, dw.read()) == 0);
  }
  // Gathering shuffled rows and projecting signs are exact.
  const int64_t rows = 300, cols = 37;
  const std::vector<float> x = randv(size_t(rows * cols), -1, 1);
  std::vector<uint32_t> idx(128);
  for (auto& i : idx) i = uint32_t(rng.below(uint64_t(rows)));
  std::vector<float> want(idx.size() * size_t(cols));
  cpu.gather_rows(GatherArgs{want.data(), x.data(), idx.data(), int64_t(idx.size()), cols});
  DeviceBuf dx(*be, x), dout(*be, std::vector<float>(want.size(), 0.0f));
  void* didx = be->alloc(idx.size() * sizeof(uint32_t));
  be->copy(didx, idx.data(), idx.size() * sizeof(uint32_t), CopyKind::HostToDevice);
  be->gather_rows(GatherArgs{dout.f(), dx.f(), static_cast<const uint32_t*>(didx), int64_t(idx.size()), cols});
  CHECK(dout.read() == want);
  be->free(didx);
  std::vector<float> w = randv(64, -1, 1), sign(64);
  for (size_t j = 0; j < sign.size(); ++j) sign[j] = float(int(j % 3) - 1);
  DeviceBuf dw(*be, w), ds(*be, sign);
  cpu.project_signs(w.data(), sign.data(), int64_t(w.size()));
  be->project_signs(dw.f(), ds.f(), int64_t(w.size()));
  CHECK(dw.read() == w);
  be->zero(dw.f(), dw.bytes);
  CHECK(dw.read() == std::vector<float>(w.size(), 0.0f));
}
