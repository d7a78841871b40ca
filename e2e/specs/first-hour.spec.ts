import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { taiwanCsv } from '../support/data';
import { approveLatestRequest } from '../support/approval';
import { waitForEvaluation } from '../support/runs';

const NAME = 'Cards PD, first hour';
const TARGET = 'default.payment.next.month';

/**
 * The first data row of the Taiwan CSV exactly as the file writes it, every cell a JSON string and every column
 * sent (ID and the target too): the endpoint reads the columns the model uses and ignores the rest.
 */
function firstTaiwanRow(): Record<string, string> {
  const [header = '', row = ''] = readFileSync(taiwanCsv, 'utf8').split(/\r?\n/);
  const unquote = (cell: string) => cell.replace(/^"|"$/g, '');
  const names = header.split(',').map(unquote);
  const values = row.split(',').map(unquote);
  return Object.fromEntries(names.map((n, i) => [n, values[i] ?? ''] as const));
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
}

/** The screen boxes of every node on the canvas. */
async function nodeBoxes(page: Page): Promise<Box[]> {
  return page.locator('.react-flow__node').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
    }),
  );
}

// The analyst's first hour, in one flow: a new project on their own CSV (Taiwan, 30,000 rows), the ID column
// caught and left out, a canvas laid out and readable, then train, deploy and call the endpoint.
test('first hour: new-project wizard on the Taiwan CSV → ID left out → tidy canvas → train → deploy → call', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const started = Date.now();
  // ELK (the layout engine, ~1.4 MB) is its own chunk: the projects page does not load it.
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByTestId('new-project-wizard-open')).toBeEnabled();
  expect(scripts.filter((s) => s.includes('elk'))).toEqual([]);
  await page.keyboard.press('n');
  const wizard = page.getByTestId('new-project-wizard');
  await expect(wizard).toBeVisible();
  await expect(page.getByTestId('wizard-name')).toBeFocused();
  await page.getByTestId('wizard-name').fill(NAME);
  await page.getByTestId('wizard-description').fill('Credit-card default, Taiwan 2005');
  await page.getByTestId('wizard-next').click();

  // Data: upload the CSV (the library lists what is already there, once per content).
  await page.getByTestId('wizard-file-input').setInputFiles(taiwanCsv);

  // Target: detected, confirmed with its bad rate; the ID is flagged and will be left out.
  await expect(page.getByTestId('wizard-target')).toHaveValue(TARGET, { timeout: 60_000 });
  await expect(page.getByTestId('wizard-bad-rate')).toContainText('22.1%', { timeout: 60_000 });
  const idWarning = wizard.locator('[data-testid="data-warning"][data-code="COLUMN_ID_LIKE"]');
  await expect(idWarning).toContainText('ID');
  await expect(page.getByTestId('wizard-leave-out')).toBeChecked();
  await expect(wizard.locator('.wizard-leave-out')).toContainText('"ID"');
  await page.getByTestId('wizard-next').click();

  // Start from the logistic scorecard template (the fastest to train on 30,000 rows).
  await page.getByTestId('wizard-template-woe-scorecard').check();
  await page.getByTestId('wizard-create').click();
  await expect(page.getByTestId('editor')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('project-title')).toHaveText(NAME);
  expect(scripts.some((s) => s.includes('elk'))).toBe(true);

  // The graph leaves the ID out; the Dataset node says so live (23 inputs + target of 25 columns).
  const projectId = /#\/projects\/([^/?#]+)/.exec(page.url())?.[1] ?? '';
  const project = (await (await request.get(`/api/projects/${projectId}`)).json()) as {
    description: string;
    headVersionNumber: number;
    head: { message: string; graph: { nodes: { op: string; params: Record<string, unknown> }[] } };
  };
  expect(project.description).toBe('Credit-card default, Taiwan 2005');
  expect(project.head.message).toBe('Tidy layout');
  const datasetNode = project.head.graph.nodes.find((n) => n.op === 'dataset');
  expect(datasetNode?.params).toMatchObject({ target: TARGET, exclude: ['ID'] });
  await expect(page.getByTestId('node-dataset').getByTestId('node-output')).toHaveText(
    '→ 23 columns + target',
  );

  // A tidy canvas: no two nodes overlap, not all in one row, none drawn below a readable size.
  await expect(page.locator('.react-flow__node')).toHaveCount(project.head.graph.nodes.length);
  const boxes = await nodeBoxes(page);
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1))
      expect(
        a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top,
        'nodes overlap',
      ).toBe(true);
  expect(Math.min(...boxes.map((b) => b.width))).toBeGreaterThanOrEqual(180 * 0.6);
  await page.screenshot({ path: testInfo.outputPath('first-hour-canvas.png') });
  await page.screenshot({ path: 'artifacts/first-hour-canvas.png' });

  // Train, deploy (four eyes: the approver approves), and call the endpoint with a key.
  await page.getByTestId('train').click();
  await waitForEvaluation(page, { timeout: 120_000 });
  await page.getByTestId('deploy').click();
  await approveLatestRequest(page);
  await page.getByTestId('api-key-name').fill('first hour');
  await page.getByTestId('create-api-key').click();
  const key = (await page.getByTestId('new-api-key-value').textContent()) ?? '';
  const deploymentId = /deployments\/([^/?#]+)/.exec(page.url())?.[1] ?? '';
  const openapi = (await (await request.get(`/api/deployments/${deploymentId}/openapi`)).json()) as {
    servers: { url: string }[];
    paths: Record<string, { post?: unknown }>;
  };
  const path = Object.keys(openapi.paths).find((p) => openapi.paths[p]?.post && !p.includes('batch'));
  const answer = await request.post(`${openapi.servers[0]?.url ?? ''}${path ?? ''}`, {
    headers: { Authorization: `Bearer ${key}` },
    data: firstTaiwanRow(),
  });
  expect(answer.status(), await answer.text()).toBe(200);
  const prediction = (await answer.json()) as { probability: number; reasons: { code: string }[] };
  expect(prediction.probability).toBeGreaterThan(0);
  expect(prediction.probability).toBeLessThan(1);
  expect(prediction.reasons.length).toBeGreaterThan(0);
  expect(prediction.reasons.every((r) => r.code.length > 0)).toBe(true);

  // The library lists the Taiwan file once (other specs upload the same bytes), with this project among its users.
  await page.goto('/#/datasets');
  const taiwanRows = page.getByTestId('library-row').filter({ hasText: 'taiwan_default.csv' });
  await expect(taiwanRows).toHaveCount(1);
  await expect(taiwanRows).toContainText(NAME);
  await expect(taiwanRows).toContainText('30,000');
  testInfo.annotations.push({
    type: 'runtime',
    description: `${Math.round((Date.now() - started) / 1000)} s`,
  });
});
