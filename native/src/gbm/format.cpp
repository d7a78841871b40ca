// The GBM model file, version 3 of the Studio model format (native/FORMAT.md).
#include <cmath>
#include <cstring>
#include <string>

#include "../core/byte-io.h"
#include "../core/errors.h"
#include "../runtime/serialize.h"
#include "gbm.h"

namespace studio::gbm {

namespace {

constexpr char kMagic[8] = {'S', 'T', 'U', 'D', 'I', 'O', 'M', 'D'};
constexpr uint32_t kVersion = 3;

[[noreturn]] void bad(const std::string& why) { throw EngineError(ErrorCode::BadModelFile, "invalid GBM model file: " + why); }

void check_tree(const Tree& t, int cols) {
  const int n = t.size();
  if (n < 1) bad("a tree has no nodes");
  std::vector<uint8_t> parents(size_t(n), 0);
  for (int i = 0; i < n; ++i) {
    const int l = t.left[size_t(i)], r = t.right[size_t(i)];
    if (!std::isfinite(t.cover[size_t(i)]) || !std::isfinite(t.value[size_t(i)]) || !std::isfinite(t.gain[size_t(i)]))
      bad("a node holds a non-finite number");
    if (l < 0 || r < 0) {
      if (l != -1 || r != -1) bad("a leaf has one child");
      continue;
    }
    if (l <= i || r <= i || l >= n || r >= n || l == r) bad("a node's children are out of order");
    if (t.feature[size_t(i)] < 0 || t.feature[size_t(i)] >= cols) bad("a split names a column the model does not have");
    if (std::isnan(t.threshold[size_t(i)])) bad("a split threshold is NaN");
    if (++parents[size_t(l)] > 1 || ++parents[size_t(r)] > 1) bad("a node has two parents");
  }
  for (int i = 1; i < n; ++i)
    if (parents[size_t(i)] != 1) bad("a node is unreachable");
}

}  // namespace

std::vector<uint8_t> save(const GbmModel& m) {
  ByteWriter w;
  w.bytes(kMagic, 8);
  w.put<uint32_t>(kVersion);
  w.put<int32_t>(m.cols);
  w.put<double>(m.base_score);
  w.put<int32_t>(m.best_iteration);
  for (const FeatureMap& f : m.features) {
    w.put<uint8_t>(f.categorical ? 1 : 0);
    if (f.categorical) {
      w.put<uint32_t>(uint32_t(f.rank.size()));
      for (int32_t r : f.rank) w.put<int32_t>(r);
    } else {
      w.put<uint32_t>(uint32_t(f.cuts.size()));
      for (float c : f.cuts) w.put<float>(c);
    }
  }
  w.put<uint32_t>(uint32_t(m.history.size()));
  for (const GbmProgress& p : m.history) {
    w.put<int32_t>(p.trees);
    w.put<double>(p.train_loss);
    w.put<double>(p.valid_loss);
    w.put<double>(p.valid_auc);  // rows/s is not stored: timings would make identical models differ
  }
  w.put<uint32_t>(uint32_t(m.trees.size()));
  for (const Tree& t : m.trees) {
    w.put<uint32_t>(uint32_t(t.size()));
    for (int i = 0; i < t.size(); ++i) {
      w.put<int32_t>(t.feature[size_t(i)]);
      w.put<float>(t.threshold[size_t(i)]);
      w.put<uint8_t>(t.default_left[size_t(i)]);
      w.put<int32_t>(t.left[size_t(i)]);
      w.put<int32_t>(t.right[size_t(i)]);
      w.put<double>(t.value[size_t(i)]);
      w.put<double>(t.cover[size_t(i)]);
      w.put<double>(t.gain[size_t(i)]);
    }
  }
  w.put<uint32_t>(crc32(w.out.data(), w.out.size()));
  return std::move(w.out);
}

GbmModel load(const uint8_t* data, size_t n) {
  if (n < 16 || std::memcmp(data, kMagic, 8) != 0) bad("not a Studio model file (bad magic)");
  uint32_t stored = 0;
  std::memcpy(&stored, data + n - 4, 4);
  if (crc32(data, n - 4) != stored) bad("checksum mismatch (the file is damaged or truncated)");
  ByteReader r(data, n - 4);
  r.take(8);
  const uint32_t version = r.get<uint32_t>();
  if (version == 1 || version == 2) bad("this is a neural/logistic model file (version " + std::to_string(version) + "); open it with loadModel");
  if (version != kVersion) bad("unsupported version " + std::to_string(version) + "; this engine reads GBM version 3");
  GbmModel m;
  m.cols = r.get<int32_t>();
  if (m.cols < 1 || m.cols > (1 << 24)) bad("column count out of range");
  m.base_score = r.get<double>();
  if (!std::isfinite(m.base_score)) bad("base score is not finite");
  m.best_iteration = r.get<int32_t>();
  m.features.resize(size_t(m.cols));
  for (FeatureMap& f : m.features) {
    const uint8_t kind = r.get<uint8_t>();
    if (kind > 1) bad("unknown feature kind");
    f.categorical = kind == 1;
    const uint32_t count = r.get<uint32_t>();
    if (size_t(count) * 4 > r.remaining()) bad("truncated feature map");
    if (f.categorical) {
      f.rank.resize(count);
      for (int32_t& x : f.rank) {
        x = r.get<int32_t>();
        if (x < -1 || x > 254) bad("category rank out of range");
      }
    } else {
      f.cuts.resize(count);
      for (size_t i = 0; i < count; ++i) {
        f.cuts[i] = r.get<float>();
        if (std::isnan(f.cuts[i]) || (i > 0 && !(f.cuts[i] > f.cuts[i - 1]))) bad("bin cuts are not increasing");
      }
    }
  }
  const uint32_t hist = r.get<uint32_t>();
  if (size_t(hist) * 28 > r.remaining()) bad("truncated history");
  m.history.resize(hist);
  for (GbmProgress& p : m.history) {
    p.trees = r.get<int32_t>();
    p.train_loss = r.get<double>();
    p.valid_loss = r.get<double>();
    p.valid_auc = r.get<double>();
  }
  const uint32_t trees = r.get<uint32_t>();
  if (size_t(trees) * 4 > r.remaining()) bad("truncated tree list");
  m.trees.resize(trees);
  for (Tree& t : m.trees) {
    const uint32_t nodes = r.get<uint32_t>();
    constexpr size_t kNodeBytes = 4 + 4 + 1 + 4 + 4 + 8 + 8 + 8;
    if (nodes == 0 || size_t(nodes) * kNodeBytes > r.remaining()) bad("truncated tree");
    t.feature.resize(nodes);
    t.threshold.resize(nodes);
    t.default_left.resize(nodes);
    t.left.resize(nodes);
    t.right.resize(nodes);
    t.value.resize(nodes);
    t.cover.resize(nodes);
    t.gain.resize(nodes);
    for (size_t i = 0; i < nodes; ++i) {
      t.feature[i] = r.get<int32_t>();
      t.threshold[i] = r.get<float>();
      t.default_left[i] = r.get<uint8_t>() != 0;
      t.left[i] = r.get<int32_t>();
      t.right[i] = r.get<int32_t>();
      t.value[i] = r.get<double>();
      t.cover[i] = r.get<double>();
      t.gain[i] = r.get<double>();
    }
    check_tree(t, m.cols);
  }
  if (r.remaining() != 0) bad("trailing bytes");
  if (m.best_iteration != int(m.trees.size())) bad("best iteration does not match the tree count");
  finalize(m);
  return m;
}

}  // namespace studio::gbm
