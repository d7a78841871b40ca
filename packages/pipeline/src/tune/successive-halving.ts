import { halvingSchedule } from './halving-schedule';
import type { Config } from './sample-config';

/** One scored trial: a configuration at one rung. */
export interface ScoredTrial {
  trial: number;
  rung: number;
  resource: number;
  params: Config;
  score: number;
  seconds: number;
}

/** What the search needs from its caller: how to draw and score configurations, and when to stop. */
export interface HalvingSearch {
  /** Configurations at the first rung of each bracket. */
  trials: number;
  eta: number;
  higherIsBetter: boolean;
  /** `now()` value after which no new trial starts; null runs one bracket. */
  deadline: number | null;
  /** Draws configuration number `trial` (1, 2, …), in order. */
  draw(trial: number): Config;
  /** The metric of a configuration trained with `resource` of the full resource. */
  evaluate(config: Config, resource: number): Promise<number>;
  onTrial(trial: ScoredTrial): void;
  /** Throws when the run was cancelled. */
  checkAbort(): void;
  now(): number;
}

/**
 * Trials the search may run under a time budget, whatever the clock says: a bound on the loop and on the
 * leaderboard kept with the run (about 200 bytes a trial).
 */
export const MAX_TRIALS = 5000;

/** Better first; a score that is not a number (one class in a fold) ranks last; ties go to the earlier trial. */
export function rankTrials(higherIsBetter: boolean): (a: ScoredTrial, b: ScoredTrial) => number {
  const key = (t: ScoredTrial) =>
    Number.isFinite(t.score) ? (higherIsBetter ? -t.score : t.score) : Number.POSITIVE_INFINITY;
  return (a, b) => key(a) - key(b) || a.trial - b.trial;
}

/** The chosen trial: the best score at the highest rung any configuration reached. */
export function bestTrial(trials: readonly ScoredTrial[], higherIsBetter: boolean): ScoredTrial | null {
  const top = Math.max(-1, ...trials.map((t) => t.rung));
  return trials.filter((t) => t.rung === top).sort(rankTrials(higherIsBetter))[0] ?? null;
}

/**
 * Random search with successive halving: each bracket draws `trials` configurations, scores them with a small
 * share of the resource, keeps the best 1/η and raises the resource η-fold until the survivors run in full.
 * Without a deadline one bracket runs; with one, brackets repeat until the time is up (the first trial always
 * finishes, so there is a configuration to hand on). Deterministic when `draw` and `evaluate` are.
 */
export async function successiveHalving(
  s: HalvingSearch,
): Promise<{ trials: ScoredTrial[]; best: ScoredTrial | null; stopped: string | null }> {
  const schedule = halvingSchedule(s.trials, s.eta);
  const rank = rankTrials(s.higherIsBetter);
  const all: ScoredTrial[] = [];
  let next = 1;
  let stopped: string | null = null;
  const timeUp = () => s.deadline !== null && s.now() >= s.deadline && all.length > 0;
  do {
    let alive: { trial: number; params: Config }[] = [];
    for (let i = 0; i < schedule[0]!.configs; i++) alive.push({ trial: next, params: s.draw(next++) });
    for (const [k, rung] of schedule.entries()) {
      const scored: ScoredTrial[] = [];
      for (const c of alive) {
        if (timeUp() || all.length >= MAX_TRIALS) {
          stopped =
            all.length >= MAX_TRIALS
              ? `the search reached the most trials a run keeps (${MAX_TRIALS})`
              : `the time budget ran out after ${all.length} trials`;
          break;
        }
        s.checkAbort();
        const t0 = s.now();
        const score = await s.evaluate(c.params, rung.resource);
        const entry = { ...c, rung: k, resource: rung.resource, score, seconds: (s.now() - t0) / 1000 };
        all.push(entry);
        scored.push(entry);
        s.onTrial(entry);
      }
      if (stopped !== null) break;
      const keep = schedule[k + 1]?.configs ?? 0;
      alive = scored
        .sort(rank)
        .slice(0, keep)
        .map((t) => ({ trial: t.trial, params: t.params }));
    }
  } while (s.deadline !== null && stopped === null);
  return { trials: all, best: bestTrial(all, s.higherIsBetter), stopped };
}
