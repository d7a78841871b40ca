import { expect, test } from '@playwright/test';
import {
  clickEmptyCanvas,
  configureDataset,
  dragFromPalette,
  dragWire,
  handle,
  saveWithKeyboard,
  selectNode,
  uploadDataset,
} from '../support/editor';
import { germanCreditCsv } from '../support/data';
import { createProject } from '../support/projects';

// The first session of a new analyst, end to end against the real server and a real Chromium.
test('a new user builds, saves, reloads, undoes and audits a credit-scoring graph', async ({ page }) => {
  await createProject(page, 'German credit PD');
  await uploadDataset(page, germanCreditCsv);

  const dataset = await dragFromPalette(page, 'dataset', 110, 200);
  const split = await dragFromPalette(page, 'split', 330, 200);
  const lr = await dragFromPalette(page, 'logistic-regression', 570, 110);
  const evaluate = await dragFromPalette(page, 'evaluate', 570, 400);

  // Point the Dataset node at the upload: selects generated from the project's datasets and their columns.
  await configureDataset(page, dataset);

  await dragWire(page, handle(dataset, 'out', 'table'), handle(split, 'in', 'table'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);

  // A table cannot feed a model input: the canvas says why while hovering, then refuses the drop.
  await dragWire(page, handle(split, 'out', 'train'), handle(evaluate, 'in', 'model'), async () => {
    await expect(page.getByTestId('connection-hint')).toContainText('table cannot feed a model input');
  });
  await expect(page.getByTestId('connection-hint')).toHaveCount(0);
  await expect(
    page.getByTestId('toast').filter({ hasText: 'table cannot feed a model input' }),
  ).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);

  await dragWire(page, handle(split, 'out', 'train'), handle(lr, 'in', 'table'));
  await dragWire(page, handle(lr, 'out', 'model'), handle(evaluate, 'in', 'model'));
  await dragWire(page, handle(split, 'out', 'test'), handle(evaluate, 'in', 'table'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);

  await page.getByTestId('tab-problems').click();
  await expect(page.getByTestId('problems-empty')).toBeVisible();
  await saveWithKeyboard(page, 1);

  await selectNode(split);
  await page.getByTestId('tab-inspector').click();
  const testFraction = page.getByTestId('param-testFraction');
  await expect(testFraction).toHaveValue('0.3');
  await testFraction.fill('0.25');
  await testFraction.press('Enter');
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await page.screenshot({ path: 'artifacts/editor-built-graph.png' });
  await saveWithKeyboard(page, 2);

  await page.reload();
  await expect(page.getByTestId('editor')).toBeVisible();
  for (const op of ['dataset', 'split', 'logistic-regression', 'evaluate']) {
    await expect(page.getByTestId(`node-${op}`)).toHaveCount(1);
  }
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await selectNode(page.getByTestId('node-split'));
  await page.getByTestId('tab-inspector').click();
  await expect(page.getByTestId('param-testFraction')).toHaveValue('0.25');

  // Undo and redo one edit, then save it so it reaches the audit trail.
  await selectNode(page.getByTestId('node-evaluate'));
  const cutoff = page.getByTestId('param-cutoff');
  await cutoff.fill('0.4');
  await cutoff.press('Enter');
  await clickEmptyCanvas(page);
  await selectNode(page.getByTestId('node-evaluate'));
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('param-cutoff')).toHaveValue('0.5');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(page.getByTestId('param-cutoff')).toHaveValue('0.4');
  await saveWithKeyboard(page, 3);

  await page.getByTestId('tab-audit').click();
  const audit = page.getByTestId('audit-list');
  await expect(audit).toContainText('testFraction');
  await expect(audit).toContainText('cutoff');
  await expect(audit).toContainText('dataset.upload');
  await expect(audit).toContainText('project.create');
  await page.screenshot({ path: 'artifacts/editor-audit.png' });
});
