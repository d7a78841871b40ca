import { expect, type Page } from '@playwright/test';

/**
 * Waits on the run page until the run succeeded and its evaluation is on screen. With `progress`, also checks
 * the live progress bar was shown and ends full.
 */
export async function waitForEvaluation(
  page: Page,
  { progress = false, timeout = 45_000 } = {},
): Promise<void> {
  await expect(page.getByTestId('run-page')).toBeVisible();
  if (progress) await expect(page.getByTestId('run-progress')).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText('Succeeded', { timeout });
  await expect(page.getByTestId('evaluation')).toBeVisible();
  if (progress) await expect(page.getByTestId('run-progress')).toHaveAttribute('aria-valuenow', '100');
}
