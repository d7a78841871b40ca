import { expect, test } from '@playwright/test';
import { clickEmptyCanvas } from '../support/editor';
import { createProject } from '../support/projects';

test('the projects list opens the seeded demo, and a project can be created and deleted', async ({
  page,
}) => {
  // Screens load on demand: the projects list fetches no editor, run or evaluation code.
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto('/');
  const demo = page.getByTestId('project-row').filter({ hasText: 'German credit demo' });
  await expect(demo).toBeVisible();
  expect(scripts.some((s) => s.includes('projects-page'))).toBe(true);
  expect(scripts.filter((s) => /editor-page|run-page|compare-page|deployment-page/.test(s))).toEqual([]);
  // The top bar says where models train; this machine has no GPU, and the badge's tooltip says why.
  const engine = page.getByTestId('engine-badge');
  await expect(engine).toHaveText(/^CPU · \d+ thr$/);
  await expect(engine).toHaveAttribute('title', /^Training and predictions run on the CPU, .+ No GPU: .+\.$/);
  await page.screenshot({ path: 'artifacts/projects-list.png' });

  await demo.getByTestId('open-project').click();
  await expect(page.getByTestId('editor')).toBeVisible();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await clickEmptyCanvas(page);
  await page.screenshot({ path: 'artifacts/editor-demo-project.png' });

  // Shift-drag on empty canvas draws a selection box around every node.
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('canvas is not visible');
  await page.keyboard.down('Shift');
  await page.mouse.move(canvas.x + 5, canvas.y + 5);
  await page.mouse.down();
  await page.mouse.move(canvas.x + canvas.width - 5, canvas.y + canvas.height - 5, { steps: 10 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  const total = await page.locator('.react-flow__node').count();
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(total);

  await page.getByTestId('back-to-projects').click();
  await createProject(page, 'Throwaway');
  await page.getByTestId('back-to-projects').click();
  const row = page.getByTestId('project-row').filter({ hasText: 'Throwaway' });
  await expect(row).toBeVisible();
  page.once('dialog', (d) => void d.accept());
  await row.getByTestId('delete-project').click();
  await expect(row).toHaveCount(0);
  await expect(demo).toBeVisible();
});

test('saving an incomplete graph is refused, with the problems listed on the node and in the panel', async ({
  page,
}) => {
  await createProject(page, 'Incomplete');
  await page.getByTestId('palette-item-dataset').press('Enter');
  const node = page.getByTestId('node-dataset');
  await expect(node.getByTestId('node-problem-badge')).toBeVisible();
  await expect(node.getByTestId('node-problem')).toContainText('datasetId is required');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('toast').filter({ hasText: 'not saved' })).toBeVisible();
  await expect(page.getByTestId('problems-list')).toContainText('choose a dataset');
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await page.screenshot({ path: 'artifacts/save-refused.png' });
});
