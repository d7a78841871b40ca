import { codeOf } from './diagnostic-codes';
import { UserError } from './errors';
import { OP_CATEGORIES, type OpSpec } from './op-spec';
import { datasetOp } from './ops/dataset';
import { deployOp, quantizeOp } from './ops/deploy';
import { encodeOp } from './ops/encode';
import { gradientBoostingOp } from './ops/gradient-boosting';
import { evaluateOp, scorecardOp } from './ops/evaluate';
import { activationOp, batchNormOp, denseOp, dropoutOp, layerNormOp } from './ops/layers';
import { logisticRegressionOp } from './ops/logistic-regression';
import { splitOp } from './ops/split';
import { tuneOp } from './ops/tune';
import { imputeOp, oneHotOp, standardizeOp } from './ops/table-transforms';
import { lossOp, optimizerOp, trainOp } from './ops/training';
import { featureSelectionOp, woeBinningOp } from './ops/woe';
import { defaultsOf, type ParamValue } from './params';

const allOps: OpSpec[] = [
  datasetOp,
  splitOp,
  imputeOp,
  oneHotOp,
  standardizeOp,
  woeBinningOp,
  featureSelectionOp,
  encodeOp,
  logisticRegressionOp,
  gradientBoostingOp,
  tuneOp,
  denseOp,
  activationOp,
  dropoutOp,
  layerNormOp,
  batchNormOp,
  lossOp,
  optimizerOp,
  trainOp,
  evaluateOp,
  scorecardOp,
  quantizeOp,
  deployOp,
];

/** Every op the Studio knows, by op name. The palette, inspector, validator and compiler all read this. */
export const opCatalogue: Readonly<Record<string, OpSpec>> = Object.freeze(
  Object.fromEntries(allOps.map((spec) => [spec.op, spec])),
);

/** All ops in palette order: by category, then in declaration order. */
export function listOps(): OpSpec[] {
  return OP_CATEGORIES.flatMap((category) => allOps.filter((spec) => spec.category === category));
}

/** The op's spec, or undefined for an op this build does not know. */
export function findOp(op: string): OpSpec | undefined {
  return Object.hasOwn(opCatalogue, op) ? opCatalogue[op] : undefined;
}

/** The op's spec; throws a UserError for an unknown op. */
export function getOp(op: string): OpSpec {
  const spec = findOp(op);
  if (spec === undefined) {
    throw new UserError(codeOf('UNKNOWN_OP'), `unknown op "${op}"; pick a node from the palette`, { op });
  }
  return spec;
}

/** Fresh default params for a new node of this op. */
export function defaultParams(op: string): Record<string, ParamValue> {
  return defaultsOf(getOp(op).fields);
}
