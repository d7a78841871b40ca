import { UserError } from '@studio/ir';
import { checkKernels } from '../check-kernels';
import { getColumn, type Table } from '../table';

const BAD_WORDS = new Set(['bad', 'default', 'defaulted', '1', 'yes', 'y', 'true']);

function notBinary(name: string, found: string[]): UserError {
  const shown = found.slice(0, 10).join(', ') + (found.length > 10 ? `, … (${found.length} in all)` : '');
  return new UserError(
    'TARGET_NOT_BINARY',
    `The target column "${name}" must have exactly two values (good/bad, 0/1), but it has ${found.length}: ${shown}. Pick a binary column as the target or recode this one.`,
    { column: name, values: found.slice(0, 50) },
  );
}

function oneClass(name: string): UserError {
  return new UserError(
    'TARGET_ONE_CLASS',
    `Every row of "${name}" has the same outcome, so there is nothing to learn. Use data that contains both good and bad loans.`,
    { column: name },
  );
}

/**
 * The target as 0/1 per row (1 = bad / default). Numeric and boolean columns must hold 0 and 1 unless
 * `badValue` names the bad value; a text column must have two categories, the bad one named by `badValue`
 * or recognised (bad, default, yes, 1, true). Missing targets and a single class are user errors.
 */
export function binaryTarget(table: Table, name: string, badValue?: string | number): Uint8Array {
  const col = getColumn(table, name);
  const y = new Uint8Array(table.rowCount);
  let missing = 0;
  if (col.type === 'categorical') {
    const used = new Set<number>();
    for (const c of col.codes)
      if (c < 0) missing++;
      else used.add(c);
    const levels = [...used].map((c) => col.levels[c]!);
    if (levels.length > 2) throw notBinary(name, levels);
    if (levels.length < 2) throw oneClass(name);
    const bad =
      badValue !== undefined ? String(badValue) : levels.find((l) => BAD_WORDS.has(l.trim().toLowerCase()));
    const badCode = bad === undefined ? -1 : col.levels.indexOf(bad);
    if (badCode < 0 || !used.has(badCode)) {
      throw new UserError(
        'TARGET_BAD_VALUE_UNKNOWN',
        `Which value of "${name}" means a bad loan? Found ${levels.map((l) => `"${l}"`).join(' and ')}; set the bad value explicitly.`,
        { column: name, values: levels },
      );
    }
    for (let i = 0; i < y.length; i++) y[i] = col.codes[i] === badCode ? 1 : 0;
  } else {
    const found = new Set<number>();
    const values = col.values;
    const kernels = checkKernels();
    if (kernels) {
      // The same first 51 distinct values in the same order, and the missing rows, from the native pass.
      const first = new Float64Array(51);
      const out = new Float64Array(2);
      kernels.firstDistinct(values, first, out);
      for (let k = 0; k < out[0]!; k++) found.add(first[k]!);
      missing = out[1]!;
    } else {
      let last = NaN;
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (v !== v) missing++;
        else if (v !== last) {
          // A repeat of the previous value is in the set already (or the set is full): skip the hash.
          last = v;
          if (found.size <= 50) found.add(v);
        }
      }
    }
    const distinct = [...found].sort((a, b) => a - b);
    const bad = badValue !== undefined ? Number(badValue) : 1;
    const allowed =
      badValue !== undefined
        ? distinct.length < 2 || distinct.includes(bad)
        : distinct.every((v) => v === 0 || v === 1);
    if (distinct.length > 2 || !allowed) throw notBinary(name, distinct.map(String));
    if (kernels) kernels.equalMask(values, bad, y);
    else for (let i = 0; i < y.length; i++) y[i] = values[i] === bad ? 1 : 0;
  }
  if (missing > 0) {
    throw new UserError(
      'TARGET_MISSING',
      `The target column "${name}" is missing in ${missing} rows. Remove those rows or fill them in before training.`,
      { column: name, missing },
    );
  }
  let bads = 0;
  const kernels = checkKernels();
  if (kernels) {
    const counts = new Float64Array(2);
    kernels.classCounts(y, counts);
    bads = counts[1]!;
  } else for (let i = 0; i < y.length; i++) bads += y[i]!;
  if (bads === 0 || bads === y.length) throw oneClass(name);
  return y;
}
