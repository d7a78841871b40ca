import { UserError, type Diagnostic } from '@studio/ir';

/** A graph the pipeline cannot run (yet), pinned to the node (and port) to change. */
export class PlanProblem extends UserError {
  readonly nodeId: string | undefined;
  readonly port: string | undefined;
  readonly param: string | undefined;

  constructor(code: string, message: string, where: { nodeId?: string; port?: string; param?: string } = {}) {
    super(code, message, { ...where });
    this.name = 'PlanProblem';
    this.nodeId = where.nodeId;
    this.port = where.port;
    this.param = where.param;
  }

  /** The problem as a canvas diagnostic. */
  toDiagnostic(): Diagnostic {
    return {
      code: this.code,
      severity: 'error',
      message: this.message,
      ...(this.nodeId === undefined ? {} : { nodeId: this.nodeId }),
      ...(this.port === undefined ? {} : { port: this.port }),
      ...(this.param === undefined ? {} : { param: this.param }),
    };
  }
}

/** Thrown by `assertRunnable`: every problem of a graph that cannot run, as diagnostics in `details`. */
export class GraphNotRunnableError extends UserError {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0];
    const where = first?.nodeId ? `node ${first.nodeId}: ` : '';
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : '';
    super('GRAPH_NOT_RUNNABLE', `${where}${first?.message ?? 'the graph cannot run'}${more}`, {
      diagnostics,
    });
    this.name = 'GraphNotRunnableError';
    this.diagnostics = diagnostics;
  }
}
