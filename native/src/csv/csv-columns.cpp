#include "csv-columns.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <string_view>

namespace studio {


namespace {

constexpr uint8_t QUOTE = 0x22, COMMA = 0x2c, LF = 0x0a, CR = 0x0d;
constexpr double NOT_A_NUMBER = std::numeric_limits<double>::quiet_NaN();
constexpr double POW10[] = {1,    1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/**
 * `parseNumberBytes` of packages/data/src/csv/field.ts, step for step: the same grammar, the same exact fast
 * path (up to 15 significant digits and |exponent| <= 22), otherwise a correctly rounded conversion (as
 * `Number` is). Sets `failed` where that conversion reports a range error (the caller then gives up).
 */
double parse_number(const uint8_t* buf, int64_t start, int64_t end, bool* failed) {
  while (start < end && buf[start] == 0x20) start++;
  while (end > start && buf[end - 1] == 0x20) end--;
  if (start == end) return NOT_A_NUMBER;
  int64_t i = start;
  bool neg = false;
  if (buf[i] == 0x2d || buf[i] == 0x2b) {
    neg = buf[i] == 0x2d;
    i++;
  }
  const int64_t digits_start = i;
  int64_t mant = 0;
  int digits = 0, frac = 0;
  bool any = false;
  uint8_t c = 0;
  while (i < end && (c = buf[i]) >= 0x30 && c <= 0x39) {
    if (mant != 0 || c != 0x30) digits++;
    if (digits <= 18) mant = mant * 10 + (c - 0x30);
    any = true;
    i++;
  }
  if (i < end && buf[i] == 0x2e) {
    i++;
    while (i < end && (c = buf[i]) >= 0x30 && c <= 0x39) {
      if (mant != 0 || c != 0x30) digits++;
      if (digits <= 18) mant = mant * 10 + (c - 0x30);
      frac++;
      any = true;
      i++;
    }
  }
  if (!any) return NOT_A_NUMBER;
  int64_t exp = 0;
  if (i < end && (buf[i] == 0x65 || buf[i] == 0x45)) {
    i++;
    bool eneg = false;
    if (i < end && (buf[i] == 0x2d || buf[i] == 0x2b)) {
      eneg = buf[i] == 0x2d;
      i++;
    }
    int ed = 0;
    while (i < end && (c = buf[i]) >= 0x30 && c <= 0x39) {
      if (exp < 100000000) exp = exp * 10 + (c - 0x30);
      ed++;
      i++;
    }
    if (ed == 0) return NOT_A_NUMBER;
    if (eneg) exp = -exp;
  }
  if (i != end) return NOT_A_NUMBER;
  const int64_t e = exp - frac;
  if (digits > 15 || e > 22 || e < -22) {
    double v = 0;
    const auto r = std::from_chars(reinterpret_cast<const char*>(buf + digits_start),
                                   reinterpret_cast<const char*>(buf + end), v, std::chars_format::general);
    if (r.ec != std::errc() || r.ptr != reinterpret_cast<const char*>(buf + end)) {
      *failed = true;
      return NOT_A_NUMBER;
    }
    return neg ? -v : v;
  }
  const double m = double(mant);
  const double v = e >= 0 ? m * POW10[e] : m / POW10[-e];
  return neg ? -v : v;
}

uint32_t hash_bytes(const uint8_t* p, size_t n) {
  uint32_t h = 0x811c9dc5u;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x01000193u;
  return h;
}

/** Distinct byte strings of one column (missing markers included) to their code in the column's `texts`. */
class TextIndex {
 public:
  TextIndex() : slots_(64, -1) {}

  /** The code for `text`: -1 for a missing marker; a new text is appended to `col.texts`. */
  int32_t code(std::string_view text, double value, const std::vector<std::string>& markers, CsvColumn& col) {
    const uint32_t h = hash_bytes(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    size_t mask = slots_.size() - 1;
    size_t slot = h & mask;
    for (;; slot = (slot + 1) & mask) {
      const int32_t id = slots_[slot];
      if (id < 0) break;
      if (hashes_[size_t(id)] == h && keys_[size_t(id)] == text) return codes_[size_t(id)];
    }
    int32_t code = -1;
    for (const std::string& m : markers)
      if (m == text) code = 0;
    if (code == 0) {
      code = -1;
    } else {
      code = int32_t(col.texts.size());
      col.texts.emplace_back(text);
      col.text_values.push_back(value);
    }
    const auto id = int32_t(keys_.size());
    keys_.emplace_back(text);
    hashes_.push_back(h);
    codes_.push_back(code);
    slots_[slot] = id;
    if (keys_.size() * 2 > slots_.size()) grow();
    return code;
  }

 private:
  void grow() {
    slots_.assign(slots_.size() * 2, -1);
    const size_t mask = slots_.size() - 1;
    for (size_t id = 0; id < keys_.size(); id++) {
      size_t slot = hashes_[id] & mask;
      while (slots_[slot] >= 0) slot = (slot + 1) & mask;
      slots_[slot] = int32_t(id);
    }
  }

  std::vector<int32_t> slots_;
  std::vector<std::string> keys_;
  std::vector<uint32_t> hashes_;
  std::vector<int32_t> codes_;
};

struct Field {
  int64_t start, end;
  bool escaped;
};

/**
 * Calls `on_row(fields, line, end)` for every row of buf[from, size), exactly as CsvTokenizer.parse (final)
 * splits them; returns false where that tokenizer would throw or see a lone CR, or `on_row` returns false.
 */
template <class OnRow>
bool tokenize(const uint8_t* buf, int64_t size, int64_t from, int64_t line, OnRow on_row) {
  std::vector<Field> fields;
  int64_t i = from;
  while (i < size) {
    const int64_t row_line = line;
    int64_t lines = 0;
    uint8_t c = buf[i];
    if (c == LF || c == CR) {
      if (c == CR && (i + 1 >= size || buf[i + 1] != LF)) return false;
      i += c == CR ? 2 : 1;
      line++;
      continue;
    }
    fields.clear();
    for (;;) {
      if (i >= size) {
        fields.push_back({i, i, false});
        break;
      }
      c = buf[i];
      if (c == QUOTE) {
        const int64_t start = ++i;
        bool escaped = false;
        for (;;) {
          if (i >= size) return false;
          c = buf[i];
          if (c == QUOTE) {
            if (i + 1 < size && buf[i + 1] == QUOTE) {
              escaped = true;
              i += 2;
              continue;
            }
            break;
          }
          if (c == LF) lines++;
          i++;
        }
        fields.push_back({start, i, escaped});
        i++;
        if (i >= size) break;
        c = buf[i];
        if (c == COMMA) {
          i++;
          continue;
        }
        if (c != LF && c != CR) return false;
      } else {
        const int64_t start = i;
        while (i < size) {
          c = buf[i];
          if (c == COMMA || c == LF || c == CR) break;
          i++;
        }
        fields.push_back({start, i, false});
        if (i >= size) break;
        if (c == COMMA) {
          i++;
          continue;
        }
      }
      if (c == CR) {
        if (i + 1 >= size || buf[i + 1] != LF) return false;
        i += 2;
      } else {
        i++;
      }
      lines++;
      break;
    }
    line = row_line + lines;
    if (!on_row(fields, row_line, i)) return false;
  }
  return true;
}

/** Whether buf[from, size) is UTF-8 as `isUtf8` (WHATWG) decides: no overlongs, surrogates or code points past U+10FFFF. */
bool valid_utf8(const uint8_t* buf, int64_t from, int64_t size) {
  int64_t i = from;
  while (i < size) {
    if (i + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, buf + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const uint8_t b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    int n;
    uint8_t lo = 0x80, hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      n = 1;
    } else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      if (b == 0xe0) lo = 0xa0;
      if (b == 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      if (b == 0xf0) lo = 0x90;
      if (b == 0xf4) hi = 0x8f;
    } else {
      return false;
    }
    if (i + n >= size) return false;
    if (buf[i + 1] < lo || buf[i + 1] > hi) return false;
    for (int j = 2; j <= n; j++)
      if (buf[i + j] < 0x80 || buf[i + j] > 0xbf) return false;
    i += n + 1;
  }
  return true;
}

/** Half as much room again for each column's numbers. */
void grow(CsvColumns* out, int64_t width) {
  const int64_t stride = out->stride + out->stride / 2 + 16;
  CellVector<double> values(size_t(stride * width));
  for (int64_t k = 0; k < width; k++)
    std::copy_n(out->values.data() + k * out->stride, out->stride, values.data() + k * stride);
  out->values = std::move(values);
  out->stride = stride;
}

/** Where the sample ends: after the file's (infer_rows + 1)-th line feed, or at its end. */
int64_t sample_end(const uint8_t* buf, int64_t size, int64_t infer_rows) {
  int64_t at = 0;
  for (int64_t n = 0; n <= infer_rows && at < size; n++) {
    const void* nl = std::memchr(buf + at, LF, size_t(size - at));
    at = nl == nullptr ? size : static_cast<const uint8_t*>(nl) - buf + 1;
  }
  return at;
}

}  // namespace

bool csv_columns(const uint8_t* buf, int64_t size, int64_t from, int64_t line, int64_t width, int64_t infer_rows,
                 const std::vector<std::string>& markers, const std::vector<uint8_t>& intern_all, CsvColumns* out) {
  if (!valid_utf8(buf, from, size)) return false;
  const int64_t sample_to = sample_end(buf, size, infer_rows);
  out->columns.assign(size_t(width), CsvColumn{});
  for (int64_t k = 0; k < width; k++) out->columns[size_t(k)].intern_all = intern_all[size_t(k)] != 0;
  // The rows expected from the first line's length, so the columns rarely grow.
  const void* nl = std::memchr(buf + from, LF, size_t(size - from));
  const int64_t first = nl == nullptr ? size - from : static_cast<const uint8_t*>(nl) - buf + 1 - from;
  const auto expected = size_t((size - from) / std::max<int64_t>(first, 1) * 11 / 10 + 16);
  out->stride = int64_t(expected);
  out->values.resize(expected * size_t(width));
  std::string unescaped;
  bool failed = false;

  // Without `redo`, reads every column; with it, reads again the texts of the columns it flags.
  auto pass = [&](const std::vector<uint8_t>* redo) {
    std::vector<TextIndex> index(static_cast<size_t>(width));
    int64_t r = 0;
    bool sampled = false;
    const bool ok = tokenize(buf, size, from, line, [&](const std::vector<Field>& fields, int64_t row_line, int64_t end) {
      if (int64_t(fields.size()) != width) return false;
      const bool in_sample = end <= sample_to;
      if (!in_sample && !sampled) {
        for (CsvColumn& col : out->columns) col.sample_texts = int64_t(col.texts.size());
        sampled = true;
      }
      if (redo == nullptr) {
        if (r == out->stride) grow(out, width);
        out->lines.push_back(int32_t(row_line));
        if (in_sample) out->sample_rows = r + 1;
      }
      for (int64_t k = 0; k < width; k++) {
        if (redo != nullptr && (*redo)[size_t(k)] == 0) continue;
        CsvColumn& col = out->columns[size_t(k)];
        const Field& f = fields[size_t(k)];
        const double v = parse_number(buf, f.start, f.end, &failed);
        if (failed) return false;
        if (redo == nullptr) out->values[size_t(k * out->stride + r)] = v;
        if (v == v && !col.intern_all) {
          col.numbers++;
          if (!col.codes.empty()) col.codes.push_back(-2);
          continue;
        }
        std::string_view text(reinterpret_cast<const char*>(buf + f.start), size_t(f.end - f.start));
        if (f.escaped) {
          unescaped.clear();
          for (int64_t i = f.start; i < f.end; i++) {
            unescaped.push_back(char(buf[i]));
            if (buf[i] == QUOTE) i++;
          }
          text = unescaped;
        }
        // TextDecoder drops a leading byte-order mark; leave such a text to the TypeScript reader.
        if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) return false;
        const int32_t code = index[size_t(k)].code(text, v, markers, col);
        if (code >= 0 && v != v && !text.empty() && col.first_text < 0) col.first_text = r;
        if (redo != nullptr) {
          col.codes[size_t(r)] = code;
        } else {
          // Codes start at a column's first text: a column of numbers alone has none.
          if (col.codes.empty()) col.codes.reserve(expected);
          if (col.codes.size() < size_t(r)) col.codes.resize(size_t(r), -2);
          col.codes.push_back(code);
        }
      }
      r++;
      return true;
    });
    if (ok && !sampled)
      for (CsvColumn& col : out->columns) col.sample_texts = int64_t(col.texts.size());
    return ok;
  };
  if (!pass(nullptr)) return false;
  out->rows = int64_t(out->lines.size());
  if (out->rows == 0 || out->sample_rows == 0) return false;
  // A column holding both numbers and other texts keeps every cell's text (a categorical column needs them).
  std::vector<uint8_t> redo(size_t(width), 0);
  bool any = false;
  for (int64_t k = 0; k < width; k++) {
    CsvColumn& col = out->columns[size_t(k)];
    if (col.intern_all || col.numbers == 0 || col.texts.empty()) continue;
    redo[size_t(k)] = 1;
    any = true;
    col = CsvColumn{std::move(col.codes), {}, {}, 0, 0, -1, true};
  }
  return !any || pass(&redo);
}

}  // namespace studio
