import type { GbmStep, LogisticStep, ModelBranch, NetworkStep } from '../plan/plan-types';
import type { Config } from './sample-config';

type ModelStep = ModelBranch['model'];

const num = (c: Config, k: string, fallback: number) => (typeof c[k] === 'number' ? c[k] : fallback);

/**
 * The model step with a configuration's values, its resource scaled by `resource` (trees of boosted trees,
 * epochs of a network, at least one); a logistic regression's resource is its rows, which the caller subsamples.
 */
export function withConfig<S extends ModelStep>(step: S, config: Config, resource = 1): S {
  if (step.kind === 'gbm') {
    const s: GbmStep = { ...step, ...(config as Partial<GbmStep>) };
    return { ...s, trees: Math.max(1, Math.round(s.trees * resource)) } as S;
  }
  if (step.kind === 'logistic') return { ...step, ...(config as Partial<LogisticStep>) } as S;
  const net: NetworkStep = step;
  const epochs = num(config, 'epochs', net.train.epochs);
  return {
    ...net,
    optimizer: {
      ...net.optimizer,
      lr: num(config, 'lr', net.optimizer.lr),
      momentum: num(config, 'momentum', net.optimizer.momentum),
      weightDecay: num(config, 'weightDecay', net.optimizer.weightDecay),
    },
    loss: { ...net.loss, positiveWeight: num(config, 'positiveWeight', net.loss.positiveWeight) },
    train: {
      ...net.train,
      epochs: Math.max(1, Math.round(epochs * resource)),
      batchSize: num(config, 'batchSize', net.train.batchSize),
    },
  } as S;
}

/** The model step's own values of every parameter Tune may set, by search-space name. */
export function ownValues(step: ModelStep): Config {
  if (step.kind === 'mlp')
    return {
      lr: step.optimizer.lr,
      momentum: step.optimizer.momentum,
      weightDecay: step.optimizer.weightDecay,
      positiveWeight: step.loss.positiveWeight,
      epochs: step.train.epochs,
      batchSize: step.train.batchSize,
    };
  const out: Config = {};
  for (const [k, v] of Object.entries(step)) if (typeof v === 'number' || typeof v === 'string') out[k] = v;
  return out;
}

/** The resource of a rung in words, for the leaderboard: "11 trees", "4 epochs", "33% of rows". */
export function resourceUnits(step: ModelStep, config: Config, resource: number): string {
  if (step.kind === 'logistic') return `${Math.round(resource * 100)}% of rows`;
  const scaled = withConfig(step, config, resource);
  return scaled.kind === 'gbm' ? `${scaled.trees} trees` : `${(scaled as NetworkStep).train.epochs} epochs`;
}
