import { describe, expect, it } from 'vitest';
import { defaultParams } from '../catalogue';
import { IR_VERSION, type GraphIR } from '../graph';
import { inferOp } from '../test-support/infer-op';
import { defaultSearchSpace, searchSpaceProblem, tunableParams } from '../tuning/search-space';
import { validateGraph } from '../validate-graph';

const gbm = { type: 'model', family: 'gbm', trained: true, quantized: false } as const;
const logistic = { type: 'model', family: 'logistic', trained: true, quantized: false } as const;
const network = { type: 'model', family: 'network', trained: true, quantized: false } as const;

/** Dataset → Split → Gradient Boosting → Evaluate, with a Tune node on the model. */
function tunedGraph(tune: Record<string, unknown>, gbmParams: Record<string, unknown> = {}): GraphIR {
  const node = (id: string, op: string, p: Record<string, unknown> = {}) => ({
    id,
    op,
    params: { ...defaultParams(op), ...p },
  });
  const wire = (id: string, from: string, to: string) => {
    const [sn = '', sp = ''] = from.split('.');
    const [tn = '', tp = ''] = to.split('.');
    return { id, source: { node: sn, port: sp }, target: { node: tn, port: tp } };
  };
  return {
    irVersion: IR_VERSION,
    nodes: [
      node('dataset-1', 'dataset', { datasetId: 'd1', target: 'default' }),
      node('split-1', 'split'),
      node('gbm-1', 'gradient-boosting', gbmParams),
      node('tune-1', 'tune', tune),
      node('evaluate-1', 'evaluate'),
    ],
    edges: [
      wire('e1', 'dataset-1.table', 'split-1.table'),
      wire('e2', 'split-1.train', 'gbm-1.table'),
      wire('e3', 'gbm-1.model', 'evaluate-1.model'),
      wire('e4', 'split-1.test', 'evaluate-1.table'),
      wire('e5', 'gbm-1.model', 'tune-1.model'),
    ],
    meta: { name: 'tuned', target: 'default', seed: 42 },
  };
}

const context = {
  datasetColumns: (id: string) => (id === 'd1' ? ['income', 'age', 'default'] : undefined),
};

function errorsAt(graph: GraphIR, nodeId: string) {
  return validateGraph(graph, { context }).diagnostics.filter(
    (d) => d.nodeId === nodeId && d.severity === 'error',
  );
}

