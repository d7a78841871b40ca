import type { PortType } from './port-types';

/** A table flowing between data nodes; `columns` is known only when the dataset's schema was supplied. */
export interface TableValue {
  type: 'table';
  columns?: string[];
  target?: string;
}

export type TensorDtype = 'float32' | 'int64';

/** A tensor flowing between layers; dimension 0 is the batch (`null`), any other `null` is not yet known. */
export interface TensorValue {
  type: 'tensor';
  dtype: TensorDtype;
  shape: (number | null)[];
}

/** A model: a fitted estimator (logistic, gradient-boosted trees) or a network that still has to be trained. */
export interface ModelValue {
  type: 'model';
  family: 'logistic' | 'network' | 'gbm';
  trained: boolean;
  quantized: boolean;
}

export interface MetricsValue {
  type: 'metrics';
}
export interface ScorecardValue {
  type: 'scorecard';
}
export interface ArtifactValue {
  type: 'artifact';
}

/** What type inference knows about the value on one port. */
export type PortValueType =
  TableValue | TensorValue | ModelValue | MetricsValue | ScorecardValue | ArtifactValue;

/** Narrows a port value to the variant of the given port type. */
export type PortValueOf<T extends PortType> = Extract<PortValueType, { type: T }>;

/** Formats a tensor shape the way the inspector shows it, e.g. `[batch, 12]`. */
export function formatShape(shape: (number | null)[]): string {
  return `[${shape.map((d, i) => (d === null ? (i === 0 ? 'batch' : '?') : String(d))).join(', ')}]`;
}
