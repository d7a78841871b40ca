#include "quant-format.h"

#include <cstring>

#include "../core/errors.h"
#include "../runtime/serialize.h"
#include "../core/byte-io.h"

namespace studio::quant {

namespace {

constexpr char kMagic[8] = {'S', 'T', 'U', 'D', 'I', 'O', 'M', 'D'};
constexpr uint32_t kMaxDense = 65;  // 64 hidden layers and the output layer

[[noreturn]] void corrupt(const std::string& why) { throw EngineError(ErrorCode::BadModelFile, "invalid model file: " + why); }

template <typename T>
std::vector<T> array(ByteReader& r, size_t count) {
  if (count > r.remaining() / sizeof(T)) corrupt("truncated");
  std::vector<T> v(count);
  std::memcpy(v.data(), r.take(count * sizeof(T)), count * sizeof(T));
  return v;
}

}  // namespace

std::vector<uint8_t> save_quantized(const QuantizedModel& q) {
  ByteWriter w;
  w.bytes(kMagic, 8);
  w.put<uint32_t>(kInt8FormatVersion);
  w.put<uint8_t>(uint8_t(q.kind));
  w.put<int32_t>(q.inputs);
  w.put<int32_t>(q.classes);
  w.put<uint32_t>(uint32_t(q.meta.size()));
  w.bytes(q.meta.data(), q.meta.size());
  w.put<uint32_t>(uint32_t(q.layers.size()));
  for (const auto& l : q.layers) {
    w.put<int32_t>(l.in);
    w.put<int32_t>(l.out);
    w.put<uint8_t>(uint8_t(l.act));
    w.put<float>(l.alpha);
    w.put<float>(l.x_scale);
    w.bytes(l.w_scale.data(), l.w_scale.size() * sizeof(float));
    w.bytes(l.bias.data(), l.bias.size() * sizeof(float));
    w.bytes(l.w.data(), l.w.size());
  }
  w.put<uint32_t>(crc32(w.out.data(), w.out.size()));
  return std::move(w.out);
}

std::unique_ptr<QuantizedModel> load_quantized(const uint8_t* data, size_t n) {
  if (n < 16 || std::memcmp(data, kMagic, 8) != 0) corrupt("not a Studio model (bad magic)");
  uint32_t stored_crc;
  std::memcpy(&stored_crc, data + n - 4, 4);
  if (crc32(data, n - 4) != stored_crc) corrupt("checksum mismatch (the file is corrupted)");
  ByteReader r(data, n - 4);
  r.take(8);
  const uint32_t version = r.get<uint32_t>();
  if (version != kInt8FormatVersion)
    corrupt("format version " + std::to_string(version) + " is not an INT8 model (version 1 is fp32: load it with loadModel)");
  auto q = std::make_unique<QuantizedModel>();
  const uint8_t kind = r.get<uint8_t>();
  if (kind > 1) corrupt("unknown model kind");
  q->kind = ModelKind(kind);
  q->inputs = r.get<int32_t>();
  q->classes = r.get<int32_t>();
  if (q->inputs < 1 || q->classes < 2) corrupt("inputs or classes out of range");
  const uint32_t meta_len = r.get<uint32_t>();
  const uint8_t* meta = r.take(meta_len);
  q->meta.assign(reinterpret_cast<const char*>(meta), meta_len);
  const uint32_t count = r.get<uint32_t>();
  if (count < 1 || count > kMaxDense) corrupt("dense layer count out of range");
  for (uint32_t i = 0; i < count; ++i) {
    QuantLayer l;
    l.in = r.get<int32_t>();
    l.out = r.get<int32_t>();
    if (l.in < 1 || l.out < 1) corrupt("dense layer shape out of range");
    const uint8_t act = r.get<uint8_t>();
    if (act > uint8_t(Act::Tanh)) corrupt("unknown activation");
    l.act = Act(act);
    l.alpha = r.get<float>();
    l.x_scale = r.get<float>();
    l.w_scale = array<float>(r, size_t(l.out));
    l.bias = array<float>(r, size_t(l.out));
    if (size_t(l.in) > r.remaining() / size_t(l.out)) corrupt("truncated");
    l.w = array<int8_t>(r, size_t(l.in) * size_t(l.out));
    q->layers.push_back(std::move(l));
  }
  if (r.remaining() != 0) corrupt("trailing bytes after the layers");
  prepare_kernels(*q);
  return q;
}

}  // namespace studio::quant
