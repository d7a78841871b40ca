import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { germanCreditCsv } from '../support/data';
import { exampleCall } from '../support/deployments';
import { canvasOps, selectNode } from '../support/editor';
import { startFromTemplate } from '../support/projects';
import { waitForEvaluation } from '../support/runs';
import { approveLatestRequest } from '../support/approval';

/** The AUC column of the runs table, oldest run first, opened with the given button. */
async function runAucs(page: Page, open: 'nav-runs' | 'open-runs'): Promise<string[]> {
  await page.getByTestId(open).click();
  await expect(page.getByTestId('runs-table')).toBeVisible();
  const cells = await page
    .getByTestId('run-row')
    .evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[5]?.textContent ?? ''));
  return cells.reverse();
}

// A new analyst ships a model: template on the demo data, train, deploy with one click, call it with a key,
// ship a second version and roll it back, then carry the whole project to a new one as a bundle.
test('deploy a trained scorecard, call it with a key, roll back, and round-trip the project bundle', async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await startFromTemplate(page, 'woe-scorecard', 'german_credit.csv');
  await expect(page.getByTestId('node-scorecard')).toHaveCount(1);
  const ops = await canvasOps(page);
  await page.getByTestId('train').click();
  await waitForEvaluation(page);

  // One click: the run's model is served as version 1 of the project's endpoint.
  await page.getByTestId('deploy').click();
  await approveLatestRequest(page);
  await expect(page.getByTestId('deployment-serving')).toContainText('v1');
  await expect(page.locator('[data-testid="version-row"][data-status="active"]')).toHaveAttribute(
    'data-version',
    '1',
  );

  // A key is shown once, with a copy button and a warning.
  await page.getByTestId('api-key-name').fill('e2e client');
  await page.getByTestId('create-api-key').click();
  await expect(page.getByTestId('new-api-key')).toContainText("you won't see it again");
  const key = (await page.getByTestId('new-api-key-value').textContent()) ?? '';
  expect(key.length).toBeGreaterThan(16);
  await expect(page.getByTestId('api-key-row')).toHaveCount(1);

  // Copy the curl example as a developer would; it is the call the OpenAPI document describes (its URL and
  // example body), which is then made exactly, with the key filled in.
  await expect(page.getByTestId('curl-example')).toContainText('curl -X POST');
  await page.getByTestId('copy-curl').click();
  await expect(page.getByTestId('copy-curl')).toHaveText('Copied');
  const curl = String(await page.evaluate('navigator.clipboard.readText()'));
  expect(curl).toBe(await page.getByTestId('curl-example').textContent());
  const call = await exampleCall(page, request);
  expect(curl).toContain(`curl -X POST '${call.url}'`);
  expect(curl).toContain('-H "Authorization: Bearer $STUDIO_API_KEY"');
  expect(curl).toContain(`-d '${call.body.replace(/'/g, "'\\''")}'`);
  const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
  const answer = await request.fetch(call.url, { method: 'POST', headers, data: call.body });
  expect(answer.status()).toBe(200);
  const prediction = (await answer.json()) as {
    probability: number;
    score: number;
    riskBand: string;
    reasons: { code: string }[];
    model: { version: number };
  };
  expect(prediction.probability).toBeGreaterThan(0);
  expect(prediction.probability).toBeLessThan(1);
  expect(Number.isFinite(prediction.score)).toBe(true);
  expect(prediction.reasons.length).toBeGreaterThan(0);
  expect(prediction.model.version).toBe(1);

  // "Try it" starts from the same example and shows the answer with its reason codes.
  await page.getByTestId('try-submit').click();
  await expect(page.getByTestId('prediction-result')).toBeVisible();
  await expect(page.getByTestId('prediction-score')).toHaveText(String(Math.round(prediction.score)));
  await expect(page.getByTestId('reason-row').first()).toBeVisible();
  // A wrong value is named beside its field.
  const numeric = page.locator('.try-fields input[inputmode="decimal"]').first();
  const field = (await numeric.getAttribute('data-testid'))?.replace('try-field-', '') ?? '';
  const good = await numeric.inputValue();
  await numeric.fill('lots');
  await page.getByTestId('try-submit').click();
  await expect(page.getByTestId(`field-error-${field}`)).toHaveText('Wrong type for this field.');
  await numeric.fill(good);
  await page.getByTestId('try-submit').click();
  await expect(page.getByTestId('prediction-result')).toBeVisible();
  await expect(page.getByTestId('prediction-row').first()).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('stats-requests')).not.toHaveText('0', { timeout: 10_000 });
  await page.screenshot({ path: 'artifacts/deployment-page.png' });
  await page.getByTestId('prediction-result').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'artifacts/deployment-try-it.png' });

  // Batch scoring of a CSV (the first 200 German rows), streamed with a progress bar, then downloaded.
  const rows = readFileSync(germanCreditCsv, 'utf8').split('\n').slice(0, 201).join('\n');
  await page.getByTestId('batch-file').setInputFiles({
    name: 'applicants.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(rows),
  });
  await page.getByTestId('batch-start').click();
  await expect(page.getByTestId('batch-summary')).toHaveText('200 of 200 rows. Done.');
  await expect(page.getByTestId('batch-progress')).toHaveAttribute('aria-valuenow', '100');
  const scored = page.waitForEvent('download');
  await page.getByTestId('batch-download').click();
  const results = readFileSync(await (await scored).path(), 'utf8')
    .trim()
    .split('\n');
  expect(results).toHaveLength(201);
  expect(results[0]).toBe('row,probability,score,risk_band,reason_codes,error');
  await expect(page.getByTestId('stats-requests')).toHaveText(/^2\d\d$/, { timeout: 10_000 });
  // About 200 scored rows are too few for PSI (default minimum 500): the panel says so instead of crying drift.
  await expect(page.getByTestId('psi-waiting')).toContainText('500 scored values');
  await page.getByTestId('deployment-stats').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'artifacts/deployment-live.png' });
  await page.getByTestId('batch-score').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'artifacts/deployment-batch.png' });

  // Version 2: retrain with a changed PDO and deploy again; then roll back to version 1.
  await page.getByTestId('nav-graph').click();
  await selectNode(page.getByTestId('node-scorecard'));
  const pdo = page.getByTestId('param-pdo');
  await pdo.fill('40');
  await pdo.press('Enter');
  await page.keyboard.press('ControlOrMeta+Enter');
  await waitForEvaluation(page);
  await page.keyboard.press('d');
  await approveLatestRequest(page);
  await expect(page.getByTestId('deployment-serving')).toContainText('v2');
  await expect(page.getByTestId('version-row')).toHaveCount(2);
  // The key created for v1 stays with the slug in this tab: v2 can be tried at once.
  await expect(page.getByTestId('try-key')).toHaveValue(key);
  await page.getByTestId('try-submit').click();
  await expect(page.getByTestId('prediction-result')).toContainText(' v2 · request');
  // The confirmation is a modal: Esc cancels it and gives the focus back to the button that opened it.
  await page.getByTestId('rollback').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('Roll back');
  await expect(page.getByTestId('confirm-ok')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('confirm-dialog')).toHaveCount(0);
  await expect(page.getByTestId('rollback')).toBeFocused();
  await expect(page.locator('[data-testid="version-row"][data-status="active"]')).toHaveAttribute(
    'data-version',
    '2',
  );
  await page.getByTestId('rollback').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('Roll back');
  await page.screenshot({ path: 'artifacts/deployment-rollback-confirm.png' });
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('confirm-dialog')).toHaveCount(0);
  await expect(page.locator('[data-testid="version-row"][data-status="active"]')).toHaveAttribute(
    'data-version',
    '1',
  );
  const again = await request.fetch(call.url, { method: 'POST', headers, data: call.body });
  expect(((await again.json()) as { model: { version: number } }).model.version).toBe(1);

  // Revoking the key refuses its requests; undeploying stops the endpoint.
  await page.getByTestId('revoke-api-key').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('api-key-row')).toContainText('revoked');
  const refused = await request.fetch(call.url, { method: 'POST', headers, data: call.body });
  expect(refused.status()).toBe(403);
  await page.getByTestId('undeploy').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('refused');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('not-serving')).toBeVisible();
  await expect(page.locator('[data-testid="version-row"][data-status="active"]')).toHaveCount(0);

  // The project as one bundle, then back in as a new project with the same graph and metrics.
  const aucs = await runAucs(page, 'nav-runs');
  expect(aucs).toHaveLength(2);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-bundle').click();
  const bundle = test.info().outputPath('bundle.zip');
  await (await downloading).saveAs(bundle);

  await page.getByTestId('back-to-projects').click();
  await page.getByTestId('import-bundle-input').setInputFiles({
    name: 'broken.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from('PK\u0003\u0004 this is not a bundle'),
  });
  await expect(page.getByTestId('import-error')).toContainText('Import refused');
  await page.screenshot({ path: 'artifacts/import-refused.png' });
  await page.getByTestId('import-bundle-input').setInputFiles(bundle);
  await expect(page.getByTestId('editor')).toBeVisible();
  expect(await canvasOps(page)).toEqual(ops);
  await page.screenshot({ path: 'artifacts/imported-project.png' });
  expect(await runAucs(page, 'open-runs')).toEqual(aucs);

  await page.getByTestId('back-to-projects').click();
  await page.getByTestId('nav-all-deployments').click();
  await expect(page.getByTestId('deployment-row').first()).toBeVisible();
  await page.screenshot({ path: 'artifacts/deployments-all.png' });
});
