// The training loop on a backend whose memory is not the host's. A "mirror" backend runs the CPU
// kernels on separately allocated memory and counts the bytes it copies, so the device path (uploads,
// parameter mirrors, gathered batches, downloads) is exercised here and must match the in-place CPU path
// bitwise. With a CUDA device present, the same loop also trains on the GPU and is compared with the CPU.
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "../src/core/errors.h"
#include "../src/core/philox.h"
#include "../src/core/thread-pool.h"
#include "../src/cpu/cpu-ops.h"
#include "../src/runtime/serialize.h"
#include "../src/runtime/trainer.h"
#include "test.h"

using namespace studio;

namespace {

std::atomic<size_t> g_uploaded{0}, g_downloaded{0}, g_live{0};

// Device memory starts with whatever was there (cudaMalloc does not clear it): poison it with NaNs, so any
// reliance on zero-filled memory shows up as a difference from the CPU run.
void* mirror_alloc(size_t bytes) {
  ++g_live;
  void* p = cpu_backend().alloc(bytes);
  std::memset(p, 0xFF, bytes);
  return p;
}
void mirror_free(void* p) {
  --g_live;
  cpu_backend().free(p);
}
void mirror_copy(void* dst, const void* src, size_t bytes, CopyKind kind) {
  if (kind == CopyKind::HostToDevice) g_uploaded += bytes;
  if (kind == CopyKind::DeviceToHost) g_downloaded += bytes;
  std::memcpy(dst, src, bytes);
}

const Backend& mirror_backend() {
  static const Backend b = [] {
    Backend m = cpu_backend();
    m.name = "mirror";
    m.host_memory = false;
    m.alloc = mirror_alloc;
    m.free = mirror_free;
    m.copy = mirror_copy;
    return m;
  }();
  return b;
}

struct Data {
  std::vector<float> x, y;
  Dataset set(int64_t cols) const { return Dataset{x.data(), y.data(), int64_t(y.size()), cols}; }
};

// A nonlinear target, so the hidden layers matter: y ~ Bernoulli(sigmoid(x0 * x1 - x2^2 + 0.5)).
Data make_data(int64_t rows, uint64_t seed) {
  Data d;
  PhiloxStream rng(seed, 3);
  for (int64_t r = 0; r < rows; ++r) {
    float x[4];
    for (float& v : x) v = rng.uniform() * 4 - 2;
    d.x.insert(d.x.end(), x, x + 4);
    const double p = 1 / (1 + std::exp(-(x[0] * x[1] - x[2] * x[2] + 0.5)));
    d.y.push_back(rng.uniform() < p ? 1.0f : 0.0f);
  }
  return d;
}

ModelSpec mlp_spec() {
  ModelSpec s;
  s.kind = ModelKind::Mlp;
  s.inputs = 4;
  s.l2 = 1e-4f;
  s.l1 = 1e-5f;
  // Dropout, batch norm (running statistics are parameters without gradients) and layer norm.
  s.layers = {{24, Act::Relu, 0.01f, 0.1f, Norm::Batch}, {12, Act::Gelu, 0.01f, 0.0f, Norm::Layer}};
  return s;
}

}  // namespace

TEST(device_loop_matches_the_in_place_cpu_loop_bitwise) {
  const Data tr = make_data(3000, 1), va = make_data(1000, 2);
  for (OptimKind kind : {OptimKind::Adam, OptimKind::AdamW, OptimKind::Sgd}) {
    std::vector<uint8_t> bytes[2];
    TrainResult res[2];
    for (int mirrored = 0; mirrored < 2; ++mirrored) {
      Model m(mlp_spec(), 1 << 26);
      TrainOptions o;
      o.optim.kind = kind;
      o.optim.lr = kind == OptimKind::Sgd ? 0.05f : 0.01f;
      o.optim.weight_decay = 1e-3f;
      o.epochs = 6;
      o.batch = 128;  // 3000 rows: the last batch is short, so two plans are used
      o.seed = 11;
      o.patience = 2;  // exercises the snapshot/restore of parameters brought back from the backend
      o.monitor = Monitor::ValAuc;
      if (mirrored) o.backend = &mirror_backend();
      g_uploaded = g_downloaded = 0;
      const Dataset dva = va.set(4);
      res[mirrored] = train_model(m, tr.set(4), &dva, o, nullptr, &ThreadPool::global());
      bytes[mirrored] = save_model(m);
      if (mirrored) {
        // The data went to the backend once, and the parameters came back at least once per epoch.
        CHECK(g_uploaded >= sizeof(float) * (tr.x.size() + tr.y.size()));
        CHECK(g_downloaded > 0);
        CHECK(std::string(res[1].device) == "mirror");
      } else {
        CHECK(std::string(res[0].device) == "cpu");
      }
    }
    CHECK(bytes[0] == bytes[1]);
    CHECK(res[0].loss == res[1].loss);
    CHECK(res[0].val_auc == res[1].val_auc);
    CHECK(res[0].epochs == res[1].epochs);
    CHECK(res[0].val_auc > 0.7);
  }
  CHECK(g_live.load() == 0);  // every backend buffer was freed
}

