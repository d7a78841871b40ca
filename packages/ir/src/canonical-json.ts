import { codeOf } from './diagnostic-codes';
import { UserError } from './errors';

function fail(path: string, what: string): never {
  throw new UserError(codeOf('NOT_SERIALISABLE'), `${path} is ${what}, which has no canonical JSON form`, {
    path,
  });
}

function write(value: unknown, path: string, open: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) fail(path, String(value));
      // ECMAScript's shortest round-trip form (as in RFC 8785); -0 is written as 0.
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      fail(path, `a ${typeof value}`);
  }
  const obj = value as object;
  if (open.has(obj)) fail(path, 'a circular reference');
  const proto: unknown = Object.getPrototypeOf(obj);
  const isArray = Array.isArray(obj);
  if (!isArray && proto !== Object.prototype && proto !== null)
    fail(path, `a ${obj.constructor?.name ?? 'class'} instance`);
  open.add(obj);
  let out: string;
  if (isArray) {
    out = `[${(obj as unknown[]).map((v, i) => (v === undefined ? 'null' : write(v, `${path}[${i}]`, open))).join(',')}]`;
  } else {
    const record = obj as Record<string, unknown>;
    // Sorted by UTF-16 code units, as RFC 8785 does; keys holding undefined are left out like JSON.stringify does.
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    out = `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k], `${path}.${k}`, open)}`).join(',')}}`;
  }
  open.delete(obj);
  return out;
}

/** Deterministic JSON: sorted keys, no whitespace, shortest numbers; throws a UserError for non-JSON values. */
export function canonicalJson(value: unknown): string {
  return write(value, 'value', new Set());
}

/** Equality of JSON values regardless of key order; `undefined` (not set) equals only itself, not null. */
export function sameJson(a: unknown, b: unknown): boolean {
  return a === undefined || b === undefined ? a === b : canonicalJson(a) === canonicalJson(b);
}
