// Ops that move data without arithmetic: embedding lookup, concat, column select.
#include <algorithm>

#include "cpu-ops.h"

namespace studio::cpu {

namespace {
// Codes are validated before training; clamping keeps a stray value from reading out of bounds.
int64_t code_at(const OpCtx& c, int64_t b) {
  const float v = c.in[0].row(b)[c.p->col];
  const int64_t vocab = c.in[1].rows;
  return std::clamp<int64_t>(int64_t(v), 0, vocab - 1);
}
}  // namespace

void embedding_fwd(OpCtx& c) {
  const int64_t D = c.out.cols;
  for (int64_t b = 0; b < c.out.rows; ++b) std::copy_n(c.in[1].row(code_at(c, b)), D, c.out.row(b));
}

void embedding_bwd(OpCtx& c) {
  if (!c.din[1].data) return;
  const int64_t D = c.out.cols;
  for (int64_t b = 0; b < c.out.rows; ++b) {
    float* d = c.din[1].row(code_at(c, b));
    const float* g = c.dout.row(b);
    for (int64_t j = 0; j < D; ++j) d[j] += g[j];
  }
}

void concat_fwd(OpCtx& c) {
  for (int64_t b = 0; b < c.out.rows; ++b) {
    float* o = c.out.row(b);
    for (int i = 0; i < c.n_in; ++i) o = std::copy_n(c.in[i].row(b), c.in[i].cols, o);
  }
}

void concat_bwd(OpCtx& c) {
  for (int64_t b = 0; b < c.out.rows; ++b) {
    const float* g = c.dout.row(b);
    for (int i = 0; i < c.n_in; ++i) {
      if (c.din[i].data) {
        float* d = c.din[i].row(b);
        for (int64_t j = 0; j < c.in[i].cols; ++j) d[j] += g[j];
      }
      g += c.in[i].cols;
    }
  }
}

void select_fwd(OpCtx& c) {
  const auto& cols = c.p->cols;
  for (int64_t b = 0; b < c.out.rows; ++b)
    for (size_t j = 0; j < cols.size(); ++j) c.out.row(b)[j] = c.in[0].row(b)[cols[j]];
}

void select_bwd(OpCtx& c) {
  if (!c.din[0].data) return;
  const auto& cols = c.p->cols;
  for (int64_t b = 0; b < c.out.rows; ++b)
    for (size_t j = 0; j < cols.size(); ++j) c.din[0].row(b)[cols[j]] += c.dout.row(b)[j];
}

}  // namespace studio::cpu