describe('tune', () => {
  it('accepts every model family with its default space and reports nothing downstream', () => {
    for (const model of [gbm, logistic, network])
      expect(inferOp('tune', { model })).toEqual({ ok: true, outputs: {} });
    const result = validateGraph(tunedGraph({}), { context });
    expect(result.ok).toBe(true);
    expect(result.diagnostics.filter((d) => d.nodeId === 'tune-1')).toEqual([]);
  });

  it('gives every family a default space that passes its own checks', () => {
    for (const family of ['gbm', 'logistic', 'network'] as const) {
      expect(defaultSearchSpace(family).length).toBeGreaterThan(0);
      expect(searchSpaceProblem(family, defaultSearchSpace(family))).toBeNull();
      expect(tunableParams(family).length).toBeGreaterThan(0);
    }
  });

  it('refuses a quantized or untrained model input', () => {
    expect(inferOp('tune', { model: { ...gbm, quantized: true } })).toMatchObject({
      ok: false,
      port: 'model',
    });
    expect(inferOp('tune', { model: { ...network, trained: false } })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Train node/),
    });
  });

  it('pins bad search spaces to the searchSpace field with a message that says what to change', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { param: 'learningRate', type: 'range', min: 0, max: 0.3, scale: 'linear' },
        /learningRate must be above 0/,
      ],
      [{ param: 'trees', type: 'range', min: 0, max: 300, scale: 'linear' }, /trees must be at least 1/],
      [
        { param: 'trees', type: 'choice', values: [0, 100] },
        /trees must stay within 1 to 10000; 0 is outside/,
      ],
      [{ param: 'maxLeaves', type: 'range', min: 64, max: 8, scale: 'linear' }, /is empty; put the smaller/],
      [{ param: 'l2', type: 'range', min: 0, max: 10, scale: 'log' }, /log-scale range must start above 0/],
      [
        { param: 'nope', type: 'range', min: 1, max: 2, scale: 'linear' },
        /not a parameter of Gradient Boosting/,
      ],
      [{ param: 'classWeight', type: 'choice', values: ['heavy'] }, /one of none, balanced/],
      [{ param: 'classWeight', type: 'range', min: 0, max: 1, scale: 'linear' }, /search it as a choice/],
      [{ param: 'maxLeaves', type: 'range', min: 8.2, max: 8.7, scale: 'linear' }, /holds none/],
    ];
    for (const [dimension, message] of cases) {
      const errors = errorsAt(tunedGraph({ searchSpace: [dimension] }), 'tune-1');
      expect(errors, JSON.stringify(dimension)).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: 'IR012', param: 'searchSpace' });
      expect(errors[0]!.message).toMatch(message);
    }
  });

  it('refuses duplicates and structurally broken entries', () => {
    const twice = errorsAt(
      tunedGraph({
        searchSpace: [
          { param: 'l2', type: 'range', min: 0, max: 1, scale: 'linear' },
          { param: 'l2', type: 'choice', values: [1] },
        ],
      }),
      'tune-1',
    );
    expect(twice[0]!.message).toMatch(/listed twice/);
    const broken = errorsAt(tunedGraph({ searchSpace: [{ param: 'l2', type: 'range', min: 0 }] }), 'tune-1');
    expect(broken[0]).toMatchObject({ code: 'IR002', param: 'searchSpace' });
    const empty = errorsAt(
      tunedGraph({ searchSpace: [{ param: 'l2', type: 'choice', values: [] }] }),
      'tune-1',
    );
    expect(empty[0]!.message).toMatch(/at least one choice/);
  });

  it('refuses a budget too small for one trial', () => {
    const zero = errorsAt(tunedGraph({ budget: 'trials', trials: 0 }), 'tune-1');
    expect(zero).toEqual([
      expect.objectContaining({ param: 'trials', message: expect.stringMatching(/too small for one trial/) }),
    ]);
    const seconds = errorsAt(tunedGraph({ budget: 'seconds', seconds: 3, folds: 5 }), 'tune-1');
    expect(seconds).toEqual([
      expect.objectContaining({
        param: 'seconds',
        message: expect.stringMatching(/too small for one trial.*5 models/),
      }),
    ]);
    // The same 3 s fit one trial on the validation split.
    expect(
      errorsAt(tunedGraph({ budget: 'seconds', seconds: 3, evaluation: 'validation' }), 'tune-1'),
    ).toEqual([]);
    // A trials budget does not read the seconds field.
    expect(errorsAt(tunedGraph({ budget: 'trials', seconds: 0 }), 'tune-1')).toEqual([]);
  });

  it('checks the logistic and network spaces against their own fields', () => {
    expect(
      inferOp(
        'tune',
        { model: logistic },
        { searchSpace: [{ param: 'learningRate', type: 'range', min: 0.1, max: 0.2 }] },
      ),
    ).toMatchObject({
      ok: false,
      param: 'searchSpace',
      message: expect.stringMatching(/Logistic Regression/),
    });
    expect(
      inferOp(
        'tune',
        { model: network },
        { searchSpace: [{ param: 'lr', type: 'range', min: 0, max: 0.1, scale: 'linear' }] },
      ),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/lr must be/) });
    expect(
      inferOp(
        'tune',
        { model: network },
        { searchSpace: [{ param: 'epochs', type: 'choice', values: [5, 10] }] },
      ),
    ).toEqual({ ok: true, outputs: {} });
  });

  it('leaves the model node its own errors: monotone constraints on unknown columns, zero trees', () => {
    const errors = errorsAt(tunedGraph({}, { monotoneIncreasing: ['salary'] }), 'gbm-1');
    expect(errors[0]).toMatchObject({
      param: 'monotoneIncreasing',
      message: expect.stringMatching(/"salary"/),
    });
    expect(errorsAt(tunedGraph({}, { trees: 0 }), 'gbm-1')[0]).toMatchObject({
      code: 'IR002',
      param: 'trees',
    });
    expect(errorsAt(tunedGraph({}, { learningRate: 0 }), 'gbm-1')[0]).toMatchObject({
      code: 'IR002',
      param: 'learningRate',
    });
  });
});
