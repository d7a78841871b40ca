import { expect, test } from '@playwright/test';
import { clickEmptyCanvas, dragFromPalette, dragWire, handle, selectNode } from '../support/editor';
import { startFromTemplate } from '../support/projects';
import { waitForEvaluation } from '../support/runs';

// Tuning the challenger: a Tune node from the palette on the template's GBM, its search space edited in the
// generated inspector (bad values named beside their fields before anything runs), then the run's leaderboard
// and the configuration it handed to the model.
test('tune the GBM challenger: search space in the inspector, field errors, leaderboard on the run page', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await startFromTemplate(page, 'champion-challenger', 'german_credit.csv');
  const gbm = page.getByTestId('node-gradient-boosting');
  await expect(gbm).toHaveCount(1);

  const tune = await dragFromPalette(page, 'tune', 60, 60);
  await dragWire(page, handle(gbm, 'out', 'model'), handle(tune, 'in', 'model'));
  await selectNode(tune);
  await page.getByTestId('tab-inspector').click();

  // The attached model's parameters, its default space switched on.
  const editor = page.getByTestId('search-space-editor');
  await expect(editor).toContainText('The default space for Gradient Boosting');
  await expect(page.getByTestId('search-on-learningRate')).toBeChecked();
  await expect(page.getByTestId('search-on-trees')).not.toBeChecked();

  // A budget too small for one trial, and a learning rate range reaching 0: named beside their fields.
  const trials = page.getByTestId('param-trials');
  await trials.fill('0');
  await trials.press('Enter');
  await expect(page.getByTestId('field-error-trials')).toContainText('too small for one trial');
  await trials.fill('9');
  await trials.press('Enter');
  await expect(page.getByTestId('field-error-trials')).toHaveCount(0);
  const lowest = page.getByTestId('search-min-learningRate');
  await lowest.fill('0');
  await lowest.press('Enter');
  await expect(page.getByTestId('field-error-searchSpace')).toContainText('learningRate must be above 0');
  await lowest.fill('0.03');
  await lowest.press('Enter');
  await expect(page.getByTestId('field-error-searchSpace')).toHaveCount(0);
  await expect(editor).toContainText('Your own space for Gradient Boosting');
  const folds = page.getByTestId('param-folds');
  await folds.fill('3');
  await folds.press('Enter');
  await page.screenshot({ path: 'artifacts/tune-inspector.png' });

  await clickEmptyCanvas(page);
  await page.keyboard.press('ControlOrMeta+Enter');
  const board = page.getByTestId('tuning-leaderboard');
  await expect(board).toBeVisible({ timeout: 90_000 });
  await waitForEvaluation(page, { timeout: 120_000 });

  // 9 + 3 + 1 trials, best first, and the configuration handed to the GBM.
  await expect(page.getByTestId('tuning-row')).toHaveCount(13);
  await expect(page.getByTestId('tuning-best')).toContainText('Chosen configuration');
  await expect(page.getByTestId('tuning-best')).toContainText('learningRate');
  await expect(page.getByTestId('tuning-facts')).toContainText('3-fold stratified');
  // The GBM's evaluation names the configuration it was trained with.
  await page.getByTestId('evaluation').getByRole('tab', { name: 'GBM challenger' }).click();
  await expect(page.getByTestId('tuned-config')).toContainText(
    'Trained with the configuration its Tune node chose',
  );
  await board.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'artifacts/tune-leaderboard.png' });
});
