import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { approveLatestRequest } from '../support/approval';
import { selectNode } from '../support/editor';
import { startFromTemplate } from '../support/projects';
import { waitForEvaluation } from '../support/runs';

// A validator's path: the analyst marks personal_status_and_sex as protected on the Evaluate node and trains the
// German WOE scorecard; the run page shows the validation pack with the fairness table; the model document shows
// the same table; a high-severity finding blocks the deployment until it is resolved; the deployment request
// shows the document's hash, and the deployment records it.
test('protected attribute → fairness in the model document → findings gate → deploy records the document hash', async ({
  page,
  context,
  request,
}) => {
  await page.goto('/');
  await startFromTemplate(page, 'woe-scorecard', 'german_credit.csv', `Validation pack ${Date.now()}`);
  await selectNode(page.getByTestId('node-evaluate'));
  await page.getByTestId('param-protected').selectOption(['personal_status_and_sex']);
  // Before any run: the marked attribute also feeds the model, a warning pinned to the Evaluate node.
  await page.getByTestId('tab-problems').click();
  await expect(page.getByTestId('problems-list')).toContainText(
    /Evaluate.*"personal_status_and_sex" (is also an input|reaches the model)/,
  );
  await page.getByTestId('train').click();
  await waitForEvaluation(page, { timeout: 60_000 });
  const runId = decodeURIComponent(/\/runs\/([^/?#]+)/.exec(page.url())![1]!);

  // The validation section: intervals and the fairness table of the marked attribute.
  await expect(page.getByTestId('validation-section')).toBeVisible();
  await expect(page.getByTestId('validation-intervals').first()).toContainText(
    /AUC0\.\d{4}\[0\.\d{4}, 0\.\d{4}\]/,
  );
  const fairness = page.locator('[data-testid="fairness-table"][data-attribute="personal_status_and_sex"]');
  await expect(fairness).toBeVisible();
  const groups = await fairness.locator('tbody tr td:first-child').allTextContents();
  expect(groups.length).toBeGreaterThanOrEqual(3);

  // The document: its hash next to Deploy is the hash of the bytes served, and it shows the same groups.
  const hashText = (await page.getByTestId('document-hash').textContent()) ?? '';
  const hash = hashText.replace('sha256 ', '').trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  const served = await request.get(`/api/runs/${encodeURIComponent(runId)}/document`);
  expect(
    createHash('sha256')
      .update(await served.body())
      .digest('hex'),
  ).toBe(hash);
  const href = (await page.getByTestId('document-link').getAttribute('href')) ?? '';
  const doc = await context.newPage();
  await doc.goto(href);
  const docFairness = doc.locator('#fairness');
  await expect(docFairness).toContainText('personal_status_and_sex');
  await expect(docFairness.locator('table.fairness tbody tr td:first-child')).toHaveText(groups);
  await expect(doc.locator('#performance table.discrimination')).toContainText('AUC');
  await doc.close();

  // The lineage: each item a link.
  const datasetLink = page.getByTestId('lineage-dataset').locator('a').first();
  await expect(datasetLink).toHaveText('german_credit.csv');
  await expect(datasetLink).toHaveAttribute('href', /#\/projects\/[^/]+\/datasets\//);
  await expect(page.getByTestId('lineage-version').locator('a')).toHaveAttribute('href', /#\/projects\//);
  await expect(page.getByTestId('lineage-document')).toContainText(hash.slice(0, 12));

  // A high-severity finding blocks the deployment request, with the reason on screen.
  await page.getByTestId('finding-severity').selectOption('high');
  await page.getByTestId('finding-text').fill('Adverse impact on female applicants needs a justification.');
  await page.getByTestId('finding-add').click();
  await expect(page.getByTestId('finding')).toHaveCount(1);
  await expect(page.getByTestId('findings-blocking')).toBeVisible();
  await page.getByTestId('deploy').click();
  await expect(page.getByTestId('deploy-error')).toContainText('open high-severity');

  // Resolved, the run deploys; the deployment records the document hash the request showed.
  await page.getByTestId('finding-status').selectOption('resolved');
  await expect(page.locator('[data-testid="finding"][data-status="resolved"]')).toHaveCount(1);
  await page.getByTestId('deploy').click();
  // Four eyes (#10): the deploy is a request; the approver approves it, and the approval records the hash.
  await approveLatestRequest(page);
  await expect(page.getByTestId('deployment-page')).toBeVisible();
  const lineage = (await (await request.get(`/api/runs/${encodeURIComponent(runId)}/lineage`)).json()) as {
    deployments: { documentSha256: string | null }[];
  };
  expect(lineage.deployments.map((d) => d.documentSha256)).toEqual([hash]);
});
