import {
  effectiveSearchSpace,
  getOp,
  validateGraph,
  type Diagnostic,
  type GraphNode,
  type PortRef,
  type ValidateOptions,
} from '@studio/ir';
import { graphLinks, nodeLabel, requiredSource, type GraphLinks } from './graph-links';
import { planNetwork } from './network-plan';
import { GraphNotRunnableError, PlanProblem } from './plan-problem';
import type {
  DatasetStep,
  EvaluateStep,
  ExecutionPlan,
  GbmStep,
  LogisticStep,
  ModelBranch,
  QuantizeStep,
  ScorecardStep,
  SkippedNode,
  SplitStep,
  TuneStep,
  TransformOp,
  TransformStep,
} from './plan-types';

/** The outcome of planning: a plan when the graph can run, and every finding pinned to its node either way. */
export interface PlanResult {
  ok: boolean;
  plan?: ExecutionPlan;
  diagnostics: Diagnostic[];
}

const TRANSFORM_OPS = new Set<string>([
  'impute',
  'one-hot',
  'standardize',
  'woe-binning',
  'feature-selection',
]);
const MODEL_OPS = new Set(['logistic-regression', 'gradient-boosting', 'train']);
const NOT_RUN: Record<string, string> = {
  deploy: 'deployment is a separate step after a successful run',
};

/** Walks from a model's training input back to the Split, collecting table transforms in execution order. */
function transformsUpTo(
  links: GraphLinks,
  start: PortRef,
): { transforms: TransformStep[]; split: GraphNode } {
  const transforms: TransformStep[] = [];
  let at = start;
  for (;;) {
    const node = links.node(at.node);
    if (node.op === 'split') {
      if (at.port !== 'train')
        throw new PlanProblem(
          'PLAN_TRAINS_ON_TEST',
          "this model is fitted on the Split's test side; connect the train output instead, so the test rows stay unseen",
          { nodeId: node.id, port: at.port },
        );
      return { transforms, split: node };
    }
    if (node.op === 'dataset')
      throw new PlanProblem(
        'PLAN_NO_SPLIT',
        'add a Split node after the dataset, so the model is evaluated on rows it was not fitted on',
        { nodeId: node.id },
      );
    if (!TRANSFORM_OPS.has(node.op))
      throw new PlanProblem(
        'PLAN_UNSUPPORTED_OP',
        `a ${node.op} node cannot prepare a model's training table; use Impute, One-Hot, Standardize, WOE Binning or Feature Selection`,
        { nodeId: node.id },
      );
    transforms.unshift({ nodeId: node.id, op: node.op as TransformOp, params: node.params });
    at = requiredSource(links, node.id, 'table');
  }
}

function checkTransforms(transforms: TransformStep[]): void {
  transforms.forEach((t, i) => {
    if (t.op === 'feature-selection' && !transforms.slice(0, i).some((p) => p.op === 'woe-binning'))
      throw new PlanProblem(
        'PLAN_SELECTION_NEEDS_WOE',
        'Feature Selection ranks columns by information value; put a WOE Binning node before it',
        { nodeId: t.nodeId },
      );
  });
}

function logisticStep(node: GraphNode): LogisticStep {
  const p = node.params;
  return {
    kind: 'logistic',
    nodeId: node.id,
    l2: Number(p.l2),
    l1: Number(p.l1),
    maxIter: Number(p.maxIter),
    solver: p.solver as LogisticStep['solver'],
    classWeight: p.classWeight as LogisticStep['classWeight'],
    signConstraints: p.signConstraints as LogisticStep['signConstraints'],
  };
}

