import type { FairnessReportDto, NamedEvaluation, SampleValidationDto } from '@studio/api';
import type { ModelDocumentInput } from './document-input';

/** The sections of the model document, in order; each is a `<section id>` a reader (or a test) can find. */
export const DOCUMENT_SECTIONS = [
  ['purpose', 'Purpose and owner'],
  ['data', 'Data'],
  ['lineage', 'Lineage'],
  ['variables', 'Variables'],
  ['performance', 'Performance'],
  ['calibration', 'Calibration'],
  ['stability', 'Stability'],
  ['fairness', 'Fairness'],
  ['limitations', 'Limitations and warnings'],
  ['changes', 'Changes since the last deployed version'],
  ['approval', 'Approval'],
] as const;
export type DocumentSection = (typeof DOCUMENT_SECTIONS)[number][0];

const esc = (s: unknown): string =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A figure to `d` decimals; '–' when undefined. */
export const fmt = (v: number | null | undefined, d = 4): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d);
export const pct = (v: number | null | undefined, d = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(d)}%`;

function table(head: string[], rows: (string | number)[][], cls = ''): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const dl = (items: [string, string][]) =>
  `<dl>${items.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;

const sampleName = (s: SampleValidationDto) => (s.sample === 'test' ? 'test rows' : 'out-of-time rows');

function section(id: string, title: string, body: string): string {
  return `<section id="${id}">\n<h2>${esc(title)}</h2>\n${body}\n</section>`;
}

function purpose(d: ModelDocumentInput): string {
  return dl([
    ['Model', d.project.name],
    [
      'Purpose',
      d.project.description ||
        'Estimate the probability of default (PD) of credit applicants to support lending decisions.',
    ],
    ['Owner', d.project.owner],
    ['Model type', d.run.modelKind ?? '–'],
    ['Outcome', d.dataset ? `"${d.dataset.target}" (1 = bad / default)` : '–'],
    ['Run', `${d.run.id}, trained by ${d.run.startedBy}`],
  ]);
}

function data(d: ModelDocumentInput): string {
  const s = d.graph.split;
  const oot = d.evaluations.find((e) => e.validation?.outOfTime)?.validation?.outOfTime ?? null;
  const split =
    s.method === 'out-of-time'
      ? `out-of-time on "${s.timeColumn}": rows before ${s.cutoff} split ${Math.round((1 - s.testFraction) * 100)}/${Math.round(s.testFraction * 100)} into train/test (stratified, seed ${s.seed}); rows on or after ${s.cutoff} are the out-of-time sample` +
        (oot ? ` (${oot.trainRows} train, ${oot.testRows} test, ${oot.outOfTimeRows} out-of-time rows)` : '')
      : `${s.method}, ${Math.round(s.testFraction * 100)}% test rows, seed ${s.seed}`;
  if (!d.dataset) return `<p>The run's dataset was deleted; its content hash is kept in the lineage.</p>`;
  const ds = d.dataset;
  return (
    dl([
      ['Dataset', ds.name],
      ['Content hash (SHA-256)', ds.sha256],
      ['Rows', String(ds.rows)],
      ['Columns', String(ds.columns.length)],
      ['Split', split],
    ]) +
    table(
      ['Column', 'Type', 'Missing', 'Distinct'],
      ds.columns.map((c) => [
        c.name + (c.name === ds.target ? ' (target)' : ''),
        c.type,
        c.missingCount,
        c.distinctCount,
      ]),
    )
  );
}

function lineage(d: ModelDocumentInput): string {
  const items: [string, string][] = [
    ['Dataset', d.dataset ? `${d.dataset.name} · sha256 ${d.dataset.sha256}` : 'deleted'],
    [
      'Graph version',
      `v${d.graph.versionNumber} · hash ${d.graph.hash} · saved by ${d.graph.author} at ${d.graph.savedAt}`,
    ],
    [
      'Run',
      `${d.run.id} · seed ${d.run.seed} · engine ${d.run.engineVersion ?? '–'} · device ${d.run.device ?? '–'} · ${d.run.startedAt ?? '–'} → ${d.run.finishedAt ?? '–'}`,
    ],
    ...d.artifacts.map((a): [string, string] => [
      `Artifact: ${a.kind}`,
      `sha256 ${a.sha256} · ${a.sizeBytes} bytes`,
    ]),
    [
      'Deployments',
      d.deployments.length
        ? d.deployments
            .map((x) => `${x.slug} v${x.version} (${x.status}, requested by ${x.requestedBy} at ${x.at})`)
            .join('; ')
        : 'none when this document was written',
    ],
  ];
  return `<ol class="lineage">${items.map(([k, v]) => `<li><b>${esc(k)}</b>: <code>${esc(v)}</code></li>`).join('\n')}</ol>`;
}

function variables(d: ModelDocumentInput): string {
  const parts: string[] = [];
  if (d.woe && d.woe.length) {
    const points = new Map(
      (d.scorecard?.rows ?? []).map((r) => [`${r.characteristic}\u0000${r.bin}`, r.points]),
    );
    const selected = d.woe.filter((v) => v.selected);
    parts.push(
      `<p>${selected.length} of ${d.woe.length} binned characteristics are in the model. Information value (IV) by characteristic:</p>`,
      table(
        ['Characteristic', 'IV', 'In model'],
        [...d.woe].sort((a, b) => b.iv - a.iv).map((v) => [v.name, fmt(v.iv), v.selected ? 'yes' : 'no']),
        'iv',
      ),
    );
    if (d.scorecard)
      parts.push(
        `<p>Scorecard scaling: ${d.scorecard.baseScore} points at odds ${d.scorecard.baseOdds}:1 (good:bad), ${d.scorecard.pdo} points to double the odds.</p>`,
      );
    for (const v of selected) {
      parts.push(
        `<h3 class="variable">${esc(v.name)} (IV ${fmt(v.iv)})</h3>`,
        table(
          ['Bin', 'Count', 'Bads', 'Bad rate', 'WOE', 'Points'],
          v.bins.map((b) => [
            b.label,
            b.count,
            b.bads,
            pct(b.badRate),
            fmt(b.woe),
            points.get(`${v.name}\u0000${b.label}`) ?? '–',
          ]),
          'bins',
        ),
      );
    }
  }
  if (d.layers.length)
    parts.push(`<p>Network: input → ${d.layers.map(esc).join(' → ')} → sigmoid output.</p>`);
  if (d.history.length) {
    const pts = d.history;
    const max = Math.max(...pts.map((p) => Math.max(p.loss, p.valLoss ?? 0)));
    const w = 480;
    const h = 160;
    const line = (get: (p: (typeof pts)[number]) => number | null) =>
      pts
        .map((p, i) => [i, get(p)] as const)
        .filter(([, v]) => v !== null)
        .map(
          ([i, v]) =>
            `${((i / Math.max(1, pts.length - 1)) * w).toFixed(1)},${(h - (v! / (max || 1)) * h).toFixed(1)}`,
        )
        .join(' ');
    parts.push(
      '<h3>Training curve</h3>',
      `<svg class="curve" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="training loss by step"><polyline fill="none" stroke="#1f5fbf" points="${line((p) => p.loss)}"/><polyline fill="none" stroke="#c0392b" points="${line((p) => p.valLoss)}"/></svg>`,
      '<p>Blue: training loss; red: validation loss.</p>',
      table(
        ['Epoch', 'Step', 'Loss', 'Validation loss', 'Validation AUC'],
        pts
          .filter((_, i) => i === pts.length - 1 || i % Math.max(1, Math.ceil(pts.length / 10)) === 0)
          .map((p) => [p.epoch, p.step, fmt(p.loss), fmt(p.valLoss), fmt(p.valAuc)]),
      ),
    );
  }
  if (d.importance.length)
    parts.push(
      '<h3>Feature importance</h3>',
      table(
        ['Feature', 'Gain', 'Splits', 'Mean |SHAP|'],
        d.importance.map((f) => [f.feature, fmt(f.gain), f.splits, fmt(f.meanAbsShap)]),
        'importance',
      ),
    );
  return parts.join('\n') || '<p>The run reported no variable details for this model type.</p>';
}

const evalTitle = (e: NamedEvaluation, many: boolean) => (many ? `<h3>${esc(e.label)}</h3>` : '');

function performance(d: ModelDocumentInput): string {
  const many = d.evaluations.length > 1;
  return d.evaluations
    .map((e) => {
      const v = e.validation;
      const head = `${evalTitle(e, many)}<p>${e.evaluation.rows} evaluated rows, ${e.evaluation.bads} bads; Brier score ${fmt(e.evaluation.brier)}.</p>`;
      if (!v)
        return `${head}${table(
          ['Metric', 'Value'],
          [
            ['AUC', fmt(e.evaluation.auc)],
            ['Gini', fmt(e.evaluation.gini)],
            ['KS', fmt(e.evaluation.ks)],
          ],
        )}<p>The validation pack was turned off on this Evaluate node: no intervals.</p>`;
      const rows = v.samples.flatMap((s) =>
        (['auc', 'ks', 'gini'] as const).map((m) => {
          const x = s.discrimination[m];
          return [
            sampleName(s),
            m.toUpperCase(),
            fmt(x.estimate),
            `[${fmt(x.lower)}, ${fmt(x.upper)}]`,
            fmt(x.standardError),
          ];
        }),
      );
      const level = v.samples[0]?.discrimination.level ?? 0.95;
      const b = v.samples[0]?.discrimination.resamples ?? 0;
      const cut = v.samples.map(
        (s) =>
          `<h4>Cut-off table, ${sampleName(s)} (LGD ${fmt(s.cutoffs.lgd, 2)}, EAD ${s.cutoffs.eadPerLoan ?? 'per loan'})</h4>` +
          table(
            [
              'PD cut-off',
              'Approved',
              'Approval rate',
              'Bad rate of approved',
              'Bads declined',
              'Expected loss',
              'Observed loss',
            ],
            s.cutoffs.rows.map((r) => [
              fmt(r.cutoff),
              r.approved,
              pct(r.approvalRate),
              pct(r.badRate),
              pct(r.badsDeclined),
              fmt(r.expectedLoss, 2),
              fmt(r.observedLoss, 2),
            ]),
            'cutoffs',
          ) +
          `<h4>Score distribution, ${sampleName(s)} (points at ${v.scoreScale.baseScore} for ${v.scoreScale.baseOdds}:1, PDO ${v.scoreScale.pdo})</h4>` +
          table(
            ['Score from', 'to', 'Goods', 'Bads'],
            s.distribution.map((x) => [fmt(x.lower, 1), fmt(x.upper, 1), x.goods, x.bads]),
            'distribution',
          ),
      );
      return (
        head +
        `<p>Intervals: ${Math.round(level * 100)}% stratified bootstrap percentile intervals over ${b} resamples (seed ${v.samples[0]?.discrimination.seed ?? '–'}).</p>` +
        table(
          ['Sample', 'Metric', 'Estimate', `${Math.round(level * 100)}% interval`, 'Std. error'],
          rows,
          'discrimination',
        ) +
        cut.join('\n')
      );
    })
    .join('\n');
}

function calibration(d: ModelDocumentInput): string {
  const out = d.evaluations.flatMap((e) =>
    (e.validation?.samples ?? []).map((s) => {
      const hl = s.calibration.hosmerLemeshow;
      const c = s.calibration.inTheLarge;
      return (
        `${evalTitle(e, d.evaluations.length > 1)}<h4>${esc(sampleName(s))}</h4>` +
        `<p class="hl">Hosmer–Lemeshow: χ² ${fmt(hl.statistic, 3)} on ${hl.df} df, p = ${fmt(hl.pValue, 4)}${hl.pValue !== null && hl.pValue < 0.05 ? ' (predicted and observed default rates disagree at 5%)' : ''}.</p>` +
        `<p class="citl">Calibration-in-the-large: mean PD ${pct(c.meanPredicted, 2)} against observed default rate ${pct(c.observedRate, 2)} (O/E ${fmt(c.ratio, 3)}, z ${fmt(c.zScore, 2)}, p ${fmt(c.pValue, 4)}).</p>` +
        table(
          ['Band', 'Rows', 'PD from', 'PD to', 'Mean PD', 'Observed rate', 'Expected bads', 'Observed bads'],
          s.calibration.bands.map((b) => [
            b.band,
            b.count,
            fmt(b.minPredicted),
            fmt(b.maxPredicted),
            pct(b.meanPredicted, 2),
            pct(b.observedRate, 2),
            fmt(b.expectedBads, 1),
            b.observedBads,
          ]),
          'calibration',
        )
      );
    }),
  );
  return out.join('\n') || '<p>No calibration was computed (validation pack off).</p>';
}

function stability(d: ModelDocumentInput): string {
  const out = d.evaluations.flatMap((e) =>
    (e.validation?.samples ?? []).map(
      (s) =>
        `${evalTitle(e, d.evaluations.length > 1)}<h4>Training rows → ${esc(sampleName(s))}</h4>` +
        `<p class="psi">Score PSI ${fmt(s.scorePsi.index)} (${s.scorePsi.reading}).</p>` +
        table(
          ['Characteristic', 'CSI', 'Reading'],
          [...s.characteristics]
            .sort((a, b) => b.index - a.index)
            .map((c) => [c.name, fmt(c.index), c.reading]),
          'csi',
        ),
    ),
  );
  return (
    (out.join('\n') || '<p>No stability figures were computed (validation pack off).</p>') +
    '<p>Reading: below 0.10 stable, 0.10–0.25 watch, above 0.25 shifted.</p>'
  );
}

function fairnessTable(f: FairnessReportDto): string {
  return (
    `<h4 class="attribute">${esc(f.attribute)}</h4><p>Approved when PD &lt; ${fmt(f.cutoff, 2)}; reference group (most approved of the groups with at least ${f.referenceMinSize} rows): ${esc(f.referenceGroup)}.${f.flagged.length ? ` Below four fifths: ${esc(f.flagged.join(', '))}.` : ' No group is below four fifths.'}</p>` +
    table(
      ['Group', 'Size', 'Bads', 'Approval rate', 'Adverse-impact ratio', 'Four-fifths', 'TPR', 'FPR', 'AUC'],
      f.groups.map((g) => [
        g.group,
        g.size,
        g.bads,
        pct(g.approvalRate),
        fmt(g.adverseImpactRatio, 3),
        g.belowFourFifths ? 'below 0.8' : 'ok',
        fmt(g.tpr, 3),
        fmt(g.fpr, 3),
        fmt(g.auc),
      ]),
      'fairness',
    )
  );
}

function fairness(d: ModelDocumentInput): string {
  const out = d.evaluations.flatMap((e) =>
    (e.validation?.samples ?? []).flatMap((s) =>
      s.fairness.length
        ? [
            `${evalTitle(e, d.evaluations.length > 1)}<h4>${esc(sampleName(s))}</h4>${s.fairness.map(fairnessTable).join('\n')}`,
          ]
        : [],
    ),
  );
  return (
    out.join('\n') ||
    '<p>No protected attribute was marked on the Evaluate node, so no fairness figures were computed. Mark the protected attributes (e.g. sex, marital status, age bands) and train again.</p>'
  );
}

function limitations(d: ModelDocumentInput): string {
  const items: string[] = [];
  for (const e of d.evaluations) {
    const v = e.validation;
    if (!v) continue;
    if (!v.samples.some((s) => s.sample === 'out-of-time'))
      items.push(
        'No out-of-time sample: performance is measured on rows from the same period as the training rows.',
      );
    for (const s of v.samples) {
      if (s.bads < 50) items.push(`Only ${s.bads} bads in the ${sampleName(s)}: intervals are wide.`);
      const p = s.calibration.hosmerLemeshow.pValue;
      if (p !== null && p < 0.05)
        items.push(`Hosmer–Lemeshow rejects calibration on the ${sampleName(s)} (p = ${fmt(p)}).`);
      if (s.scorePsi.reading !== 'stable')
        items.push(`Score PSI on the ${sampleName(s)} is ${fmt(s.scorePsi.index)} (${s.scorePsi.reading}).`);
      for (const f of s.fairness)
        if (f.flagged.length)
          items.push(
            `Adverse impact on the ${sampleName(s)}: ${f.attribute} groups ${f.flagged.join(', ')} are approved at less than four fifths of ${f.referenceGroup}'s rate.`,
          );
    }
    for (const p of v.protectedAsInputs)
      items.push(`The protected attribute "${p}" is an input of the model.`);
  }
  for (const w of d.warnings) items.push(`${w.code}${w.nodeId ? ` (node ${w.nodeId})` : ''}: ${w.message}`);
  const unique = [...new Set(items)];
  return unique.length
    ? `<ul class="warnings">${unique.map((i) => `<li>${esc(i)}</li>`).join('\n')}</ul>`
    : '<p>No warnings were raised during the run.</p>';
}

function changes(d: ModelDocumentInput): string {
  const c = d.changes;
  if (!c.baseline)
    return '<p>No version of this project was deployed before this run: there is nothing to compare with.</p>';
  return (
    `<p>Compared with ${esc(c.baseline.slug)} v${c.baseline.version} (run ${esc(c.baseline.runId)}, graph version ${c.baseline.versionNumber}).</p>` +
    '<h3>Graph changes</h3>' +
    (c.graphChanges.length
      ? `<ul class="graph-diff">${c.graphChanges.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`
      : '<p>The graph is unchanged.</p>') +
    '<h3>Metric deltas</h3>' +
    table(
      ['Metric', 'Deployed', 'This run', 'Change'],
      c.metricDeltas.map((m) => [
        m.metric,
        fmt(m.before),
        fmt(m.after),
        m.before !== null && m.after !== null
          ? (m.after - m.before >= 0 ? '+' : '') + fmt(m.after - m.before)
          : '–',
      ]),
      'deltas',
    )
  );
}

function approval(): string {
  return (
    '<p>The approver reads this document and approves or rejects the deployment request. The SHA-256 of this file is shown on the deployment request and recorded in the audit event of the deployment, so the approved text cannot change unnoticed.</p>' +
    table(
      ['Role', 'Name', 'Decision', 'Date'],
      [
        ['Model owner', '', '', ''],
        ['Validator', '', '', ''],
        ['Approver', '', '', ''],
      ],
      'signoff',
    )
  );
}

const STYLE = `
body{font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;max-width:980px;margin:24px auto;padding:0 24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;border-bottom:2px solid #1f5fbf;padding-bottom:3px;margin-top:28px}
h3{font-size:14px;margin:18px 0 6px}h4{font-size:13px;margin:14px 0 6px}
table{border-collapse:collapse;margin:6px 0 12px;font-variant-numeric:tabular-nums}
th,td{border:1px solid #c9d1d9;padding:3px 7px;text-align:left}th{background:#eef2f7}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px}dt{font-weight:600}dd{margin:0;word-break:break-all}
code{font-size:12px;word-break:break-all}.meta{color:#57606a}
@media print{body{margin:0;max-width:none}section{break-inside:auto}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}}
`;

/** The model document of one run as a self-contained, printable HTML page (no scripts, no external files). */
export function renderModelDocument(d: ModelDocumentInput): string {
  const bodies: Record<DocumentSection, string> = {
    purpose: purpose(d),
    data: data(d),
    lineage: lineage(d),
    variables: variables(d),
    performance: performance(d),
    calibration: calibration(d),
    stability: stability(d),
    fairness: fairness(d),
    limitations: limitations(d),
    changes: changes(d),
    approval: approval(),
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Model document: ${esc(d.project.name)} (run ${esc(d.run.id)})</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Model document: ${esc(d.project.name)}</h1>
<p class="meta">Run ${esc(d.run.id)} · graph version ${d.graph.versionNumber} · generated ${esc(d.generatedAt)} by DeepSeek Studio</p>
</header>
${DOCUMENT_SECTIONS.map(([id, title]) => section(id, title, bodies[id])).join('\n')}
</body>
</html>
`;
}
