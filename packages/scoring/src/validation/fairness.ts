import { UserError } from '@studio/ir';
import { auc } from '../auc';
import { assertLabelsAndScores } from '../inputs';

/** One protected group at the chosen cut-off (approved when PD < cut-off; "positive" = declined as bad). */
export interface FairnessGroup {
  group: string;
  size: number;
  bads: number;
  approved: number;
  approvalRate: number;
  /** Approval rate over the most-approved group's (1 for that group). */
  adverseImpactRatio: number;
  /** True when the ratio is below four fifths (0.8), the usual adverse-impact threshold. */
  belowFourFifths: boolean;
  /** Share of this group's bads that the model declines (true-positive rate); null without bads. */
  tpr: number | null;
  /** Share of this group's goods that the model declines (false-positive rate); null without goods. */
  fpr: number | null;
  /** AUC within the group; null when the group holds only one class. */
  auc: number | null;
}

export interface FairnessReport {
  attribute: string;
  cutoff: number;
  /** The most-approved group of at least `referenceMinSize` rows, the reference of the adverse-impact ratios. */
  referenceGroup: string;
  /** Groups smaller than this are not chosen as the reference (their rates are too noisy); they are still listed. */
  referenceMinSize: number;
  groups: FairnessGroup[];
  /** Groups whose ratio is below four fifths. */
  flagged: string[];
}

export const MISSING_GROUP = '(missing)';

/**
 * Per-group outcomes of a protected attribute at a cut-off: size, approval rate, adverse-impact ratio against
 * the most-approved group (of at least `referenceMinSize` rows) with the four-fifths flag, TPR, FPR and AUC.
 * Groups are listed largest first; a ratio can exceed 1 for a small group approved more than the reference.
 */
export function fairnessReport(
  attribute: string,
  y: ArrayLike<number>,
  prob: ArrayLike<number>,
  group: ArrayLike<string | null>,
  cutoff: number,
): FairnessReport {
  assertLabelsAndScores(y, prob, false);
  if (group.length !== y.length) {
    throw new UserError(
      'FAIRNESS_LENGTH',
      `There are ${y.length} rows but ${group.length} group labels for "${attribute}".`,
    );
  }
  const at = new Map<string, number[]>();
  for (let i = 0; i < y.length; i++) {
    const g = group[i] ?? MISSING_GROUP;
    let rows = at.get(g);
    if (!rows) at.set(g, (rows = []));
    rows.push(i);
  }
  if (at.size < 2) {
    throw new UserError(
      'FAIRNESS_ONE_GROUP',
      `The protected attribute "${attribute}" has a single group${at.size ? ` ("${[...at.keys()][0]}")` : ''} in the evaluated rows, so groups cannot be compared. Mark a column with at least two groups.`,
      { attribute },
    );
  }
  const raw = [...at].map(([name, rows]) => {
    let bads = 0;
    let approved = 0;
    let declinedBads = 0;
    let declinedGoods = 0;
    const ys: number[] = [];
    const ps: number[] = [];
    for (const i of rows) {
      const bad = y[i] === 1;
      const declined = !(prob[i]! < cutoff);
      bads += bad ? 1 : 0;
      if (!declined) approved++;
      else if (bad) declinedBads++;
      else declinedGoods++;
      ys.push(y[i]!);
      ps.push(prob[i]!);
    }
    const goods = rows.length - bads;
    return {
      group: name,
      size: rows.length,
      bads,
      approved,
      approvalRate: approved / rows.length,
      tpr: bads ? declinedBads / bads : null,
      fpr: goods ? declinedGoods / goods : null,
      auc: bads && goods ? auc(ys, ps) : null,
    };
  });
  // A tiny group approved at 100% would make every other group look adversely impacted: the reference is the
  // most-approved group among those of at least 5% of the rows (and 10 rows), or the largest group if none is.
  const referenceMinSize = Math.max(10, Math.ceil(0.05 * y.length));
  const eligible = raw.filter((g) => g.size >= referenceMinSize);
  const best = eligible.length
    ? eligible.reduce((a, b) => (b.approvalRate > a.approvalRate ? b : a))
    : raw.reduce((a, b) => (b.size > a.size ? b : a));
  const groups = raw
    .map((g): FairnessGroup => {
      const ratio = best.approvalRate > 0 ? g.approvalRate / best.approvalRate : NaN;
      return { ...g, adverseImpactRatio: ratio, belowFourFifths: ratio < 0.8 };
    })
    .sort((a, b) => b.size - a.size || a.group.localeCompare(b.group));
  return {
    attribute,
    cutoff,
    referenceGroup: best.group,
    referenceMinSize,
    groups,
    flagged: groups.filter((g) => g.belowFourFifths).map((g) => g.group),
  };
}

/** Default edges of derived age bands: under 25, 25–34, 35–44, 45–54, 55–64, 65 and over. */
export const AGE_BAND_EDGES = [25, 35, 45, 55, 65] as const;

/** The age band of an age in years (null when missing), for fairness by age without the raw age. */
export function ageBand(age: number, edges: readonly number[] = AGE_BAND_EDGES): string | null {
  if (!Number.isFinite(age)) return null;
  if (age < edges[0]!) return `under ${edges[0]}`;
  for (let k = 1; k < edges.length; k++) if (age < edges[k]!) return `${edges[k - 1]}–${edges[k]! - 1}`;
  return `${edges[edges.length - 1]} and over`;
}
