import { describe, expect, it } from 'vitest';
import { errorOf, factsOf, liveOf, logOf, runFactsRecord, runLiveRecord } from './run-json';

// Records as servers before versioned records wrote them (Run.metrics had `version: 1`, the others no version).
const factsV1 = {
  version: 1,
  graphHash: 'a'.repeat(64),
  datasetHash: 'b'.repeat(64),
  seed: 42,
  modelKind: 'logistic',
  engineVersion: '@studio/engine 0.1.0',
  durations: { total: 1.5 },
  evaluation: null,
  evaluations: [],
  woe: null,
  scorecard: null,
  warnings: [{ code: 'W', message: 'careful', nodeId: 'split-1' }],
};
const progress = {
  phase: 'training',
  fraction: 0.5,
  etaSeconds: 2,
  epoch: 3,
  step: 30,
  loss: 0.4,
  valLoss: 0.41,
  valAuc: 0.7,
  rowsPerSec: 1200,
};
const liveV1 = {
  progress,
  history: [{ step: 30, epoch: 3, loss: 0.4, valLoss: 0.41, valAuc: 0.7 }],
  logs: [{ at: '2026-01-01T00:00:00.000Z', level: 'info', message: 'hi' }],
};

describe('run records', () => {
  it('migrate run facts version 1 to the current version', () => {
    const { version: _, ...rest } = factsV1;
    expect(factsOf({ id: 'r1', metrics: factsV1 })).toEqual({
      v: 3,
      ...rest,
      quantizations: [],
      tunings: [],
    });
    expect(runFactsRecord.version).toBe(3);
  });

  it('migrate run facts version 2 (before Tune nodes) to version 3 with no leaderboards', () => {
    const { version: _, ...rest } = factsV1;
    const v2 = { v: 2, ...rest, quantizations: [] };
    expect(factsOf({ id: 'r2', metrics: v2 })).toEqual({ ...v2, v: 3, tunings: [] });
  });

  it('read current run facts unchanged', () => {
    const current = factsOf({ metrics: factsV1 });
    expect(factsOf({ metrics: structuredClone(current) })).toEqual(current);
  });

  it('migrate the version 1 live state to the latest progress (curve and logs live in their tables)', () => {
    expect(liveOf({ progress: liveV1 })).toEqual({ v: 2, progress });
    expect(liveOf({ progress: { progress: null, history: [], logs: [] } })).toEqual({ v: 2, progress: null });
    expect(liveOf({ progress: null })).toEqual({ v: 2, progress: null });
    expect(runLiveRecord.version).toBe(2);
  });

  it('migrate a version 1 error and read none as null', () => {
    expect(errorOf({ error: { code: 'RUN_CANCELLED', message: 'stopped' } })).toEqual({
      v: 2,
      code: 'RUN_CANCELLED',
      message: 'stopped',
    });
    expect(errorOf({ error: null })).toBeNull();
  });

  it('refuse a record from a newer Studio with a clear operational error', () => {
    expect(() => factsOf({ id: 'r9', metrics: { ...factsV1, version: undefined, v: 4 } })).toThrow(
      expect.objectContaining({
        code: 'STORED_RECORD_TOO_NEW',
        kind: 'operational',
        message: expect.stringMatching(
          /^run r9: the stored run facts is version 4, but this Studio reads versions up to 3\. A newer Studio wrote it/,
        ),
      }),
    );
    expect(() => liveOf({ id: 'r9', progress: { v: 5, progress: null } })).toThrow(
      /run progress is version 5/,
    );
    expect(() => errorOf({ id: 'r9', error: { v: 3, code: 'X', message: 'm' } })).toThrow(
      /run error is version 3/,
    );
  });

  it('refuse a broken record naming the run and the field', () => {
    expect(() => factsOf({ id: 'r2', metrics: { ...factsV1, seed: 'forty-two' } })).toThrow(
      /run r2: the stored run facts \(version 1\) is not valid at seed: /,
    );
    expect(() => factsOf({ id: 'r3', metrics: null })).toThrow(
      /run r3: the stored run facts carries no version/,
    );
  });

  it('turn log rows into the API log lines', () => {
    const at = new Date('2026-01-01T00:00:00.123Z');
    expect(logOf({ at, level: 'warn', message: 'm', nodeId: null })).toEqual({
      at: '2026-01-01T00:00:00.123Z',
      level: 'warn',
      message: 'm',
    });
    expect(logOf({ at, level: 'info', message: 'm', nodeId: 'n1' }).nodeId).toBe('n1');
    expect(() => logOf({ at, level: 'loud', message: 'm', nodeId: null })).toThrow();
  });
});
