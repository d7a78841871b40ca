import { expect, type Locator, type Page } from '@playwright/test';

/** Uploads a CSV through the Data tab's file input and waits until it is listed. */
export async function uploadDataset(page: Page, file: string): Promise<void> {
  await page.getByTestId('tab-datasets').click();
  await page.getByTestId('dataset-file-input').setInputFiles(file);
  await expect(page.getByTestId('dataset-row')).toHaveCount(1, { timeout: 30_000 });
}

/** Drags a palette entry onto the canvas with the real mouse (HTML5 drag and drop), at canvas-relative x,y. */
export async function dragFromPalette(page: Page, op: string, x: number, y: number): Promise<Locator> {
  const before = await page.getByTestId(`node-${op}`).count();
  const item = page.getByTestId(`palette-item-${op}`);
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('canvas is not visible');
  await item.hover();
  await page.mouse.down();
  await page.mouse.move(canvas.x + x, canvas.y + y, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId(`node-${op}`)).toHaveCount(before + 1);
  return page.getByTestId(`node-${op}`).last();
}

/** A node's handle: `in` for an input port, `out` for an output port. */
export function handle(node: Locator, side: 'in' | 'out', port: string): Locator {
  return node.getByTestId(`handle-${side}-${port}`);
}

/**
 * Drags a wire from one handle to another with the real mouse; `beforeDrop` runs while the wire hovers
 * over the target, to check the live feedback before letting go.
 */
export async function dragWire(
  page: Page,
  from: Locator,
  to: Locator,
  beforeDrop?: () => Promise<void>,
): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('handle is not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  if (beforeDrop) await beforeDrop();
  await page.mouse.up();
}

/** Clicks a node's header to select it (the header, so the click does not start a wire on a handle). */
export async function selectNode(node: Locator): Promise<void> {
  await node.locator('.op-node-header').click();
}

/** Saves with the keyboard and waits for the confirmation. */
export async function saveWithKeyboard(page: Page, version: number): Promise<void> {
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('toast').filter({ hasText: `Saved version ${version}` })).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
}

/** Points a Dataset node at the project's first uploaded dataset, with `target` as the column to predict. */
export async function configureDataset(page: Page, node: Locator, target = 'creditability'): Promise<void> {
  await selectNode(node);
  await page.getByTestId('tab-inspector').click();
  const select = page.getByTestId('param-datasetId');
  await select.selectOption({ index: 1 });
  await page.getByTestId('param-target').selectOption(target);
}

/** Clicks an empty corner of the canvas: clears the selection and takes focus out of inspector fields. */
export async function clickEmptyCanvas(page: Page): Promise<void> {
  await page.getByTestId('canvas').click({ position: { x: 30, y: 30 } });
}

/** The ops on the canvas, sorted: the graph's shape as an analyst sees it. */
export async function canvasOps(page: Page): Promise<string[]> {
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  const ids = await page
    .locator('.react-flow__node [data-testid^="node-"]')
    .evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-testid') ?? '').filter((id) => !id.startsWith('node-problem')),
    );
  return ids.sort();
}
