import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { exampleCall } from '../support/deployments';
import { startFromTemplate } from '../support/projects';
import { approveLatestRequest } from '../support/approval';

/** onnxruntime-node as the server installed it (the e2e package has no copy of its own). */
const serverRequire = createRequire(
  resolve(import.meta.dirname, '..', '..', 'apps', 'server', 'package.json'),
);

interface OrtTensor {
  data: ArrayLike<number>;
}
interface Ort {
  Tensor: new (type: string, data: unknown, dims: number[]) => OrtTensor;
  InferenceSession: {
    create(path: string): Promise<{
      inputMetadata: readonly { name: string; type?: string }[];
      run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
    }>;
  };
}

// The engineer who takes over: export the analyst's project from the web app, unzip it, and score an
// applicant with the bundle's ONNX (onnxruntime-node) and its generated JavaScript (plain node, no build),
// both agreeing with the live endpoint to 1e-6.
test("export a project from the UI and score the bundle's ONNX and generated JavaScript like the live endpoint", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  await page.goto('/');
  await startFromTemplate(page, 'neural-network-pd', 'german_credit.csv', 'NN hand-off e2e');
  await page.getByTestId('train').click();
  await expect(page.getByTestId('run-page')).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 90_000 });

  await page.getByTestId('deploy').click();
  await approveLatestRequest(page);
  await expect(page.getByTestId('deployment-serving')).toContainText('v1');
  await page.getByTestId('api-key-name').fill('engineer');
  await page.getByTestId('create-api-key').click();
  const key = (await page.getByTestId('new-api-key-value').textContent()) ?? '';
  const call = await exampleCall(page, request);

  // The default export leaves the raw data behind; the bundle still has everything to score with.
  await expect(page.getByTestId('export-include-data')).not.toBeChecked();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-bundle').click();
  const dir = test.info().outputPath('bundle');
  mkdirSync(dir, { recursive: true });
  await (await downloading).saveAs(join(dir, 'bundle.zip'));
  const unzip = spawnSync('unzip', ['-q', 'bundle.zip'], { cwd: dir, encoding: 'utf8' });
  expect(unzip.status, unzip.stderr).toBe(0);
  expect(readdirSync(join(dir, 'datasets')).every((f) => f.endsWith('.schema.json'))).toBe(true);
  const [node] = readdirSync(join(dir, 'runs', 'r001', 'model'));
  const model = join(dir, 'runs', 'r001', 'model', node!);
  const record = JSON.parse(readFileSync(join(model, 'example-input.json'), 'utf8')) as Record<
    string,
    string | number | boolean
  >;

  const live = await request.fetch(call.url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    data: JSON.stringify(record),
  });
  expect(live.status(), await live.text()).toBe(200);
  const endpoint = ((await live.json()) as { probability: number }).probability;

  const ort = serverRequire('onnxruntime-node') as Ort;
  const session = await ort.InferenceSession.create(join(model, 'model-fp32.onnx'));
  const feeds: Record<string, OrtTensor> = {};
  for (const input of session.inputMetadata) {
    const v = record[input.name];
    feeds[input.name] =
      input.type === 'string'
        ? new ort.Tensor('string', [v === undefined ? '' : String(v)], [1, 1])
        : new ort.Tensor('float32', Float32Array.of(v === undefined ? NaN : Number(v)), [1, 1]);
  }
  const onnx = (await session.run(feeds)).probability!.data[0]!;

  const js = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { readFileSync } from 'node:fs'; import { score } from './scorer.mjs';" +
        "console.log(JSON.stringify(score(JSON.parse(readFileSync('example-input.json', 'utf8')))));",
    ],
    { cwd: model, encoding: 'utf8' },
  );
  expect(js.status, js.stderr).toBe(0);
  const generated = (JSON.parse(js.stdout) as { probability: number }).probability;

  console.log(`endpoint ${endpoint}, onnx ${onnx}, generated js ${generated}`);
  expect(Math.abs(onnx - endpoint)).toBeLessThan(1e-6);
  expect(Math.abs(generated - endpoint)).toBeLessThan(1e-6);
});
