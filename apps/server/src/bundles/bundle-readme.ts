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
| \`bundle.json\` | \`bundleVersion\`, the sha256 of every other file (\`files\`) and what each file is (\`entries\`: path, kind, precision, sha256); import checks them all |
| \`project.json\` | the project, its graph history (version numbers, parents, hashes), datasets with schema and profile, runs with metrics |
| \`graph/vNNNN.json\` | each saved GraphIR version (\`irVersion\`, nodes, edges, meta) |
| \`datasets/<sha256>.csv\` | the training data, addressed by content |
| \`runs/rNNN/transforms-<node>-<sha256>.json\` | fitted transforms (impute, one-hot, standardize, WOE bins), engine feature order, scorecard and score scaling |
| \`runs/rNNN/weights-<node>-fp32-<sha256>.bin\` | engine weights (load with \`@studio/engine\` \`loadModel\`, or \`loadGbm\` for Gradient Boosting) |
| \`runs/rNNN/weights-int8-<node>-int8-<sha256>.bin\` | INT8 weights with their activation scales, from a Quantize node (load with \`loadQuantizedModel\`) |
| \`runs/rNNN/scorecard-<node>-<sha256>.json\` | scorecard points per characteristic and bin (WOE scorecards) |
| \`runs/rNNN/metrics-<sha256>.json\` | held-out evaluation (AUC, KS, Gini, calibration), WOE/IV report |
| \`runs/rNNN/onnx-<node>-<precision>-<sha256>.onnx\` | the model with its preprocessing as ONNX (present once the run was deployed on the onnx runtime): one \`[N,1]\` input per raw column, outputs \`logit\` and \`probability\` |
| \`runs/rNNN/model/<node>/model-fp32.onnx\` | every trained model with its preprocessing as ONNX (also \`model-int8.onnx\`, INT8 QDQ, when a Quantize node cleared it): one \`[N,1]\` input per raw column, outputs \`logit\` and \`probability\` |
| \`runs/rNNN/model/<node>/scorer.mjs\` | the generated scorer as plain JavaScript (ES module, no dependencies; Node 20 runs it with no build step), types in \`scorer.d.mts\` |
| \`runs/rNNN/model/<node>/scorer.ts\` | the same scorer as TypeScript |
| \`runs/rNNN/model/<node>/train.py\` | a PyTorch script with the model's weights and transforms (logistic models and networks) |
| \`runs/rNNN/model/<node>/UNAVAILABLE.txt\` | present only when one of the files above could not be made for this model, and why |
| \`audit.json\` | the project's audit trail, oldest first |

Every succeeded run whose dataset is still in the project has its \`model/\` folder.

## Use it

- Reopen in a Studio: \`studio import bundle.zip\` or \`POST /api/projects/import\` with the zip as body.
- Score a CSV without a server: \`studio predict bundle.zip applicants.csv --json\`.
- Retrain from the bundle's head graph and data: \`studio train bundle.zip\`.
- Score with the generated JavaScript: \`node --input-type=module -e "import { score } from './runs/r001/model/<node>/scorer.mjs'; console.log(score({ /* raw columns */ }))"\`.
- In code: \`loadScoringArtifacts({ transforms, weights })\` then \`scoreRow(artifacts, record)\` from \`@studio/pipeline\`.
`;
}
