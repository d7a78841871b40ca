// Training end to end on synthetic data: Newton vs Adam, determinism, sign constraints,
// NaN loss, cancellation, and the model file round trip.
#include <cmath>
#include <cstring>

#include "../src/core/errors.h"
#include "../src/core/philox.h"
#include "../src/core/thread-pool.h"
#include "../src/runtime/predict.h"
#include "../src/runtime/serialize.h"
#include "../src/runtime/trainer.h"
#include "test.h"

using namespace studio;

namespace {

struct Data {
  std::vector<float> x, y;
  Dataset set(int64_t cols) const { return Dataset{x.data(), y.data(), int64_t(y.size()), cols}; }
};

// y ~ Bernoulli(sigmoid(1.5 x0 - 2 x1 + 0.5 x2 - 1)).
Data logistic_data(int64_t rows, uint64_t seed) {
  Data d;
  PhiloxStream rng(seed, 1);
  for (int64_t r = 0; r < rows; ++r) {
    float x[3];
    for (float& v : x) v = rng.uniform() * 4 - 2;
    d.x.insert(d.x.end(), x, x + 3);
    const double p = 1 / (1 + std::exp(-(1.5 * x[0] - 2 * x[1] + 0.5 * x[2] - 1)));
    d.y.push_back(rng.uniform() < p ? 1.0f : 0.0f);
  }
  return d;
}

ModelSpec logistic_spec() {
  ModelSpec s;
  s.kind = ModelKind::Logistic;
  s.inputs = 3;
  s.l2 = 1e-4f;
  return s;
}

float weight(Model& m, int j) {
  for (auto& p : m.params())
    if (p.name == "output.weight") return p.data.data[j];
  return NAN;
}

}  // namespace

TEST(newton_and_adam_agree_on_logistic_regression) {
  const Data tr = logistic_data(4000, 1), va = logistic_data(2000, 2);
  const Dataset dtr = tr.set(3), dva = va.set(3);
  Model newton(logistic_spec(), 1 << 26), adam(logistic_spec(), 1 << 26);
  TrainOptions o;
  o.optim.kind = OptimKind::Newton;
  o.optim.lr = 1;
  o.epochs = 50;
  const TrainResult rn = train_model(newton, dtr, &dva, o, nullptr, &ThreadPool::global());
  o.optim.kind = OptimKind::Adam;
  o.optim.lr = 0.05f;
  o.epochs = 30;
  o.batch = 128;
  const TrainResult ra = train_model(adam, dtr, &dva, o, nullptr, &ThreadPool::global());
  CHECK(rn.epochs < 15);  // Newton converges quadratically
  CHECK(rn.val_auc > 0.85);
  CHECK_NEAR(ra.val_auc, rn.val_auc, 0.005);
  CHECK_NEAR(weight(newton, 0), 1.5, 0.25);
  CHECK_NEAR(weight(newton, 1), -2.0, 0.25);
  CHECK_NEAR(weight(adam, 0), weight(newton, 0), 0.1);
}

TEST(sign_constraints_hold) {
  const Data tr = logistic_data(3000, 3);
  ModelSpec s = logistic_spec();
  s.sign = {0, 1, 0};  // the true coefficient of x1 is negative
  for (OptimKind k : {OptimKind::Newton, OptimKind::Adam}) {
    Model m(s, 1 << 26);
    TrainOptions o;
    o.optim.kind = k;
    o.optim.lr = k == OptimKind::Newton ? 1.0f : 0.05f;
    o.epochs = k == OptimKind::Newton ? 50 : 10;
    train_model(m, tr.set(3), nullptr, o, nullptr, nullptr);
    CHECK(weight(m, 1) >= 0.0f);
    CHECK(weight(m, 0) > 0.5f);
  }
}