function gbmStep(node: GraphNode): GbmStep {
  const p = node.params;
  const num = (k: string) => Number(p[k]);
  const list = (k: string) => (Array.isArray(p[k]) ? (p[k] as unknown[]).map(String) : []);
  return {
    kind: 'gbm',
    nodeId: node.id,
    trees: num('trees'),
    learningRate: num('learningRate'),
    maxLeaves: num('maxLeaves'),
    maxDepth: num('maxDepth'),
    minSamplesLeaf: num('minSamplesLeaf'),
    minHessianLeaf: num('minHessianLeaf'),
    l1: num('l1'),
    l2: num('l2'),
    rowSubsample: num('rowSubsample'),
    colSubsample: num('colSubsample'),
    maxBins: num('maxBins'),
    classWeight: p.classWeight === 'balanced' ? 'balanced' : 'none',
    monotoneIncreasing: list('monotoneIncreasing'),
    monotoneDecreasing: list('monotoneDecreasing'),
    earlyStopping: p.earlyStopping as GbmStep['earlyStopping'],
    patience: num('patience'),
    validationFraction: num('validationFraction'),
    seed: num('seed'),
  };
}

function evaluateSteps(links: GraphLinks, model: GraphNode, split: GraphNode): EvaluateStep[] {
  return links
    .consumers(model.id, 'model')
    .map((c) => links.node(c.node))
    .filter((n) => n.op === 'evaluate')
    .map((ev) => {
      const table = requiredSource(links, ev.id, 'table');
      if (table.node !== split.id || (table.port !== 'test' && table.port !== 'train'))
        throw new PlanProblem(
          'PLAN_EVALUATE_TABLE',
          `connect the test output of ${split.id} to this Evaluate node; the model applies its own fitted transforms to those rows`,
          { nodeId: ev.id, port: 'table' },
        );
      return {
        nodeId: ev.id,
        side: table.port,
        cutoff: Number(ev.params.cutoff),
        label: nodeLabel(model),
        validation:
          ev.params.validation === false
            ? null
            : {
                resamples: Number(ev.params.bootstrap ?? 1000),
                protected: Array.isArray(ev.params.protected) ? ev.params.protected.map(String) : [],
                ageColumn: String(ev.params.ageColumn ?? ''),
                lgd: Number(ev.params.lgd ?? 0.45),
                ead: Number(ev.params.ead ?? 1),
              },
      };
    });
}

function scorecardStep(
  links: GraphLinks,
  model: GraphNode,
  transforms: TransformStep[],
): ScorecardStep | null {
  const cards = links
    .consumers(model.id, 'model')
    .map((c) => links.node(c.node))
    .filter((n) => n.op === 'scorecard');
  const card = cards[0];
  if (!card) return null;
  if (cards.length > 1)
    throw new PlanProblem('PLAN_SCORECARD_TWICE', 'one Scorecard node per model; remove the extra one', {
      nodeId: cards[1]!.id,
    });
  if (model.op !== 'logistic-regression' || !transforms.some((t) => t.op === 'woe-binning'))
    throw new PlanProblem(
      'PLAN_SCORECARD_NEEDS_WOE',
      'a points scorecard needs a Logistic Regression trained on WOE-binned columns; add WOE Binning before the model',
      { nodeId: card.id },
    );
  const p = card.params;
  return {
    nodeId: card.id,
    pdo: Number(p.pdo),
    baseScore: Number(p.baseScore),
    baseOdds: Number(p.baseOdds),
    rounding: p.rounding === 'none' ? 'none' : 'integer',
  };
}

function quantizeStep(links: GraphLinks, model: GraphNode): QuantizeStep | null {
  const nodes = links
    .consumers(model.id, 'model')
    .map((c) => links.node(c.node))
    .filter((n) => n.op === 'quantize');
  const node = nodes[0];
  if (!node) return null;
  if (nodes.length > 1)
    throw new PlanProblem(
      'PLAN_QUANTIZE_TWICE',
      'one Quantize node per model; remove the extra one or give it its own model',
      { nodeId: nodes[1]!.id },
    );
  const p = node.params;
  return {
    nodeId: node.id,
    method: p.calibration === 'percentile' ? 'percentile' : 'minmax',
    percentile: Number(p.percentile),
    maxAucDrop: Number(p.maxAucDrop),
  };
}

const FAMILY = { 'logistic-regression': 'logistic', 'gradient-boosting': 'gbm', train: 'network' } as const;

