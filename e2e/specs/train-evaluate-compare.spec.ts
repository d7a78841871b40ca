import { expect, test, type Page } from '@playwright/test';
import { selectNode, uploadDataset } from '../support/editor';
import { taiwanCsv } from '../support/data';
import { createProject, startFromTemplate } from '../support/projects';
import { waitForEvaluation } from '../support/runs';

const TARGET = 'default.payment.next.month';

/** Reads a KPI card's number. */
async function kpi(page: Page, id: 'auc' | 'gini' | 'ks' | 'brier'): Promise<number> {
  return Number(await page.getByTestId(`kpi-${id}-value`).textContent());
}

// A new analyst's first model, end to end on the real server and engine: upload, template, train, read, retrain, compare.
test('train a WOE scorecard on the Taiwan data, retrain with another PDO and compare the runs', async ({
  page,
}) => {
  await createProject(page, 'Taiwan data');
  await uploadDataset(page, taiwanCsv);

  // The profile: statistics and histograms per column, with the bad rate per bin once a target is picked.
  await page.getByTestId('open-profile').click();
  await expect(page.getByTestId('dataset-page')).toBeVisible();
  await page.getByTestId('target-picker').selectOption(TARGET);
  await expect(page.getByTestId('profile-summary')).toContainText('bad rate 22.1%');
  await expect(page.getByTestId('column-profile')).toHaveCount(25);
  await expect(page.locator('[data-column="PAY_0"] .chart-legend')).toContainText('Bad rate');
  await page.screenshot({ path: 'artifacts/dataset-profile.png' });

  // Start from the WOE scorecard template on the uploaded data (the server copies it and finds the target).
  await page.getByTestId('back-to-projects').click();
  await startFromTemplate(page, 'woe-scorecard', 'taiwan_default.csv');
  await expect(page.getByTestId('project-title')).toHaveText('WOE logistic scorecard');
  await expect(page.getByTestId('node-scorecard')).toHaveCount(1);
  await selectNode(page.getByTestId('node-dataset'));
  await expect(page.getByTestId('param-target')).toHaveValue(TARGET);

  // Eager mode: the selected table node's output on a sample, refreshed shortly after a param change.
  await page.getByTestId('preview-toggle').click();
  await selectNode(page.getByTestId('node-woe-binning'));
  const preview = page.getByTestId('preview-table');
  await expect(preview).toBeVisible();
  await expect(preview.locator('tbody tr')).toHaveCount(20);
  const before = await preview.locator('tbody').textContent();
  const maxBins = page.getByTestId('param-maxBins');
  await maxBins.fill('2');
  await maxBins.press('Enter');
  await expect(preview.locator('tbody')).not.toHaveText(before ?? '');
  await page.screenshot({ path: 'artifacts/template-editor-preview.png' });
  // Undo from the canvas (in a field, Ctrl+Z is the field's own undo): back to the template as saved.
  await selectNode(page.getByTestId('node-woe-binning'));
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('param-maxBins')).toHaveValue('6');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await selectNode(page.getByTestId('node-logistic-regression'));
  await expect(page.getByTestId('preview-not-table')).toBeVisible();
  // The inspector says which optimizer will run before anything trains.
  await expect(page.getByTestId('solver-note')).toHaveText('Runs Newton (IRLS): no L1 penalty set.');

  // Train: the run page shows the progress bar and the loss chart fed by the event stream, then the evaluation.
  await page.getByTestId('train').click();
  await waitForEvaluation(page, { progress: true });
  await expect(page.getByTestId('loss-chart')).toBeVisible();
  const auc = await kpi(page, 'auc');
  const gini = await kpi(page, 'gini');
  expect(auc).toBeGreaterThan(0.7);
  expect(gini).toBeCloseTo(2 * auc - 1, 2);
  expect(await kpi(page, 'ks')).toBeGreaterThan(0.3);
  await expect(page.getByTestId('roc-chart')).toBeVisible();
  await expect(page.getByTestId('scorecard-scaling')).toContainText('PDO 20');
  expect(await page.getByTestId('scorecard-points').count()).toBeGreaterThan(5);
  await page.screenshot({ path: 'artifacts/run-evaluation.png' });

  // The cutoff slider recomputes the confusion matrix in the browser.
  const tpBefore = await page.getByTestId('cm-tp').locator('strong').textContent();
  await page.getByTestId('cutoff-slider').press('Home');
  await expect(page.getByTestId('cutoff-value')).toHaveText('0.00');
  await expect(page.getByTestId('cm-tp').locator('strong')).not.toHaveText(tpBefore ?? '');
  await page.getByTestId('scorecard').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'artifacts/run-scorecard.png' });

  // Change the scorecard's points-to-double-odds, then Ctrl+Enter saves version 2 and trains it.
  await page.getByTestId('nav-graph').click();
  await selectNode(page.getByTestId('node-scorecard'));
  const pdo = page.getByTestId('param-pdo');
  await pdo.fill('40');
  await pdo.press('Enter');
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await page.keyboard.press('ControlOrMeta+Enter');
  await waitForEvaluation(page, { progress: true });
  await expect(page.getByTestId('scorecard-scaling')).toContainText('PDO 40');

  // Both runs in the list; compare them side by side.
  await page.getByTestId('nav-runs').click();
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  for (const check of await page.getByTestId('compare-check').all()) await check.check();
  await page.screenshot({ path: 'artifacts/runs-list.png' });
  await page.getByTestId('compare-runs').click();
  await expect(page.getByTestId('compare-table')).toBeVisible();
  await expect(page.getByTestId('compare-auc')).toContainText(auc.toFixed(3));
  await expect(page.getByTestId('compare-table')).toContainText('Scorecard PDO');
  // A PDO change keeps the ranking (same AUC) but stretches the scores: the score ranges differ.
  const ranges = await page.getByTestId('compare-score-range').locator('td').allTextContents();
  expect(ranges).toHaveLength(2);
  expect(ranges[0]).not.toBe(ranges[1]);
  await expect(page.getByTestId('roc-chart').locator('[data-series]')).toHaveCount(3);
  await page.screenshot({ path: 'artifacts/runs-compare.png' });
});
