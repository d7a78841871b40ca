import type { BundleProject } from './bundle-format';
import { BUNDLE_VERSION } from './bundle-format';
import type { BundledModel } from './bundle-export';

const KIND: Record<BundledModel['kind'], string> = {
  logistic: 'logistic regression',
  mlp: 'neural network',
  gbm: 'gradient boosting',
};

/** The README's Node command scoring a model's ONNX with onnxruntime-node on its example input. */
export function onnxNodeCommand(dir: string, precision: 'fp32' | 'int8' = 'fp32'): string {
  return `node --input-type=module -e "
import * as ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
const record = JSON.parse(readFileSync('${dir}/example-input.json', 'utf8'));
const session = await ort.InferenceSession.create('${dir}/model-${precision}.onnx');
const feeds = {};
for (const input of session.inputMetadata) {
  const v = record[input.name];
  feeds[input.name] = input.type === 'string'
    ? new ort.Tensor('string', [v == null ? '' : String(v)], [1, 1])
    : new ort.Tensor('float32', [v == null ? NaN : Number(v)], [1, 1]);
}
const out = await session.run(feeds);
console.log(JSON.stringify({ probability: out.probability.data[0], logit: out.logit.data[0] }));
"`;
}

/** The README's Node command scoring with the generated JavaScript (no build step, no dependencies). */
export function scorerNodeCommand(dir: string): string {
  return `node --input-type=module -e "
import { readFileSync } from 'node:fs';
import { score } from './${dir}/scorer.mjs';
console.log(JSON.stringify(score(JSON.parse(readFileSync('${dir}/example-input.json', 'utf8')))));
"`;
}

