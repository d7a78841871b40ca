import { describe, expect, it } from 'vitest';
import { createModel, InvalidEngineInputError } from './index';
import { auc, logisticData, logit } from './test-fixtures';

// Inputs 3, 5, 6 and 7 are irrelevant.
const BETA = [1.2, -0.8, 0.5, 0, 2, 0, 0, 0];
const INPUTS = BETA.length;
const IRRELEVANT = [3, 5, 6, 7];
const train = logisticData(20_000, BETA, -1.5, 3);
const test = logisticData(10_000, BETA, -1.5, 4);
const validation = { X: test.X, y: test.y, rows: test.rows };

function unit(j: number, scale = 1): Float32Array {
  const e = new Float32Array(INPUTS);
  e[j] = scale;
  return e;
}

/** Coefficients then intercept, read back from predictions at 0 and at unit vectors. */
function coefficients(predictOne: (row: Float32Array) => number): number[] {
  const b = logit(predictOne(new Float32Array(INPUTS)));
  return [...Array.from({ length: INPUTS }, (_, j) => logit(predictOne(unit(j))) - b), b];
}

/**
 * Whether coefficient j is zero: with x_j = 1e6 any coefficient above ~1e-13 moves the f32 logit off
 * the intercept, so equal predictions mean the coefficient is 0 to far below the f32 rounding of
 * the others.
 */
function isZero(predictOne: (row: Float32Array) => number, j: number): boolean {
  return predictOne(unit(j, 1e6)) === predictOne(new Float32Array(INPUTS));
}

describe("optimizer 'lbfgs'", () => {
  it('with l1 gives exact zeros for irrelevant inputs and an AUC close to Newton', async () => {
    const newton = createModel({ kind: 'logistic', inputs: INPUTS, l2: 1e-3 });
    const rn = await newton.train(train.X, train.y, train.rows, { validation });
    const sparse = createModel({ kind: 'logistic', inputs: INPUTS, l1: 0.01 });
    const progress: number[] = [];
    const rs = await sparse.train(train.X, train.y, train.rows, {
      optimizer: 'lbfgs',
      validation,
      onProgress: (p) => progress.push(p.loss),
    });
    for (const j of IRRELEVANT) expect(isZero((r) => sparse.predictOne(r), j)).toBe(true);
    // The check can fail: Newton's L2 fit leaves the irrelevant coefficients small but non-zero.
    expect(IRRELEVANT.every((j) => isZero((r) => newton.predictOne(r), j))).toBe(false);
    const w = coefficients((r) => sparse.predictOne(r));
    for (const j of [0, 1, 2, 4]) expect(Math.abs(w[j] ?? 0)).toBeGreaterThan(0.3);
    // L1 shrinks towards zero: every kept coefficient is smaller in size than Newton's.
    const wn = coefficients((r) => newton.predictOne(r));
    for (const j of [0, 1, 2, 4]) expect(Math.abs(w[j] ?? 0)).toBeLessThan(Math.abs(wn[j] ?? 0));

    const sparseAuc = auc(await sparse.predict(test.X, test.rows), test.y);
    const newtonAuc = auc(await newton.predict(test.X, test.rows), test.y);
    expect(newtonAuc).toBeGreaterThan(0.85);
    expect(Math.abs(sparseAuc - newtonAuc)).toBeLessThan(0.005);
    expect(rs.valAuc).toBeCloseTo(sparseAuc, 6);
    expect(rn.valAuc).toBeCloseTo(newtonAuc, 6);
    expect(rs.epochs).toBeGreaterThan(1);
    expect(rs.epochs).toBeLessThan(100); // converged before the default cap
    expect(progress.length).toBeGreaterThanOrEqual(rs.epochs);
    expect(rs.loss).toBeLessThanOrEqual(progress[0] ?? Number.NaN);
    newton.dispose();
    sparse.dispose();
  });

  it('with l2 only reaches the Newton solution', async () => {
    const newton = createModel({ kind: 'logistic', inputs: INPUTS, l2: 1e-2 });
    const lbfgs = createModel({ kind: 'logistic', inputs: INPUTS, l2: 1e-2 });
    const rn = await newton.train(train.X, train.y, train.rows);
    const rl = await lbfgs.train(train.X, train.y, train.rows, { optimizer: 'lbfgs' });
    const wn = coefficients((r) => newton.predictOne(r));
    const wl = coefficients((r) => lbfgs.predictOne(r));
    wl.forEach((v, j) => expect(v).toBeCloseTo(wn[j] ?? NaN, 3));
    expect(rl.loss).toBeCloseTo(rn.loss, 8);
    newton.dispose();
    lbfgs.dispose();
  });

  it('invalid combinations are typed errors', async () => {
    const l1 = createModel({ kind: 'logistic', inputs: INPUTS, l1: 0.01 });
    // Newton (also the logistic default) refuses l1 and names the solver that handles it.
    for (const opts of [{ optimizer: 'newton' as const }, {}])
      await expect(l1.train(train.X, train.y, train.rows, opts)).rejects.toMatchObject({
        name: 'InvalidEngineInputError',
        code: 'ENGINE_BAD_OPTION',
        message: expect.stringContaining("use 'lbfgs'") as unknown as string,
      });
    const mlp = createModel({ kind: 'mlp', inputs: INPUTS, layers: [] });
    const err: unknown = await mlp
      .train(train.X, train.y, train.rows, { optimizer: 'lbfgs' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidEngineInputError);
    expect(err).toMatchObject({ code: 'ENGINE_BAD_OPTION' });
    expect(String((err as Error).message)).toMatch(/'lbfgs' applies to logistic models only/);
    await expect(
      l1.train(train.X, train.y, train.rows, { optimizer: 'l-bfgs' as unknown as 'lbfgs' }),
    ).rejects.toBeInstanceOf(InvalidEngineInputError);
    mlp.dispose();
    l1.dispose();
  });
});
