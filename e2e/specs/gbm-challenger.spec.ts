import { expect, test } from '@playwright/test';
import { exampleCall } from '../support/deployments';
import { clickEmptyCanvas, selectNode } from '../support/editor';
import { startFromTemplate } from '../support/projects';
import { waitForEvaluation } from '../support/runs';
import { approveLatestRequest } from '../support/approval';

interface Answer {
  probability: number;
  score: number;
  riskBand: string;
  reasons: { code: string; characteristic: string; points: number }[];
}

// The challenger every credit team expects: the champion-challenger template with its GBM, a monotone
// constraint set in the inspector, trained beside the scorecard, deployed, and called for reason codes.
test('train the champion-challenger template with its GBM challenger, deploy the GBM and get reason codes', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await startFromTemplate(page, 'champion-challenger', 'german_credit.csv');
  const gbm = page.getByTestId('node-gradient-boosting');
  await expect(gbm).toHaveCount(1);

  // The generated inspector: a zero learning rate is named beside its field, before anything runs.
  await selectNode(gbm);
  await page.getByTestId('tab-inspector').click();
  const rate = page.getByTestId('param-learningRate');
  await rate.fill('0');
  await rate.press('Enter');
  await expect(page.getByTestId('field-error-learningRate')).toContainText('learningRate must be at least');
  await rate.fill('0.1');
  await rate.press('Enter');
  await expect(page.getByTestId('field-error-learningRate')).toHaveCount(0);

  // The per-column monotone picker: risk may only rise with the loan's duration.
  await expect(page.getByTestId('monotone-picker')).toBeVisible();
  await page.getByTestId('monotone-duration_in_month').selectOption('increasing');
  await expect(page.getByTestId('monotone-duration_in_month')).toHaveValue('increasing');
  await page.screenshot({ path: 'artifacts/gbm-inspector.png' });

  await clickEmptyCanvas(page);
  await page.keyboard.press('ControlOrMeta+Enter');
  await waitForEvaluation(page, { progress: true, timeout: 90_000 });

  // One learning curve per model: the GBM's is the early-stopping curve by number of trees.
  await page.getByTestId('curve-gbm-gbm').click();
  await expect(page.getByTestId('loss-chart')).toContainText('Trees');
  await expect(page.getByTestId('auc-chart')).toBeVisible();
  await page.getByTestId('live-charts').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'artifacts/gbm-early-stopping.png' });

  // Three models side by side; the GBM's tab adds gain and mean-|SHAP| importance.
  await page.getByTestId('evaluation').getByRole('tab', { name: 'GBM challenger' }).click();
  await expect(page.getByTestId('importance')).toBeVisible();
  expect(await page.getByTestId('importance-row').count()).toBeGreaterThan(3);
  await page.getByRole('tab', { name: 'Mean |SHAP|' }).click();
  await expect(page.getByTestId('importance-row').first()).toBeVisible();
  await page.getByTestId('importance').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'artifacts/gbm-importance.png' });

  // Deploy the GBM (not the champion) with one click.
  await page.getByTestId('deploy-model').selectOption('gbm-gbm');
  await page.getByTestId('deploy').click();
  await approveLatestRequest(page);
  await expect(page.getByTestId('deployment-serving')).toContainText('v1');
  await page.getByTestId('api-key-name').fill('e2e gbm');
  await page.getByTestId('create-api-key').click();
  const key = (await page.getByTestId('new-api-key-value').textContent()) ?? '';
  expect(key.length).toBeGreaterThan(16);

  // Call the endpoint: the example applicant, and a riskier one (a long, large loan to a young applicant).
  const call = await exampleCall(page, request);
  const example = JSON.parse(call.body) as Record<string, unknown>;
  const risky = { ...example, duration_in_month: 60, credit_amount: 15000, age_in_years: 20 };
  const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
  const answers: Answer[] = [];
  for (const body of [example, risky]) {
    const res = await request.fetch(call.url, { method: 'POST', headers, data: JSON.stringify(body) });
    expect(res.status()).toBe(200);
    answers.push((await res.json()) as Answer);
  }
  const [calm, hot] = answers as [Answer, Answer];
  expect(hot.probability).toBeGreaterThan(calm.probability);
  expect(hot.score).toBeLessThan(calm.score);
  for (const a of answers) {
    expect(a.probability).toBeGreaterThan(0);
    expect(a.probability).toBeLessThan(1);
    expect(typeof a.riskBand).toBe('string');
    expect(a.reasons.length).toBeLessThanOrEqual(4);
    for (const r of a.reasons) {
      expect(Object.keys(example)).toContain(r.characteristic);
      expect(r.code).toMatch(/^R\d\d$/);
      expect(r.points).toBeGreaterThan(0);
    }
  }
  expect(hot.reasons.length).toBeGreaterThan(0);

  // "Try it" shows the same answer shape with its reason codes.
  await page.getByTestId('try-submit').click();
  await expect(page.getByTestId('prediction-result')).toBeVisible();
  await expect(page.getByTestId('prediction-score')).toHaveText(String(Math.round(calm.score)));
  await page.screenshot({ path: 'artifacts/gbm-deployment.png' });
});
