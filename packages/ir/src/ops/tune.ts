import { defineOp, inferError, inferred, paramError, requiredInput } from '../op-spec';
import { enumParam, integerParam, numberParam, searchSpaceParam } from '../params';
import { FAMILY_TITLE, effectiveSearchSpace, searchSpaceProblem } from '../tuning/search-space';

/**
 * The least time one model fit is given when a budget is set in seconds. A budget below `fits per trial ×
 * this` cannot finish the first trial on any data, so it is refused before the run rather than wasted.
 */
export const MIN_SECONDS_PER_FIT = 1;

/** Model fits in one trial: one per fold, or one on the validation split. */
export function fitsPerTrial(params: { evaluation: string; folds: number }): number {
  return params.evaluation === 'k-fold' ? params.folds : 1;
}

/** Searches the parameters of the model it is attached to, then hands the best configuration to that model. */
export const tuneOp = defineOp({
  op: 'tune',
  title: 'Tune',
  category: 'Model',
  description: "Search a model's parameters by successive halving.",
  help:
    "Attach to a model's output (Logistic Regression, Gradient Boosting or a network's Train node). Before the " +
    'model trains, Tune draws trials random configurations from the search space (empty: the defaults for that ' +
    'model) and scores each on the training rows only, by stratified k-fold or on a validation split held out ' +
    'of them; it starts every configuration with a small share of the resource (trees, epochs, or rows for a ' +
    'logistic regression), keeps the best 1/η and raises the resource η-fold, until the survivors run in full. ' +
    'The model then trains on all its training rows with the winner. Same seed and thread count, same ' +
    'leaderboard; a budget in seconds stops when the time is up, so how far it gets depends on the machine.',
  inputs: [{ name: 'model', type: 'model', label: 'Model to tune', required: true }],
  outputs: [],
  reportsOnRun: true,
  fields: [
    searchSpaceParam('searchSpace', 'Search space', {
      help: "Ranges and choices per parameter; empty searches the model's default space.",
    }),
    enumParam('budget', 'Budget', ['trials', 'seconds'], 'trials', {
      help: 'trials: a fixed number of configurations (reproducible); seconds: search until the time is up.',
    }),
    integerParam('trials', 'Trials', 27, {
      min: 0,
      max: 1000,
      help: 'Configurations drawn at the first rung (per round when the budget is in seconds).',
    }),
    integerParam('seconds', 'Seconds', 300, { min: 0, max: 86400, help: 'The budget in seconds.' }),
    integerParam('eta', 'Halving factor η', 3, {
      min: 2,
      max: 8,
      help: 'Each rung keeps the best 1/η configurations and gives them η times the resource.',
    }),
    enumParam('evaluation', 'Evaluation', ['k-fold', 'validation'], 'k-fold', {
      help: 'k-fold: stratified folds of the training rows; validation: one stratified split held out of them.',
    }),
    integerParam('folds', 'Folds', 5, { min: 2, max: 20 }),
    numberParam('validationFraction', 'Validation fraction', 0.2, { min: 0.05, max: 0.5, step: 0.05 }),
    enumParam('metric', 'Metric', ['auc', 'ks', 'logloss'], 'auc', {
      help: 'What ranks the trials: AUC and KS higher is better, log-loss lower.',
    }),
    integerParam('seed', 'Seed', 42, { min: 0, max: 2 ** 31 - 1, help: 'Same seed, same trials.' }),
  ],
  infer(inputs, params) {
    const model = requiredInput(inputs, 'model', 'model');
    if (model.quantized)
      return inferError(
        'Tune searches a model before it trains; connect the model node itself, not its Quantize output',
        'model',
      );
    if (!model.trained)
      return inferError(
        "Tune needs the node that trains the network; connect the Train node's output, not the Optimizer's",
        'model',
      );
    if (params.budget === 'trials' && params.trials < 1)
      return paramError(
        'a budget of 0 trials is too small for one trial; set trials to at least 1',
        'trials',
      );
    if (params.budget === 'seconds') {
      const fits = fitsPerTrial(params);
      const floor = fits * MIN_SECONDS_PER_FIT;
      if (params.seconds < floor)
        return paramError(
          `a budget of ${params.seconds} s is too small for one trial: each trial fits ${fits} model${fits > 1 ? 's' : ''} ` +
            `(${params.evaluation === 'k-fold' ? 'one per fold' : 'on the validation split'}), at least ` +
            `${MIN_SECONDS_PER_FIT} s each; raise seconds to ${floor} or more${fits > 1 ? ', or use fewer folds' : ''}`,
          'seconds',
        );
      if (params.trials < 1)
        return paramError('draw at least 1 trial per round; set trials to 1 or more', 'trials');
    }
    const problem = searchSpaceProblem(model.family, params.searchSpace);
    if (problem !== null) return paramError(problem, 'searchSpace');
    if (effectiveSearchSpace(model.family, params.searchSpace).length === 0)
      return paramError(
        `list at least one parameter of ${FAMILY_TITLE[model.family]} to search`,
        'searchSpace',
      );
    return inferred({});
  },
});
