/** Every kind of value that travels along an edge of the canvas. */
export const PORT_TYPES = ['table', 'tensor', 'model', 'metrics', 'scorecard', 'artifact'] as const;
export type PortType = (typeof PORT_TYPES)[number];

/** True when `value` names a port type. */
export function isPortType(value: unknown): value is PortType {
  return typeof value === 'string' && (PORT_TYPES as readonly string[]).includes(value);
}

/** Whether a `from` output may feed a `to` input. Types are nominal: only identical types connect. */
export function isAssignable(from: PortType, to: PortType): boolean {
  return from === to;
}

// The fix depends mostly on what the input expects; a few source types need their own advice.
const fixBySourceAndTarget: Partial<Record<PortType, Partial<Record<PortType, string>>>> = {
  table: {
    tensor: 'add an Encode node',
    model:
      'train a model on it first (Logistic Regression, or Encode -> layers -> Loss -> Optimizer -> Train)',
  },
  tensor: {
    table: 'connect the table that feeds the Encode node instead',
    model: 'add Loss, Optimizer and Train nodes to turn the network into a model',
  },
  model: {
    table: 'connect the test table directly; Evaluate scores it with the model',
    tensor: 'connect the layer before Loss/Optimizer/Train instead',
  },
  artifact: {},
};

const fixByTarget: Record<PortType, string> = {
  table: 'connect a Dataset, Split or preprocessing output instead',
  tensor: 'connect an Encode or layer output instead',
  model: 'connect a Logistic Regression, Train or Quantize output instead',
  metrics: 'add an Evaluate node: it turns a model and a test table into metrics',
  scorecard: 'add a Scorecard node after the Logistic Regression model',
  artifact: 'add a Deploy node',
};

/** Null when `from` may feed `to`; otherwise a sentence saying why not and what to do instead. */
export function assignabilityReason(from: PortType, to: PortType): string | null {
  if (isAssignable(from, to)) return null;
  if (from === 'artifact')
    return `${from} cannot feed a ${to} input; an artifact is a final output and feeds nothing`;
  const fix = fixBySourceAndTarget[from]?.[to] ?? fixByTarget[to];
  return `${from} cannot feed a ${to} input; ${fix}`;
}
