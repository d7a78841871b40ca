import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnosticCodes } from './diagnostic-codes';
import { diagnosticSchema } from './graph';
import { findOp } from './catalogue';
import { corruptedGraphArb, graphArb, typedGraphArb } from './test-support/arbitraries';
import { validateGraph } from './validate-graph';

const codes = new Set<string>(Object.values(diagnosticCodes).map((c) => c.code));

function wellFormed(input: unknown) {
  const r = validateGraph(input);
  for (const d of r.diagnostics) {
    expect(diagnosticSchema.safeParse(d).success).toBe(true);
    expect(codes.has(d.code)).toBe(true);
    expect(d.message.length).toBeGreaterThan(0);
  }
  expect(r.ok).toBe(r.diagnostics.every((d) => d.severity !== 'error'));
  if (r.ok) expect(r.graph).toBeDefined();
  return r;
}

describe('validateGraph on random input', () => {
  it('never throws on schema-valid graphs with random ops, params and wiring', () => {
    fc.assert(
      fc.property(graphArb, (g) => {
        const r = wellFormed(g);
        expect(r.graph).toEqual(g);
      }),
      { numRuns: 400 },
    );
  });

  it('infers every output, with its declared type, on well-typed random pipelines', () => {
    fc.assert(
      fc.property(typedGraphArb, (g) => {
        const r = wellFormed(g);
        for (const [id, outputs] of Object.entries(r.inferred)) {
          const spec = findOp(g.nodes.find((n) => n.id === id)?.op ?? '');
          expect(spec?.outputs.map((p) => [p.name, p.type])).toEqual(
            Object.entries(outputs).map(([name, v]) => [name, v.type]),
          );
        }
        expect(r.diagnostics.some((d) => d.code === 'IR007' || d.code === 'IR008')).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on corrupted documents or arbitrary values', () => {
    fc.assert(
      fc.property(corruptedGraphArb, (doc) => void wellFormed(doc)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.anything(), (doc) => void wellFormed(doc)),
      { numRuns: 200 },
    );
  });
});