function modelSection(m: BundledModel): string {
  const d = m.dir;
  return `### Run ${m.run}, model \`${d.split('/').pop()}\` (${KIND[m.kind]})

Files in \`${d}/\`: \`model-fp32.onnx\`${m.int8 ? ', `model-int8.onnx`' : ''}, \`scorer.mjs\` + \`scorer.d.mts\`,
\`scorer.ts\`${m.python ? ', `train.py`' : ''}, \`example-input.json\` (a made-up applicant built from the schema).

ONNX with onnxruntime-node (\`npm install onnxruntime-node\` in this folder first):

\`\`\`sh
${onnxNodeCommand(d)}
\`\`\`

The generated JavaScript (Node 20, nothing to install or build):

\`\`\`sh
${scorerNodeCommand(d)}
\`\`\`

ONNX with onnxruntime in Python (\`pip install onnxruntime numpy\`):

\`\`\`sh
python3 -c "
import json, numpy as np, onnxruntime as ort
record = json.load(open('${d}/example-input.json'))
s = ort.InferenceSession('${d}/model-fp32.onnx')
feeds = {i.name: np.array([[str(record[i.name])]], dtype=object) if i.type == 'tensor(string)'
         else np.array([[float(record[i.name])]], dtype=np.float32) for i in s.get_inputs()}
print(dict(zip([o.name for o in s.get_outputs()], [v.ravel()[0] for v in s.run(None, feeds)])))
"
\`\`\`
${
  m.python
    ? `
The PyTorch script (\`python3 ${d}/train.py --help\`): \`python3 ${d}/train.py data.csv --epochs 0\` prints the held-out
AUC and KS of the Studio's weights on the run's own split; without \`--epochs 0\` it fine-tunes them (or trains
\`--from-scratch\`) with early stopping and saves \`model.pt\`; \`--predict scores.json --weights model.pt\` scores a CSV.
`
    : ''
}`;
}

/** README.md of a bundle: what each file is and how to score with it outside the Studio, with exact commands. */
export function bundleReadme(
  p: BundleProject,
  models: readonly BundledModel[] = [],
  includesData = true,
): string {
  const runs = p.runs.filter((r) => r.status === 'succeeded');
  const data = includesData
    ? `with the rows of its ${p.datasets.length === 1 ? 'dataset' : `${p.datasets.length} datasets`}`
    : `without raw data (the ${p.datasets.length === 1 ? "dataset's schema" : `schemas of ${p.datasets.length} datasets`} only; export with --include-data for the rows)`;
  return `# ${p.project.name}

${p.project.description}

Exported from DeepSeek Studio (bundle version ${BUNDLE_VERSION}): ${p.versions.length} graph versions, ${runs.length}
trained runs, ${data}. The format is documented in the Studio's \`docs/bundle-format.md\`, with a JSON Schema
for each JSON file in \`docs/schemas/\`.

Commands below run from the folder this bundle was unzipped into (\`unzip bundle.zip -d bundle && cd bundle\`).

## Score with the trained models
${models.length > 0 ? models.map(modelSection).join('\n') : '\nNo run of this bundle has a trained model with an input schema.\n'}
With the Studio's CLI, no server needed (the same checks, risk bands and reason codes as a deployment):

\`\`\`sh
studio predict bundle.zip applicants.csv --json                                   # newest run, fp32
studio predict bundle.zip applicants.csv --run 1 --precision int8 --json  # run 1's INT8 model (when quantized)
\`\`\`

## Reopen and retrain

- \`studio import bundle.zip\` (or \`POST /api/projects/import\` with the zip as body) reopens it as a new project;
  add \`--server <url> --token <token>\` to import into a running Studio.
- \`studio train bundle.zip\` imports, then retrains the head graph (needs the rows: \`studio export --include-data\`).

## Files

| path | what |
| --- | --- |
| \`bundle.json\` | \`bundleVersion\`, \`includesData\`, the sha256 of every other file (\`files\`) and what each file is (\`entries\`: path, kind, precision, sha256); import checks them all |
| \`bundle.sig\` | the exporting Studio's Ed25519 signature of \`bundle.json\` (not listed in it) |
| \`project.json\` | the project, its graph history (version numbers, parents, hashes), datasets with schema and profile, runs with metrics |
| \`graph/vNNNN.json\` | each saved GraphIR version (\`irVersion\`, nodes, edges, meta) |
| \`datasets/<sha256>.schema.json\` | each dataset's columns: type, nullability, categories, range, missing and distinct counts |
| \`datasets/<sha256>.csv\` | the dataset's rows, only when exported with \`--include-data\` / \`includeData=true\` |
| \`runs/rNNN/transforms-<node>-<sha256>.json\` | fitted transforms (impute, one-hot, standardize, WOE bins), model input order, scorecard and score scaling |
| \`runs/rNNN/weights-<node>-fp32-<sha256>.bin\` | the Studio engine's weights (\`native/FORMAT.md\`) |
| \`runs/rNNN/weights-int8-<node>-int8-<sha256>.bin\` | INT8 weights with activation scales, from a Quantize node |
| \`runs/rNNN/scorecard-<node>-<sha256>.json\` | scorecard points per characteristic and bin (WOE scorecards) |
| \`runs/rNNN/metrics-<sha256>.json\` | held-out evaluation (AUC, KS, Gini, calibration), WOE/IV report |
| \`runs/rNNN/document-<sha256>.html\` | the run's model document (printable HTML) |
| \`runs/rNNN/onnx-<node>-<precision>-<sha256>.onnx\` | the ONNX a deployment on the onnx runtime served |
| \`runs/rNNN/model/<node>/model-fp32.onnx\`, \`model-int8.onnx\` | the model with its preprocessing as ONNX (INT8 QDQ when a Quantize node cleared it); outputs \`logit\` and \`probability\` |
| \`runs/rNNN/model/<node>/scorer.mjs\`, \`scorer.d.mts\` | the generated scorer as plain JavaScript with its types |
| \`runs/rNNN/model/<node>/scorer.ts\` | the same scorer as TypeScript |
| \`runs/rNNN/model/<node>/train.py\` | PyTorch: the run's split, training from the Studio's weights or from scratch, held-out AUC/KS |
| \`runs/rNNN/model/<node>/example-input.json\` | a made-up applicant in the model's request shape |
| \`runs/rNNN/model/<node>/UNAVAILABLE.txt\` | only when one of the files above could not be made for this model, and why |
| \`audit.json\` | the project's audit trail, oldest first |
`;
}
