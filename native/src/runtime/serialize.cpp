#include "serialize.h"

#include <array>
#include <cstring>
#include <string>

#include "../core/byte-io.h"
#include "../core/errors.h"

namespace studio {

namespace {

constexpr char kMagic[8] = {'S', 'T', 'U', 'D', 'I', 'O', 'M', 'D'};

[[noreturn]] void corrupt(const std::string& why) { throw EngineError(ErrorCode::BadModelFile, "invalid model file: " + why); }

}  // namespace

uint32_t crc32(const uint8_t* data, size_t n) {
  static const auto table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; ++i) c = table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::vector<uint8_t> save_model(Model& model) {
  const ModelSpec& s = model.spec();
  ByteWriter w;
  w.bytes(kMagic, 8);
  w.put<uint32_t>(kFormatVersion);
  w.put<uint8_t>(uint8_t(s.kind));
  w.put<int32_t>(s.inputs);
  w.put<int32_t>(s.classes);
  w.put<float>(s.l1);
  w.put<float>(s.l2);
  w.put<float>(s.neg_weight);
  w.put<float>(s.pos_weight);
  w.put<uint32_t>(uint32_t(s.sign.size()));
  w.bytes(s.sign.data(), s.sign.size());
  w.put<uint32_t>(uint32_t(s.layers.size()));
  for (const auto& l : s.layers) {
    w.put<int32_t>(l.units);
    w.put<uint8_t>(uint8_t(l.act));
    w.put<float>(l.alpha);
    w.put<float>(l.dropout);
    w.put<uint8_t>(uint8_t(l.norm));
  }
  w.put<uint32_t>(uint32_t(s.embeddings.size()));
  for (const auto& e : s.embeddings) {
    w.put<int32_t>(e.column);
    w.put<int32_t>(e.cardinality);
    w.put<int32_t>(e.dim);
  }
  w.put<uint32_t>(uint32_t(model.meta.size()));
  w.bytes(model.meta.data(), model.meta.size());
  w.put<uint32_t>(uint32_t(model.params().size()));
  for (const auto& p : model.params()) {
    w.put<uint16_t>(uint16_t(p.name.size()));
    w.bytes(p.name.data(), p.name.size());
    w.put<int64_t>(p.rows);
    w.put<int64_t>(p.cols);
    w.bytes(p.data.data, sizeof(float) * size_t(p.size()));
  }
  w.put<uint32_t>(crc32(w.out.data(), w.out.size()));
  return std::move(w.out);
}

std::unique_ptr<Model> load_model(const uint8_t* data, size_t n, size_t memory_limit_bytes) {
  if (n < 16 || std::memcmp(data, kMagic, 8) != 0) corrupt("not a Studio model (bad magic)");
  uint32_t stored_crc;
  std::memcpy(&stored_crc, data + n - 4, 4);
  if (crc32(data, n - 4) != stored_crc) corrupt("checksum mismatch (the file is corrupted)");
  ByteReader r(data, n - 4);
  r.take(8);
  const uint32_t version = r.get<uint32_t>();
  // Version 2 is the INT8 file of the same family: name the loader that opens it rather than just refusing.
  if (version == 2) corrupt("format version 2 is an INT8 model: load it with loadQuantizedModel");
  if (version != kFormatVersion) corrupt("format version " + std::to_string(version) + " is not supported (expected " + std::to_string(kFormatVersion) + ")");
  ModelSpec s;
  const uint8_t kind = r.get<uint8_t>();
  if (kind > 1) corrupt("unknown model kind");
  s.kind = ModelKind(kind);
  s.inputs = r.get<int32_t>();
  s.classes = r.get<int32_t>();
  s.l1 = r.get<float>();
  s.l2 = r.get<float>();
  s.neg_weight = r.get<float>();
  s.pos_weight = r.get<float>();
  const uint32_t nsign = r.get<uint32_t>();
  const uint8_t* sp = r.take(nsign);
  s.sign.assign(reinterpret_cast<const int8_t*>(sp), reinterpret_cast<const int8_t*>(sp) + nsign);
  const uint32_t nlayers = r.get<uint32_t>();
  if (nlayers > 64) corrupt("too many layers");
  for (uint32_t i = 0; i < nlayers; ++i) {
    LayerSpec l;
    l.units = r.get<int32_t>();
    const uint8_t act = r.get<uint8_t>();
    l.alpha = r.get<float>();
    l.dropout = r.get<float>();
    const uint8_t norm = r.get<uint8_t>();
    if (act > uint8_t(Act::Tanh) || norm > 2) corrupt("unknown activation or norm");
    l.act = Act(act);
    l.norm = Norm(norm);
    s.layers.push_back(l);
  }
  const uint32_t nemb = r.get<uint32_t>();
  if (nemb > 4) corrupt("too many embeddings");
  for (uint32_t i = 0; i < nemb; ++i) {
    EmbeddingSpec e;
    e.column = r.get<int32_t>();
    e.cardinality = r.get<int32_t>();
    e.dim = r.get<int32_t>();
    s.embeddings.push_back(e);
  }
  const uint32_t meta_len = r.get<uint32_t>();
  const uint8_t* meta = r.take(meta_len);
  std::unique_ptr<Model> model;
  try {
    model = std::make_unique<Model>(s, memory_limit_bytes);
  } catch (const EngineError& e) {
    if (e.code == ErrorCode::BadSpec) corrupt(e.what());
    throw;
  }
  model->meta.assign(reinterpret_cast<const char*>(meta), meta_len);
  const uint32_t count = r.get<uint32_t>();
  if (count != model->params().size()) corrupt("tensor count does not match the model spec");
  for (auto& p : model->params()) {
    const uint16_t len = r.get<uint16_t>();
    const std::string name(reinterpret_cast<const char*>(r.take(len)), len);
    const int64_t rows = r.get<int64_t>(), cols = r.get<int64_t>();
    if (name != p.name || rows != p.rows || cols != p.cols) corrupt("tensor " + name + " does not match the model spec");
    std::memcpy(p.data.data, r.take(sizeof(float) * size_t(p.size())), sizeof(float) * size_t(p.size()));
  }
  if (r.pos() != n - 4) corrupt("trailing bytes after the tensors");
  model->initialized = true;
  return model;
}

}  // namespace studio
