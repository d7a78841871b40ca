/** One rung of successive halving: how many configurations run, and with what share of the full resource. */
export interface Rung {
  configs: number;
  /** Share of the full resource (trees, epochs or rows), in (0, 1]; the last rung is 1. */
  resource: number;
}

/**
 * The rungs of one successive-halving bracket for `n` configurations and halving factor `eta` (Jamieson &
 * Talwalkar 2016; Li et al. 2018): rung k runs ⌊n / ηᵏ⌋ configurations with η^(k − last) of the resource, so
 * the survivors of the last rung run in full. One configuration is a single full-resource rung.
 */
export function halvingSchedule(n: number, eta: number): Rung[] {
  const count = Math.max(1, Math.floor(n));
  const factor = Math.max(2, Math.floor(eta));
  let rungs = 1;
  while (Math.floor(count / factor ** rungs) >= 1) rungs++;
  return Array.from({ length: rungs }, (_, k) => ({
    configs: Math.floor(count / factor ** k),
    resource: factor ** (k - (rungs - 1)),
  }));
}