function tuneStep(links: GraphLinks, model: GraphNode, step: ModelBranch['model']): TuneStep | null {
  const nodes = links
    .consumers(model.id, 'model')
    .map((c) => links.node(c.node))
    .filter((n) => n.op === 'tune');
  const node = nodes[0];
  if (!node) return null;
  if (nodes.length > 1)
    throw new PlanProblem('PLAN_TUNE_TWICE', 'one Tune node per model; remove the extra one', {
      nodeId: nodes[1]!.id,
    });
  // Parsed, so params a document left out read as their defaults (validation already accepted them).
  const p = getOp('tune').params.parse(node.params);
  const family = FAMILY[model.op as keyof typeof FAMILY];
  const space = effectiveSearchSpace(family, p.searchSpace as TuneStep['space']);
  if (step.kind === 'logistic' && step.solver === 'newton') {
    const l1 = space.find((d) => d.param === 'l1');
    if (l1 && (l1.type === 'range' ? l1.max > 0 : l1.values.some((v) => Number(v) > 0)))
      throw new PlanProblem(
        'PLAN_TUNE_SOLVER',
        'the model uses the newton solver, which fits no L1 penalty; take l1 out of the search space or set the solver to auto',
        { nodeId: node.id, param: 'searchSpace' },
      );
  }
  const trials = Number(p.trials);
  return {
    nodeId: node.id,
    space,
    budget:
      p.budget === 'seconds'
        ? { kind: 'seconds', seconds: Number(p.seconds), trials }
        : { kind: 'trials', trials },
    eta: Number(p.eta),
    evaluation:
      p.evaluation === 'validation'
        ? { kind: 'validation', fraction: Number(p.validationFraction) }
        : { kind: 'k-fold', folds: Number(p.folds) },
    metric: p.metric as TuneStep['metric'],
    seed: Number(p.seed),
  };
}

function planBranch(links: GraphLinks, model: GraphNode): { branch: ModelBranch; split: GraphNode } {
  let start: PortRef;
  let step: ModelBranch['model'];
  if (model.op === 'train') {
    const net = planNetwork(links, model);
    step = net.step;
    start = requiredSource(links, net.encodeNode.id, 'table');
  } else {
    step = model.op === 'gradient-boosting' ? gbmStep(model) : logisticStep(model);
    start = requiredSource(links, model.id, 'table');
  }
  const { transforms, split } = transformsUpTo(links, start);
  checkTransforms(transforms);
  return {
    split,
    branch: {
      modelNodeId: model.id,
      label: nodeLabel(model),
      transforms,
      model: step,
      evaluations: evaluateSteps(links, model, split),
      scorecard: scorecardStep(links, model, transforms),
      quantize: quantizeStep(links, model),
      tune: tuneStep(links, model, step),
    },
  };
}

function splitStep(links: GraphLinks, split: GraphNode): { split: SplitStep; dataset: DatasetStep } {
  const src = requiredSource(links, split.id, 'table');
  const ds = links.node(src.node);
  if (ds.op !== 'dataset')
    throw new PlanProblem(
      'PLAN_TRANSFORM_BEFORE_SPLIT',
      'split the raw dataset first and transform after the split, so transforms are fitted on training rows only',
      { nodeId: ds.id },
    );
  const p = split.params;
  const method = p.method as SplitStep['method'];
  if ((method === 'time' || method === 'out-of-time') && !String(p.timeColumn ?? '').trim())
    throw new PlanProblem(
      'PLAN_TIME_COLUMN',
      'a time split needs a time column; pick one or use the stratified method',
      {
        nodeId: split.id,
      },
    );
  return {
    split: {
      nodeId: split.id,
      method,
      testFraction: Number(p.testFraction),
      seed: Number(p.seed),
      stratify: String(p.stratify ?? ''),
      timeColumn: String(p.timeColumn ?? ''),
      cutoff: method === 'out-of-time' ? String(p.cutoff ?? '') : '',
    },
    dataset: {
      nodeId: ds.id,
      datasetId: String(ds.params.datasetId),
      target: String(ds.params.target),
      ...(Array.isArray(ds.params.exclude) && ds.params.exclude.length > 0
        ? { exclude: ds.params.exclude.map(String) }
        : {}),
    },
  };
}

