import { expect, test, type Page } from '@playwright/test';
import {
  clickEmptyCanvas,
  configureDataset,
  dragWire,
  handle,
  saveWithKeyboard,
  selectNode,
  uploadDataset,
} from '../support/editor';
import { germanCreditCsv } from '../support/data';
import { createProject } from '../support/projects';

const nodes = (page: Page) => page.locator('.react-flow__node');
const selected = (page: Page) => page.locator('.react-flow__node.selected');

/** Adds a node from the palette with the keyboard: focus the entry, press Enter. */
async function keyboardAdd(page: Page, op: string): Promise<void> {
  await page.getByTestId(`palette-item-${op}`).press('Enter');
  await expect(page.getByTestId(`node-${op}`).last()).toBeVisible();
}

/** A legal Dataset -> Split graph built with the keyboard and one real drag, saved as version 1. */
async function datasetToSplit(page: Page, name: string): Promise<void> {
  await createProject(page, name);
  await uploadDataset(page, germanCreditCsv);
  await keyboardAdd(page, 'dataset');
  await configureDataset(page, page.getByTestId('node-dataset'));
  await page.getByTestId('palette-search').fill('split');
  await expect(page.getByTestId('palette-item-dataset')).toHaveCount(0);
  await keyboardAdd(page, 'split');
  await page.getByTestId('palette-search').fill('');

  // Move Split to the right of Dataset with a real drag: one undo step however many pointer moves.
  const box = await page.getByTestId('node-split').locator('.op-node-header').boundingBox();
  if (!box) throw new Error('split node is not visible');
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 300, box.y - 40, { steps: 12 });
  await page.mouse.up();
  await dragWire(
    page,
    handle(page.getByTestId('node-dataset'), 'out', 'table'),
    handle(page.getByTestId('node-split'), 'in', 'table'),
  );
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await saveWithKeyboard(page, 1);
}

test('keyboard shortcuts edit the graph, and versions can be viewed read-only and compared', async ({
  page,
}) => {
  await datasetToSplit(page, 'Shortcuts and versions');

  await clickEmptyCanvas(page);
  await page.keyboard.press('ControlOrMeta+a');
  await expect(selected(page)).toHaveCount(2);
  await page.keyboard.press('ControlOrMeta+c');
  await page.keyboard.press('ControlOrMeta+v');
  await expect(nodes(page)).toHaveCount(4);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(selected(page)).toHaveCount(2);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(nodes(page)).toHaveCount(2);
  await page.keyboard.press('ControlOrMeta+y');
  await expect(nodes(page)).toHaveCount(4);
  await page.keyboard.press('Delete');
  await expect(nodes(page)).toHaveCount(2);

  // Shift-click adds to the selection; Backspace deletes both with their wire; one undo brings all back.
  await selectNode(page.getByTestId('node-dataset'));
  await page
    .getByTestId('node-split')
    .locator('.op-node-header')
    .click({ modifiers: ['Shift'] });
  await expect(selected(page)).toHaveCount(2);
  await page.keyboard.press('Backspace');
  await expect(nodes(page)).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(nodes(page)).toHaveCount(2);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);

  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-help')).toBeVisible();
  await page.screenshot({ path: 'artifacts/shortcuts-help.png' });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-help')).toHaveCount(0);
  await page.keyboard.press('f');

  await selectNode(page.getByTestId('node-split'));
  await page.getByTestId('param-seed').fill('7');
  await page.getByTestId('param-seed').press('Enter');
  await clickEmptyCanvas(page);
  await saveWithKeyboard(page, 2);

  await page.getByTestId('tab-versions').click();
  await expect(page.getByTestId('version-row')).toHaveCount(2);
  await page.getByTestId('version-row').nth(1).getByTestId('open-version').click();
  await expect(page.getByTestId('readonly-banner')).toContainText('Viewing version 1');
  await expect(page.getByTestId('save')).toBeDisabled();
  await selectNode(page.getByTestId('node-split'));
  await page.getByTestId('tab-inspector').click();
  await expect(page.getByTestId('param-seed')).toHaveValue('42');
  await page.getByTestId('back-to-current').click();
  await expect(page.getByTestId('readonly-banner')).toHaveCount(0);

  await page.getByTestId('tab-versions').click();
  await page.getByTestId('diff-from').selectOption({ label: 'v1' });
  await page.getByTestId('diff-to').selectOption({ label: 'v2' });
  await expect(page.getByTestId('diff-list')).toContainText('seed');
  await page.screenshot({ path: 'artifacts/versions-diff.png' });
});

// Two tabs edit the same project: the later save is stale, and nothing is lost.
test('a stale save opens a dialog; loading the latest keeps local edits one undo away', async ({
  page,
  context,
}) => {
  await datasetToSplit(page, 'Stale save');

  const other = await context.newPage();
  await other.goto(page.url());
  await selectNode(other.getByTestId('node-split'));
  await other.getByTestId('param-method').selectOption('random');
  await saveWithKeyboard(other, 2);
  await other.close();

  await selectNode(page.getByTestId('node-split'));
  await page.getByTestId('param-seed').fill('99');
  await page.getByTestId('param-seed').press('Enter');
  await clickEmptyCanvas(page);
  await page.keyboard.press('ControlOrMeta+s');
  const dialog = page.getByTestId('stale-dialog');
  await expect(dialog).toContainText('saved version 2');
  await page.screenshot({ path: 'artifacts/stale-dialog.png' });
  // A modal that needs an answer: Esc leaves it open, with the focus on its default choice.
  await expect(page.getByTestId('stale-load-latest')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();

  await page.getByTestId('stale-load-latest').click();
  await expect(dialog).toHaveCount(0);
  await selectNode(page.getByTestId('node-split'));
  await expect(page.getByTestId('param-method')).toHaveValue('random');
  await expect(page.getByTestId('param-seed')).toHaveValue('42');

  await clickEmptyCanvas(page);
  await page.keyboard.press('ControlOrMeta+z');
  await selectNode(page.getByTestId('node-split'));
  await expect(page.getByTestId('param-seed')).toHaveValue('99');
  await expect(page.getByTestId('param-method')).toHaveValue('stratified');

  // Saving now builds on version 2; theirs stays in the history.
  await clickEmptyCanvas(page);
  await saveWithKeyboard(page, 3);

  // Another conflict, answered with "Keep editing": the local graph stays and the next save wins.
  const third = await context.newPage();
  await third.goto(page.url());
  await selectNode(third.getByTestId('node-split'));
  await third.getByTestId('param-testFraction').fill('0.4');
  await third.getByTestId('param-testFraction').press('Enter');
  await saveWithKeyboard(third, 4);
  await third.close();

  await selectNode(page.getByTestId('node-split'));
  await page.getByTestId('param-seed').fill('123');
  await page.getByTestId('param-seed').press('Enter');
  await clickEmptyCanvas(page);
  await page.keyboard.press('ControlOrMeta+s');
  await expect(dialog).toContainText('saved version 4');
  await page.getByTestId('stale-keep').click();
  await expect(dialog).toHaveCount(0);
  await saveWithKeyboard(page, 5);
  await selectNode(page.getByTestId('node-split'));
  await expect(page.getByTestId('param-seed')).toHaveValue('123');
  await expect(page.getByTestId('param-testFraction')).toHaveValue('0.3');
  await page.getByTestId('tab-versions').click();
  await expect(page.getByTestId('version-row')).toHaveCount(5);
});