TEST(device_loop_projects_sign_constraints_and_frees_on_errors) {
  ModelSpec s;
  s.kind = ModelKind::Logistic;
  s.inputs = 4;
  s.sign = {0, 0, 1, 0};  // the data give x2 a negative weight through x2^2 - ... ; forced non-negative
  const Data tr = make_data(2000, 5);
  std::vector<uint8_t> bytes[2];
  for (int mirrored = 0; mirrored < 2; ++mirrored) {
    Model m(s, 1 << 26);
    TrainOptions o;
    o.optim.lr = 0.05f;
    o.epochs = 3;
    o.batch = 64;
    if (mirrored) o.backend = &mirror_backend();
    train_model(m, tr.set(4), nullptr, o, nullptr, nullptr);
    for (auto& p : m.params())
      if (p.name == "output.weight") CHECK(p.data.data[2] >= 0.0f);
    bytes[mirrored] = save_model(m);
  }
  CHECK(bytes[0] == bytes[1]);

  // A diverging run fails with the typed error, naming the same step as on the CPU although a device
  // reads its losses in batches, and leaves no backend memory behind.
  Data bad = make_data(500, 6);
  for (auto& v : bad.x) v *= 1e18f;
  ModelSpec ms = mlp_spec();
  ms.layers = {{8, Act::Relu, 0.01f, 0.0f, Norm::None}};
  int64_t failed_at[2] = {-1, -1};
  for (int mirrored = 0; mirrored < 2; ++mirrored) {
    Model m(ms, 1 << 26);
    TrainOptions o;
    o.optim.kind = OptimKind::Sgd;
    o.optim.lr = 1e3f;
    o.epochs = 5;
    o.batch = 50;
    if (mirrored) o.backend = &mirror_backend();
    try {
      train_model(m, bad.set(4), nullptr, o, nullptr, nullptr);
    } catch (const EngineError& e) {
      if (e.code == ErrorCode::LossNaN) failed_at[mirrored] = e.step;
    }
  }
  CHECK(failed_at[0] >= 0);
  CHECK(failed_at[0] == failed_at[1]);
  CHECK(g_live.load() == 0);
}

TEST(device_choice_is_resolved_or_refused_clearly) {
  Model mlp(mlp_spec(), 1 << 26);
  ModelSpec ls;
  ls.inputs = 4;
  Model logistic(ls, 1 << 26);
  TrainOptions o;
  CHECK(&training_backend(mlp, o) == &cpu_backend());  // the C++ default is the CPU
  o.device = DeviceChoice::Auto;
  const Backend* cuda = cuda_backend();
  CHECK(&training_backend(mlp, o) == (cuda ? cuda : &cpu_backend()));
  CHECK(&training_backend(logistic, o) == &cpu_backend());  // logistic models stay on the CPU under auto
  o.device = DeviceChoice::Cuda;
  if (cuda == nullptr) {
    bool got = false;
    try {
      training_backend(mlp, o);
    } catch (const EngineError& e) {
      const std::string msg = e.what();
      got = e.code == ErrorCode::BadOption && msg.find("device 'cuda' is not available") != std::string::npos &&
            msg.find("use device 'cpu' or 'auto'") != std::string::npos;
    }
    CHECK(got);
  } else {
    CHECK(&training_backend(mlp, o) == cuda);
  }
  // Newton/IRLS is a CPU solver: asking for it on CUDA is refused before any work starts.
  const Data tr = make_data(500, 7);
  o.optim.kind = OptimKind::Newton;
  bool refused = false;
  try {
    train_model(logistic, tr.set(4), nullptr, o, nullptr, nullptr);
  } catch (const EngineError& e) {
    refused = e.code == ErrorCode::BadOption && std::string(e.what()).find("runs on the CPU only") != std::string::npos;
  }
  CHECK(refused);
}

TEST(cuda_training_matches_cpu) {
  const Backend* cuda = cuda_backend();
  if (cuda == nullptr) {
    SKIP("%s", cuda_info().error.c_str());
  }
  const Data tr = make_data(20000, 8), va = make_data(5000, 9);
  TrainResult res[2];
  for (int on_gpu = 0; on_gpu < 2; ++on_gpu) {
    Model m(mlp_spec(), 1 << 28);
    TrainOptions o;
    o.optim.lr = 0.01f;
    o.epochs = 4;
    o.batch = 256;
    o.seed = 3;
    if (on_gpu) o.backend = cuda;
    const Dataset dva = va.set(4);
    res[on_gpu] = train_model(m, tr.set(4), &dva, o, nullptr, &ThreadPool::global());
  }
  std::printf("  cuda vs cpu: loss %.6f vs %.6f, val AUC %.5f vs %.5f\n", res[1].loss, res[0].loss, res[1].val_auc, res[0].val_auc);
  CHECK(std::string(res[1].device) == "cuda");
  // Same batches and initialisation; only float summation order differs, so the runs stay close.
  CHECK_NEAR(res[1].loss, res[0].loss, 0.01 * res[0].loss);
  CHECK_NEAR(res[1].val_auc, res[0].val_auc, 0.01);
}

TEST(cpu_gather_rows_matches_a_plain_copy_for_every_width) {
  PhiloxStream rng(3, 9);
  for (int64_t cols : {1, 2, 7, 8, 9, 15, 16, 17, 33}) {
    const int64_t rows = 50, n = 37;
    std::vector<float> src(size_t(rows * cols));
    for (auto& v : src) v = rng.uniform();
    std::vector<uint32_t> idx(static_cast<size_t>(n));
    for (auto& i : idx) i = uint32_t(rng.below(uint64_t(rows)));
    idx.back() = uint32_t(rows - 1);  // the last row: a wide read would run past the source
    // Guard values after the destination catch writes past the batch.
    std::vector<float> dst(size_t(n * cols) + 8, -7.0f);
    cpu::gather_rows(GatherArgs{dst.data(), src.data(), idx.data(), n, cols});
    int bad = 0;
    for (int64_t r = 0; r < n; ++r)
      for (int64_t c = 0; c < cols; ++c) bad += dst[size_t(r * cols + c)] != src[size_t(int64_t(idx[size_t(r)]) * cols + c)];
    for (size_t k = size_t(n * cols); k < dst.size(); ++k) bad += dst[k] != -7.0f;
    CHECK(bad == 0);
  }
}
