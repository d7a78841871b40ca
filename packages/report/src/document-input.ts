import type { NamedEvaluation, Run, ScorecardTable, WoeVariable } from '@studio/api';

/** Everything the model document shows; the server gathers it from the run, its version, dataset and deployments. */
export interface ModelDocumentInput {
  project: { id: string; name: string; description: string; owner: string };
  generatedAt: string;
  dataset: {
    id: string;
    name: string;
    sha256: string;
    rows: number;
    target: string;
    columns: { name: string; type: string; missingCount: number; distinctCount: number }[];
  } | null;
  graph: {
    versionId: string;
    versionNumber: number;
    hash: string;
    author: string;
    savedAt: string;
    /** One line per node: "split: Split (out-of-time, issued from 2019-01-01)". */
    nodes: string[];
    split: { method: string; testFraction: number; seed: number; timeColumn: string; cutoff: string };
  };
  run: {
    id: string;
    seed: number;
    engineVersion: string | null;
    device: string | null;
    modelKind: string | null;
    startedBy: string;
    startedAt: string | null;
    finishedAt: string | null;
    durations: Record<string, number>;
  };
  artifacts: { kind: string; sha256: string; sizeBytes: number }[];
  deployments: { slug: string; version: number; status: string; requestedBy: string; at: string }[];
  evaluations: NamedEvaluation[];
  woe: WoeVariable[] | null;
  scorecard: ScorecardTable | null;
  history: Run['history'];
  /** Network layers in order, e.g. "Dense 32", "ReLU" (empty for other models). */
  layers: string[];
  /** Feature importance of gradient-boosted trees (empty for other models). */
  importance: { feature: string; gain: number; splits: number; meanAbsShap: number }[];
  warnings: Run['warnings'];
  changes: {
    baseline: { runId: string; versionNumber: number; slug: string; version: number } | null;
    graphChanges: string[];
    metricDeltas: { metric: string; before: number | null; after: number | null }[];
  };
}
