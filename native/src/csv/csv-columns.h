// The cells of a CSV file's data rows, column by column, for packages/data's `readCsv` (csv/native-read.ts):
// tokenized as its TypeScript tokenizer does (RFC 4180, blank lines skipped), each cell's number parsed as its
// `parseNumberBytes` does (the same doubles: both round correctly), each text interned from its bytes. Types,
// missing values and errors stay in TypeScript; anything off the common path makes `csv_columns` return false
// and the TypeScript reader then runs, reporting exactly what it always did.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "../core/huge-pages.h"

namespace studio {


/**
 * Allocates a megabyte or more on transparent huge pages: a fresh process otherwise takes a page fault per
 * 4 KiB of the columns it fills (measured ~70 ms for 20 MB on this project's virtual machines, ~2-30 ms so).
 */
template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}
  T* allocate(size_t n) { return static_cast<T*>(huge_page_alloc(n * sizeof(T))); }
  void deallocate(T* p, size_t) { huge_page_free(p); }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

/** A column's cells, on huge pages where large. */
template <class T>
using CellVector = std::vector<T, HugePageAllocator<T>>;

/** What `csv_columns` found in one column. */
struct CsvColumn {
  /**
   * -1 a missing marker, -2 a number whose text was not kept, else the index of its text in `texts`; empty
   * when every cell is such a number.
   */
  CellVector<int32_t> codes;
  /** Distinct texts other than the missing markers, in the order first seen (with `intern_all`, numbers too). */
  std::vector<std::string> texts;
  /** The number of each text (NaN when it is not one). */
  std::vector<double> text_values;
  /** Texts first seen in the sample's rows (which are those of `texts` before this index). */
  int64_t sample_texts = 0;
  /** Cells with code -2. */
  int64_t numbers = 0;
  /** The first row whose cell is a non-empty text that is neither a number nor a missing marker, else -1. */
  int64_t first_text = -1;
  /** Every cell's text kept (asked for, or the column holds both numbers and other texts). */
  bool intern_all = false;
};

struct CsvColumns {
  int64_t rows = 0;
  /** Rows that end within the first `infer_rows + 1` line feeds of the file (the type sample). */
  int64_t sample_rows = 0;
  /** The 1-based line on which each row starts. */
  CellVector<int32_t> lines;
  /**
   * Each cell's number (NaN for any other text), column k's row r at values[k * stride + r]: one block for all
   * columns, so that a fresh process faults in huge pages, not a 4 KiB page at a time per column.
   */
  CellVector<double> values;
  int64_t stride = 0;
  std::vector<CsvColumn> columns;
};

/**
 * The data rows of buf[from, size) (`line`: the line number at `from`; `width` fields a row). Returns false for
 * bytes that are not UTF-8, a row of another width, a quote error, a lone CR, a text starting with a byte-order
 * mark, a number that does not convert, or no row at all. `intern_all[k]` keeps every cell's text of column k.
 */
bool csv_columns(const uint8_t* buf, int64_t size, int64_t from, int64_t line, int64_t width, int64_t infer_rows,
                 const std::vector<std::string>& markers, const std::vector<uint8_t>& intern_all, CsvColumns* out);

}  // namespace studio