TEST(training_is_bitwise_deterministic_for_a_seed) {
  const Data tr = logistic_data(2000, 4);
  ModelSpec s;
  s.kind = ModelKind::Mlp;
  s.inputs = 3;
  s.layers = {{16, Act::Relu, 0.01f, 0.2f, Norm::Batch}, {8, Act::Gelu, 0.01f, 0.0f, Norm::Layer}};
  std::vector<uint8_t> bytes[3];
  for (int run = 0; run < 3; ++run) {
    Model m(s, 1 << 26);
    TrainOptions o;
    o.optim.lr = 0.01f;
    o.epochs = 2;
    o.batch = 100;
    o.seed = run < 2 ? 7 : 8;
    // Serial and threaded runs must agree bitwise: reductions never depend on the thread count.
    train_model(m, tr.set(3), nullptr, o, nullptr, run == 0 ? nullptr : &ThreadPool::global());
    bytes[run] = save_model(m);
  }
  CHECK(bytes[0] == bytes[1]);
  CHECK(bytes[0] != bytes[2]);
}

TEST(nan_loss_is_reported_with_its_step) {
  Data tr = logistic_data(500, 5);
  for (auto& v : tr.x) v *= 1e18f;
  ModelSpec s;
  s.kind = ModelKind::Mlp;
  s.inputs = 3;
  s.layers = {{8, Act::Relu, 0.01f, 0.0f, Norm::None}};
  Model m(s, 1 << 26);
  TrainOptions o;
  o.optim.kind = OptimKind::Sgd;
  o.optim.lr = 1e3f;
  o.epochs = 5;
  o.batch = 50;
  bool got = false;
  try {
    train_model(m, tr.set(3), nullptr, o, nullptr, nullptr);
  } catch (const EngineError& e) {
    got = e.code == ErrorCode::LossNaN && e.step >= 0 && std::string(e.what()).find("lower the learning rate") != std::string::npos;
  }
  CHECK(got);
}

TEST(bad_inputs_are_typed_errors) {
  Data tr = logistic_data(100, 6);
  Model m(logistic_spec(), 1 << 26);
  TrainOptions o;
  auto code_of = [&](const Dataset& d) {
    try {
      train_model(m, d, nullptr, o, nullptr, nullptr);
    } catch (const EngineError& e) {
      return e.code;
    }
    return ErrorCode::Internal;
  };
  Data nan = tr;
  nan.x[3 * 7 + 2] = NAN;
  CHECK(code_of(nan.set(3)) == ErrorCode::NonFiniteInput);
  Data one = tr;
  std::fill(one.y.begin(), one.y.end(), 1.0f);
  CHECK(code_of(one.set(3)) == ErrorCode::SingleClass);
  CHECK(code_of(Dataset{tr.x.data(), tr.y.data(), 0, 3}) == ErrorCode::EmptyDataset);
  CHECK(code_of(tr.set(4)) == ErrorCode::ShapeMismatch);
  Data bady = tr;
  bady.y[5] = 0.5f;
  CHECK(code_of(bady.set(3)) == ErrorCode::BadTarget);
}

TEST(model_file_round_trip_and_corruption) {
  const Data tr = logistic_data(1000, 7);
  ModelSpec s;
  s.kind = ModelKind::Mlp;
  s.inputs = 3;
  s.layers = {{8, Act::Tanh, 0.01f, 0.0f, Norm::Batch}};
  Model m(s, 1 << 26);
  m.meta = "{\"kind\":\"mlp\"}";
  TrainOptions o;
  o.epochs = 2;
  train_model(m, tr.set(3), nullptr, o, nullptr, nullptr);
  const auto bytes = save_model(m);
  auto loaded = load_model(bytes.data(), bytes.size(), 1 << 26);
  CHECK(loaded->meta == m.meta);
  std::vector<float> a(10), b(10);
  predict_proba(m, tr.x.data(), 10, a.data(), nullptr);
  predict_proba(*loaded, tr.x.data(), 10, b.data(), &ThreadPool::global());
  CHECK(a == b);
  float one = 0;
  predict_one(*loaded, tr.x.data(), &one);
  CHECK(one == a[0]);
  auto code_of = [](std::vector<uint8_t> v) {
    try {
      load_model(v.data(), v.size(), 1 << 26);
    } catch (const EngineError& e) {
      return e.code;
    }
    return ErrorCode::Internal;
  };
  auto flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x40;
  CHECK(code_of(flipped) == ErrorCode::BadModelFile);
  CHECK(code_of(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 40)) == ErrorCode::BadModelFile);
  CHECK(code_of({1, 2, 3}) == ErrorCode::BadModelFile);
}