/** Warnings for settings the engine or the data package do not apply (yet), so nobody relies on them unknowingly. */
function settingWarnings(nodes: GraphNode[], branches: ModelBranch[]): Diagnostic[] {
  const used = new Set(
    branches.flatMap((b) => [
      ...b.transforms.map((t) => t.nodeId),
      ...(b.model.kind === 'mlp' ? b.model.layerNodeIds : []),
    ]),
  );
  const warn = (nodeId: string, message: string): Diagnostic => ({
    code: 'PLAN_SETTING_IGNORED',
    severity: 'warning',
    message,
    nodeId,
  });
  const out: Diagnostic[] = [];
  for (const n of nodes.filter((x) => used.has(x.id))) {
    if (n.op === 'one-hot' && n.params.unseen === 'other')
      out.push(
        warn(
          n.id,
          'unseen categories are scored as all zeros, as with "ignore"; there is no "other" column yet',
        ),
      );
    if ((n.op === 'layer-norm' || n.op === 'batch-norm') && Number(n.params.epsilon) !== 1e-5)
      out.push(warn(n.id, 'the engine normalises with its own epsilon; this setting is not applied'));
    if (n.op === 'batch-norm' && Number(n.params.momentum) !== 0.1)
      out.push(
        warn(n.id, 'the engine keeps running statistics with its own momentum; this setting is not applied'),
      );
  }
  return out;
}

/**
 * Lowers a GraphIR document to an execution plan: dataset → split → per model branch the table transforms in
 * order → logistic regression, boosted trees or a network → evaluate / scorecard / INT8 quantization. Never throws; what cannot run yet is
 * reported as diagnostics pinned to the node to change.
 */
export function planGraph(input: unknown, options: ValidateOptions = {}): PlanResult {
  const validation = validateGraph(input, options);
  if (!validation.ok || !validation.graph) return { ok: false, diagnostics: validation.diagnostics };
  const graph = validation.graph;
  const links = graphLinks(graph);
  const diagnostics: Diagnostic[] = [...validation.diagnostics];
  const fail = (e: unknown) => {
    if (!(e instanceof PlanProblem)) throw e;
    diagnostics.push(e.toDiagnostic());
  };

  const models = graph.nodes.filter((n) => MODEL_OPS.has(n.op));
  if (models.length === 0)
    fail(
      new PlanProblem(
        'PLAN_NO_MODEL',
        'add a Logistic Regression, a Gradient Boosting node, or a network ending in a Train node',
      ),
    );
  const branches: ModelBranch[] = [];
  const splits = new Map<string, GraphNode>();
  for (const model of models) {
    try {
      const { branch, split } = planBranch(links, model);
      branches.push(branch);
      splits.set(split.id, split);
    } catch (e) {
      fail(e);
    }
  }
  if (splits.size > 1)
    fail(
      new PlanProblem(
        'PLAN_SEVERAL_SPLITS',
        `compare models on one Split so they see the same test rows; this graph uses ${[...splits.keys()].join(', ')}`,
        { nodeId: [...splits.keys()][1]! },
      ),
    );
  let steps: { split: SplitStep; dataset: DatasetStep } | undefined;
  const first = [...splits.values()][0];
  if (first) {
    try {
      steps = splitStep(links, first);
    } catch (e) {
      fail(e);
    }
  }
  diagnostics.push(...settingWarnings(graph.nodes, branches));
  const skipped: SkippedNode[] = graph.nodes
    .filter((n) => NOT_RUN[n.op] !== undefined)
    .map((n) => ({ nodeId: n.id, op: n.op, reason: NOT_RUN[n.op]! }));

  if (diagnostics.some((d) => d.severity === 'error') || !steps) return { ok: false, diagnostics };
  return {
    ok: true,
    diagnostics,
    plan: {
      version: 1,
      graphName: graph.meta.name,
      seed: graph.meta.seed ?? 42,
      dataset: steps.dataset,
      split: steps.split,
      branches,
      skipped,
    },
  };
}

/** The plan of a runnable graph; throws GraphNotRunnableError listing every problem otherwise. */
export function assertRunnable(input: unknown, options: ValidateOptions = {}): ExecutionPlan {
  const result = planGraph(input, options);
  if (!result.ok || !result.plan) throw new GraphNotRunnableError(result.diagnostics);
  return result.plan;
}
