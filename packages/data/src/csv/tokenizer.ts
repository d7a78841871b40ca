import { UserError } from '@studio/ir';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Field flag bits: the field was quoted; it contains doubled quotes that must be unescaped. */
export const FIELD_QUOTED = 1;
export const FIELD_ESCAPED = 2;

/** One parsed row: field byte ranges into `buf`, valid only during the callback. */
export interface RowFields {
  buf: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;
  count: number;
  /** 1-based physical line on which the row starts. */
  line: number;
}

/** Called once per complete row. */
export type RowHandler = (row: RowFields) => void;

/**
 * A byte-level RFC 4180 tokenizer that can be fed chunk by chunk. It never copies field bytes:
 * a row is reported as offsets into the caller's buffer, and an incomplete trailing row is handed back
 * (as an offset) so the caller can prepend it to the next chunk. Blank lines are skipped.
 */
export class CsvTokenizer {
  /** Line number at which the next row starts. */
  line = 1;
  /**
   * With a limit, `parse` stops at the first row that starts after `breakLimit` line breaks (returning its
   * offset), and a row whose own breaks would pass the limit is not emitted: `straddled` is set and its start
   * returned. `loneCr` records a CR not followed by LF outside quotes (then breaks and LF bytes differ in count).
   * When the limit is reached and `onBreakLimit` returns true, the limit is lifted and parsing goes on.
   */
  breakLimit = Infinity;
  onBreakLimit: ((offset: number) => boolean) | null = null;
  straddled = false;
  loneCr = false;
  private readonly row: RowFields = {
    buf: new Uint8Array(0),
    starts: new Int32Array(64),
    ends: new Int32Array(64),
    flags: new Uint8Array(64),
    count: 0,
    line: 1,
  };

  /**
   * Parses rows in `buf[from, to)`. Returns the offset where an incomplete row begins (`to` when everything
   * was consumed). With `final`, the input ends at `to`: a last row without newline is emitted, and an open
   * quote is an error.
   */
  parse(buf: Uint8Array, from: number, to: number, final: boolean, onRow: RowHandler): number {
    const row = this.row;
    row.buf = buf;
    let i = from;
    while (i < to) {
      if (this.line > this.breakLimit) {
        if (!this.onBreakLimit?.(i)) return i;
        this.breakLimit = Infinity;
      }
      const rowStart = i;
      const rowLine = this.line;
      let lines = 0;
      let c = buf[i]!;
      if (c === LF || c === CR) {
        if (c === CR && i + 1 >= to && !final) return rowStart;
        if (c === CR && buf[i + 1] !== LF) this.loneCr = true;
        i += c === CR && buf[i + 1] === LF ? 2 : 1;
        this.line++;
        continue;
      }
      row.count = 0;
      for (;;) {
        if (i >= to) {
          if (!final) return rowStart;
          // Only reachable right after a trailing comma at end of input: an empty last field.
          this.push(i, i, 0);
          break;
        }
        c = buf[i]!;
        if (c === QUOTE) {
          const openLine = rowLine + lines;
          const fStart = ++i;
          let flag = FIELD_QUOTED;
          for (;;) {
            if (i >= to) {
              if (!final) return rowStart;
              throw new UserError(
                'CSV_UNTERMINATED_QUOTE',
                `A quoted field that opens on line ${openLine} is never closed. Add the closing double quote (") or remove the stray one, then upload again.`,
                { line: openLine },
              );
            }
            c = buf[i]!;
            if (c === QUOTE) {
              if (i + 1 >= to && !final) return rowStart;
              if (buf[i + 1] === QUOTE) {
                flag |= FIELD_ESCAPED;
                i += 2;
                continue;
              }
              break;
            }
            if (c === LF) lines++;
            i++;
          }
          this.push(fStart, i, flag);
          i++;
          if (i >= to) {
            if (!final) return rowStart;
            break;
          }
          c = buf[i]!;
          if (c === COMMA) {
            i++;
            continue;
          }
          if (c !== LF && c !== CR) {
            const at = rowLine + lines;
            throw new UserError(
              'CSV_TEXT_AFTER_QUOTE',
              `Line ${at} has text right after a closing quote. Quote the whole field and write a quote inside it as two quotes (""), then upload again.`,
              { line: at },
            );
          }
        } else {
          const fStart = i;
          while (i < to) {
            c = buf[i]!;
            if (c === COMMA || c === LF || c === CR) break;
            i++;
          }
          // The common case of \`push\` written out: a call per field costs more than the field while the code is cold.
          const n = row.count;
          if (n < row.starts.length) {
            row.starts[n] = fStart;
            row.ends[n] = i;
            row.flags[n] = 0;
            row.count = n + 1;
          } else this.push(fStart, i, 0);
          if (i >= to) {
            if (!final) return rowStart;
            break;
          }
          if (c === COMMA) {
            i++;
            continue;
          }
        }
        // At CR or LF: the row ends.
        if (c === CR) {
          if (i + 1 >= to && !final) return rowStart;
          if (buf[i + 1] !== LF) this.loneCr = true;
          i += buf[i + 1] === LF ? 2 : 1;
        } else {
          i++;
        }
        lines++;
        break;
      }
      if (rowLine - 1 + lines > this.breakLimit) {
        this.straddled = true;
        return rowStart;
      }
      row.line = rowLine;
      this.line = rowLine + lines;
      onRow(row);
    }
    return to;
  }

  private push(start: number, end: number, flag: number): void {
    const row = this.row;
    if (row.count === row.starts.length) {
      const grow = row.count * 2;
      const s = new Int32Array(grow);
      s.set(row.starts);
      const e = new Int32Array(grow);
      e.set(row.ends);
      const f = new Uint8Array(grow);
      f.set(row.flags);
      row.starts = s;
      row.ends = e;
      row.flags = f;
    }
    row.starts[row.count] = start;
    row.ends[row.count] = end;
    row.flags[row.count] = flag;
    row.count++;
  }
}
