import { expect, test } from '@playwright/test';
import { startFromTemplate } from '../support/projects';

// Subgraphs: the neural-network template opens with its layers as one collapsed "Network" block with typed
// ports; expanding shows the layers in a named frame; two nodes grouped with Ctrl+G become a named group
// that is saved, survives a reload and trains exactly like the flat graph.
test('open the Network block, expand it, group two nodes with Ctrl+G, save, reload and train', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await startFromTemplate(page, 'neural-network-pd', 'german_credit.csv', 'Subgraphs e2e');

  const block = page.getByTestId('group-block');
  await expect(block).toHaveCount(1);
  await expect(block.getByTestId('group-block-name')).toHaveText('Network');
  await expect(block.getByTestId('block-handle-in-dense1.input')).toHaveCount(1);
  await expect(block.getByTestId('block-handle-out-out.output')).toHaveCount(1);
  await expect(block).toContainText('tensor');
  await expect(page.getByTestId('node-dense')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('network-block.png') });

  await block.getByTestId('group-expand').click();
  await expect(page.getByTestId('group-block')).toHaveCount(0);
  await expect(page.getByTestId('node-dense')).toHaveCount(3);
  await expect(page.getByTestId('group-frame')).toHaveCount(1);
  await expect(page.getByTestId('group-frame')).toContainText('Network');

  // Select Loss and Optimizer, then Ctrl+G asks for a name.
  await page.keyboard.press('f');
  await page.getByTestId('node-loss').locator('.op-node-header').click();
  await page
    .getByTestId('node-optimizer')
    .locator('.op-node-header')
    .click({ modifiers: ['Control'] });
  page.once('dialog', (d) => void d.accept('Objective'));
  await page.keyboard.press('ControlOrMeta+g');
  await expect(page.getByTestId('group-frame')).toHaveCount(2);
  await expect(page.getByTestId('group-frame').filter({ hasText: 'Objective' })).toHaveCount(1);

  // Collapse it: one block whose typed ports are the wires crossing its boundary.
  await page
    .getByTestId('group-frame')
    .filter({ hasText: 'Objective' })
    .getByTestId('group-collapse')
    .click();
  const objective = page.getByTestId('group-block').filter({ hasText: 'Objective' });
  await expect(objective).toHaveCount(1);
  await expect(objective.getByTestId('block-handle-in-loss.logits')).toHaveCount(1);
  await expect(objective.getByTestId('block-handle-out-adam.model')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('expanded-and-collapsed.png') });

  // Undo the collapse, redo it: the history covers groups like any other edit.
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('group-block')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(objective).toHaveCount(1);

  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('toast').filter({ hasText: /Saved version \d+/ })).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  await page.reload();
  await expect(page.getByTestId('group-block').filter({ hasText: 'Objective' })).toHaveCount(1);
  await expect(page.getByTestId('group-frame').filter({ hasText: 'Network' })).toHaveCount(1);

  // The selected block's inspector lists its typed ports and renames it.
  await page.getByTestId('group-block').filter({ hasText: 'Objective' }).locator('.op-node-header').click();
  await expect(page.getByTestId('group-inputs')).toContainText('Loss · Logits (tensor)');
  await expect(page.getByTestId('group-outputs')).toContainText('(model)');
  await page.getByTestId('group-name').fill('Loss and optimizer');
  await page.getByTestId('group-name').press('Enter');
  await expect(page.getByTestId('group-block-name')).toHaveText('Loss and optimizer');

  await page.getByTestId('train').click();
  await expect(page.getByTestId('run-page')).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout: 60_000 });
});
