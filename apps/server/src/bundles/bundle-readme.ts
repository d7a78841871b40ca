import type { BundleProject } from './bundle-format';
import { BUNDLE_VERSION } from './bundle-format';

/** README.md of a bundle: what each file is and how to use it outside the Studio. */
export function bundleReadme(p: BundleProject): string {
  const runs = p.runs.filter((r) => r.status === 'succeeded');
  return `# ${p.project.name}

${p.project.description}

Exported from DeepSeek Studio (bundle version ${BUNDLE_VERSION}). ${p.versions.length} graph versions,
${p.datasets.length} datasets, ${runs.length} trained runs.

## Files

| path | what |
| --- | --- |
| \`bundle.json\` | \`bundleVersion\` and the sha256 of every other file; import checks them all |
| \`project.json\` | the project, its graph history (version numbers, parents, hashes), datasets with schema and profile, runs with metrics |
| \`graph/vNNNN.json\` | each saved GraphIR version (\`irVersion\`, nodes, edges, meta) |
| \`datasets/<sha256>.csv\` | the training data, addressed by content |
| \`runs/rNNN/transforms-<node>.json\` | fitted transforms (impute, one-hot, standardize, WOE bins), engine feature order, scorecard and score scaling |
| \`runs/rNNN/weights-<node>.bin\` | engine weights (load with \`@studio/engine\` \`loadModel\`, or \`loadGbm\` for Gradient Boosting) |
| \`runs/rNNN/weights-int8-<node>.bin\` | INT8 weights with their activation scales, from a Quantize node (load with \`loadQuantizedModel\`) |
| \`runs/rNNN/scorecard-<node>.json\` | scorecard points per characteristic and bin (WOE scorecards) |
| \`runs/rNNN/metrics.json\` | held-out evaluation (AUC, KS, Gini, calibration), WOE/IV report |
| \`runs/rNNN/onnx-<node>.onnx\` | the model with its preprocessing as ONNX (present once the run was deployed on the onnx runtime): one \`[N,1]\` input per raw column, outputs \`logit\` and \`probability\` |
| \`audit.json\` | the project's audit trail, oldest first |

${p.runs.some((r) => r.artifacts.some((a) => a.kind === 'onnx')) ? 'ONNX models are included for the runs deployed on the onnx runtime.' : 'No ONNX model is included yet: deploy a run on the onnx runtime to produce one, then export again.'}

## Use it

- Reopen in a Studio: \`studio import bundle.zip\` or \`POST /api/projects/import\` with the zip as body.
- Score a CSV without a server: \`studio predict bundle.zip applicants.csv --json\`.
- Retrain from the bundle's head graph and data: \`studio train bundle.zip\`.
- In code: \`loadScoringArtifacts({ transforms, weights })\` then \`scoreRow(artifacts, record)\` from \`@studio/pipeline\`.
`;
}
