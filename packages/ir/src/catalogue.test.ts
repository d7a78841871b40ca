import { describe, expect, it } from 'vitest';
import { defaultParams, getOp, listOps, opCatalogue } from './catalogue';
import { StudioError } from './errors';
import { OP_CATEGORIES, isSinkOp } from './op-spec';
import { checkParams } from './params';
import { isPortType } from './port-types';

const credit = [
  'dataset',
  'split',
  'impute',
  'one-hot',
  'standardize',
  'woe-binning',
  'feature-selection',
  'encode',
  'logistic-regression',
  'gradient-boosting',
  'tune',
  'dense',
  'activation',
  'dropout',
  'layer-norm',
  'batch-norm',
  'loss',
  'optimizer',
  'train',
  'evaluate',
  'scorecard',
  'quantize',
  'deploy',
];

describe('op catalogue', () => {
  it('declares every op of the credit pipeline', () => {
    expect(Object.keys(opCatalogue).sort()).toEqual([...credit].sort());
  });

  it('lists ops grouped by category in palette order', () => {
    const order = listOps().map((s) => OP_CATEGORIES.indexOf(s.category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(listOps()).toHaveLength(credit.length);
  });

  for (const spec of Object.values(opCatalogue)) {
    describe(spec.op, () => {
      it('has palette text and well-formed ports', () => {
        expect(spec.title.length).toBeGreaterThan(0);
        expect(spec.description).not.toContain('\n');
        expect(spec.help.length).toBeGreaterThan(spec.description.length);
        for (const port of [...spec.inputs, ...spec.outputs]) expect(isPortType(port.type)).toBe(true);
        const names = [...spec.inputs, ...spec.outputs].map((p) => p.name);
        expect(new Set(spec.inputs.map((p) => p.name)).size).toBe(spec.inputs.length);
        expect(new Set(spec.outputs.map((p) => p.name)).size).toBe(spec.outputs.length);
        expect(names.every((n) => /^[a-z][A-Za-z0-9]*$/.test(n))).toBe(true);
      });

      it('has fields that agree with its zod schema', () => {
        const defaults = defaultParams(spec.op);
        expect(Object.keys(defaults)).toEqual(spec.fields.map((f) => f.name));
        for (const f of spec.fields) {
          if (f.kind === 'number' || f.kind === 'integer') {
            expect(f.min).toBeDefined();
            expect(f.max).toBeDefined();
            expect(f.default).toBeGreaterThanOrEqual(f.min as number);
            expect(f.default).toBeLessThanOrEqual(f.max as number);
            const over = checkParams(spec.params, { ...defaults, [f.name]: (f.max as number) + 1 }, []);
            expect(over.ok).toBe(false);
          }
          if (f.pattern !== undefined) expect(f.patternHint).toBeDefined();
          if (f.kind === 'enum') {
            expect(f.options).toContain(f.default);
            const wrong = checkParams(spec.params, { ...defaults, [f.name]: 'no-such-option' }, []);
            expect(wrong.ok).toBe(false);
          }
        }
        // Defaults are valid except where a field insists on a user choice (a dataset, a slug).
        const needsChoice = spec.fields.some((f) => f.required);
        expect(checkParams(spec.params, defaults, []).ok).toBe(!needsChoice);
      });
    });
  }

  it('treats Evaluate, Scorecard, Deploy and the self-reporting Quantize and Tune as sinks, and nothing upstream', () => {
    const sinks = Object.values(opCatalogue)
      .filter(isSinkOp)
      .map((s) => s.op)
      .sort();
    expect(sinks).toEqual(['deploy', 'evaluate', 'quantize', 'scorecard', 'tune']);
  });

  it('uses the spec defaults from the brief', () => {
    expect(defaultParams('split').testFraction).toBe(0.3);
    expect(defaultParams('scorecard')).toMatchObject({ pdo: 20, baseScore: 600, baseOdds: 50 });
    expect(defaultParams('quantize')).toMatchObject({ percentile: 99.99, maxAucDrop: 0.005 });
  });

  it('cannot be changed by a careless consumer', () => {
    const spec = getOp('split');
    expect(() => (spec.fields as unknown[]).push({})).toThrow(TypeError);
    expect(() => ((spec.inputs[0] as { type: string }).type = 'tensor')).toThrow(TypeError);
    expect(Object.isFrozen(opCatalogue)).toBe(true);
  });

  it('refuses unknown ops with a coded user error', () => {
    expect(() => getOp('nope')).toThrow(StudioError);
    expect(() => getOp('toString')).toThrow(/unknown op "toString"/);
  });
});
