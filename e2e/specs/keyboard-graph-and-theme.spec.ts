import { expect, test } from '@playwright/test';
import { createProject } from '../support/projects';

// Building without a mouse: "/" finds an op, Enter places it (selected), C offers only legal wires, Enter adds
// one, L tidies; and the theme toggle switches to dark and is remembered across a reload.
test('a graph built with the keyboard only, tidied with L; dark mode toggled and remembered', async ({
  page,
}) => {
  await createProject(page, 'Keyboard only');
  const place = async (query: string, op: string) => {
    await page.keyboard.press('/');
    await expect(page.getByTestId('palette-search')).toBeFocused();
    await page.keyboard.type(query);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId(`node-${op}`)).toHaveCount(1);
  };
  await place('dataset', 'dataset');
  await place('split', 'split');

  // The split is selected: C lists the wires it may take, and Enter in the filter adds the first match.
  await page.keyboard.press('c');
  const dialog = page.getByTestId('connect-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('connect-search')).toBeFocused();
  await expect(page.getByTestId('connect-option')).toHaveText(['Dataset · Table → Split · Table']);
  await page.keyboard.type('table');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);

  // L lays the two nodes out left to right, as one undo step.
  await page.keyboard.press('l');
  await expect(page.getByTestId('toast').filter({ hasText: 'Tidied' })).toBeVisible();
  const gap = async () => {
    const d = await page.getByTestId('node-dataset').boundingBox();
    const s = await page.getByTestId('node-split').boundingBox();
    return d && s ? { right: s.x - (d.x + d.width), rows: Math.abs(s.y - d.y) } : null;
  };
  await expect.poll(gap).toMatchObject({ right: expect.any(Number) });
  await expect.poll(async () => (await gap())!.right > 0 && (await gap())!.rows < 40).toBe(true);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);

  // Dark mode: the toggle cycles Auto → Light → Dark, and the choice survives a reload.
  const html = page.locator('html');
  const toggle = page.getByTestId('theme-toggle');
  while ((await toggle.getAttribute('data-theme-choice')) !== 'dark') await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: 'artifacts/keyboard-graph-dark.png' });
  page.once('dialog', (d) => void d.accept());
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme-choice', 'dark');
});
