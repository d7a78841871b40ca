import { expect, test } from '@playwright/test';
import { selectNode } from '../support/editor';
import { startFromTemplate } from '../support/projects';
import { approveLatestRequest } from '../support/approval';

// An analyst shrinks the network to INT8: the template's Quantize node reports size, AUC/KS and latency of
// fp32 against INT8 after training, and the INT8 model is deployed from the run page; allowing no AUC drop
// at all then makes the guard refuse INT8, and the Deploy action says why.
test('train the neural-network template, read the quantization report, deploy INT8, then see the guard refuse it', async ({
  page,
}) => {
  await page.goto('/');
  await startFromTemplate(page, 'neural-network-pd', 'german_credit.csv', 'NN INT8 guard e2e');
  await expect(page.getByTestId('node-quantize')).toHaveCount(1);
  await page.getByTestId('train').click();
  await expect(page.getByTestId('run-page')).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 60_000 });

  const card = page.getByTestId('quantization-card');
  await expect(card).toBeVisible();
  await expect(page.getByTestId('quantization-size')).toContainText('of the fp32 size');
  await expect(page.getByTestId('quantization-auc')).toContainText(/AUC 0\.\d{4} → 0\.\d{4}/);
  await expect(page.getByTestId('quantization-latency')).toContainText('µs a row in fp32');
  await expect(page.getByTestId('quantization-verdict')).toContainText('Passed');

  await page.getByTestId('deploy-precision').selectOption('int8');
  await page.getByTestId('deploy').click();
  await approveLatestRequest(page);
  await expect(page.getByTestId('deployment-serving')).toContainText('native · INT8');

  // On German credit the minmax INT8 model loses a little AUC, so a limit of 0 fails the guard.
  await page.getByTestId('nav-graph').click();
  await selectNode(page.getByTestId('node-quantize'));
  const limit = page.getByTestId('param-maxAucDrop');
  await limit.fill('0');
  await limit.press('Enter');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 60_000 });
  await expect(page.getByTestId('quantization-verdict')).toContainText(
    'Raise maxAucDrop on the Quantize node or deploy fp32',
  );
  await expect(page.getByTestId('deploy-precision').locator('option[value="int8"]')).toBeDisabled();
  await expect(page.getByTestId('deploy-int8-refused')).toContainText(
    'more than the Quantize node allows (0)',
  );
});
