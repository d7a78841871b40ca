import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@studio/data';
import type { ParamField, SearchDimension } from '@studio/ir';
import { sampleConfig, ownConfig } from './sample-config';
import { successiveHalving, type HalvingSearch } from './successive-halving';

const fields = new Map<string, ParamField>([
  ['learningRate', { name: 'learningRate', label: '', kind: 'number', default: 0.1, min: 0.0001, max: 1 }],
  ['maxLeaves', { name: 'maxLeaves', label: '', kind: 'integer', default: 31, min: 2, max: 4096 }],
  [
    'classWeight',
    { name: 'classWeight', label: '', kind: 'enum', default: 'none', options: ['none', 'balanced'] },
  ],
]);
const space: SearchDimension[] = [
  { param: 'learningRate', type: 'range', min: 0.01, max: 0.3, scale: 'log' },
  { param: 'maxLeaves', type: 'range', min: 8, max: 64, scale: 'log' },
  { param: 'classWeight', type: 'choice', values: ['none', 'balanced'] },
];

/** A made-up objective: best near learningRate 0.1, and more resource always helps a little. */
function search(overrides: Partial<HalvingSearch> = {}, seed = 1) {
  const rand = mulberry32(seed);
  let clock = 0;
  const evaluated: number[] = [];
  const s: HalvingSearch = {
    trials: 27,
    eta: 3,
    higherIsBetter: true,
    deadline: null,
    draw: () => sampleConfig(space, fields, rand),
    async evaluate(config, resource) {
      evaluated.push(resource);
      clock += 10;
      return 1 - Math.abs(Math.log(Number(config.learningRate) / 0.1)) / 10 + resource / 100;
    },
    onTrial: () => {},
    checkAbort: () => {},
    now: () => clock,
    ...overrides,
  };
  return { run: successiveHalving(s), evaluated };
}

describe('sampleConfig', () => {
  it('draws inside the space: whole numbers for integer fields, listed choices, 3 significant digits', () => {
    const rand = mulberry32(3);
    for (let i = 0; i < 500; i++) {
      const c = sampleConfig(space, fields, rand);
      expect(c.learningRate).toBeGreaterThanOrEqual(0.01);
      expect(c.learningRate).toBeLessThanOrEqual(0.3);
      expect(Number((c.learningRate as number).toPrecision(3))).toBe(c.learningRate);
      expect(Number.isInteger(c.maxLeaves)).toBe(true);
      expect(c.maxLeaves).toBeGreaterThanOrEqual(8);
      expect(c.maxLeaves).toBeLessThanOrEqual(64);
      expect(['none', 'balanced']).toContain(c.classWeight);
    }
  });

  it('reaches both ends of an integer range', () => {
    const rand = mulberry32(4);
    const seen = new Set<number | string>();
    const d: SearchDimension = { param: 'maxLeaves', type: 'range', min: 2, max: 4, scale: 'linear' };
    for (let i = 0; i < 200; i++) seen.add(sampleConfig([d], fields, rand).maxLeaves!);
    expect([...seen].sort()).toEqual([2, 3, 4]);
  });

  it('offers the model node its own setting only when it lies inside the space', () => {
    expect(ownConfig(space, { learningRate: 0.1, maxLeaves: 31, classWeight: 'none', trees: 100 })).toEqual({
      learningRate: 0.1,
      maxLeaves: 31,
      classWeight: 'none',
    });
    expect(ownConfig(space, { learningRate: 0.5, maxLeaves: 31, classWeight: 'none' })).toBeNull();
  });
});

describe('successiveHalving', () => {
  it('runs the schedule, promotes the best 1/η, and chooses the best at the last rung', async () => {
    const { run, evaluated } = search();
    const result = await run;
    expect(result.trials.map((t) => t.rung).filter((r) => r === 0)).toHaveLength(27);
    expect(result.trials.filter((t) => t.rung === 3)).toHaveLength(1);
    expect(evaluated.slice(27, 36).every((r) => r === 1 / 9)).toBe(true);
    // Promoted configurations are the best of the rung below.
    for (const rung of [1, 2, 3]) {
      const below = result.trials.filter((t) => t.rung === rung - 1).sort((a, b) => b.score - a.score);
      const promoted = result.trials.filter((t) => t.rung === rung).map((t) => t.trial);
      expect(new Set(promoted)).toEqual(new Set(below.slice(0, promoted.length).map((t) => t.trial)));
    }
    expect(result.best!.rung).toBe(3);
    expect(result.stopped).toBeNull();
  });

  it('gives the same leaderboard for the same seed, another for another seed', async () => {
    const strip = (r: Awaited<ReturnType<typeof successiveHalving>>) =>
      r.trials.map(({ trial, rung, params, score }) => ({ trial, rung, params, score }));
    const a = strip(await search({}, 11).run);
    expect(strip(await search({}, 11).run)).toEqual(a);
    expect(strip(await search({}, 12).run)).not.toEqual(a);
  });

  it('stops a seconds budget when the time is up, still handing on a configuration', async () => {
    // Each trial takes 10 clock units; a deadline of 95 allows 10 trials, the 11th never starts.
    const { run } = search({ deadline: 95 });
    const result = await run;
    expect(result.trials).toHaveLength(10);
    expect(result.stopped).toMatch(/time budget ran out after 10 trials/);
    expect(result.best).not.toBeNull();
    // A deadline already past still runs the first trial.
    const first = await search({ deadline: -1 }).run;
    expect(first.trials).toHaveLength(1);
    expect(first.best!.trial).toBe(1);
  });

  it('repeats brackets with fresh configurations while time is left', async () => {
    const result = await search({ trials: 3, deadline: 95 }).run;
    // A bracket of 3 is 3 + 1 trials; 10 trials are two brackets and two trials of a third.
    expect(result.trials).toHaveLength(10);
    expect(new Set(result.trials.map((t) => t.trial)).size).toBe(8);
  });

  it('stops when the run is cancelled', async () => {
    let calls = 0;
    const { run } = search({
      checkAbort: () => {
        if (++calls > 5) throw new Error('cancelled');
      },
    });
    await expect(run).rejects.toThrow('cancelled');
  });

  it('ranks lower-is-better metrics and scores that are not numbers last', async () => {
    const result = await search({
      trials: 4,
      eta: 2,
      higherIsBetter: false,
      evaluate: async (c) => (c.classWeight === 'balanced' ? Number.NaN : Number(c.learningRate)),
    }).run;
    const top = result.trials.filter((t) => t.rung === result.best!.rung);
    expect(Number.isFinite(result.best!.score) || top.every((t) => !Number.isFinite(t.score))).toBe(true);
    const rung0 = result.trials.filter((t) => t.rung === 0 && Number.isFinite(t.score));
    const promoted = result.trials.filter((t) => t.rung === 1).map((t) => t.trial);
    const expected = [...rung0].sort((a, b) => a.score - b.score).slice(0, promoted.length);
    expect(new Set(promoted)).toEqual(new Set(expected.map((t) => t.trial)));
  });
});
